import Foundation

/// Each team's next drill as an iCalendar file (RFC 5545), for `drill due --format ics`: one
/// all-day event per team on the day its next drill is due (the day planned from, when it is
/// overdue), repeating at the team's cadence.
///
/// Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text values
/// escape backslash, semicolon, comma and line breaks. Each event's UID is derived from the
/// team's name, so importing a newer file updates the event instead of adding a second one.
public enum DrillCalendar {
    /// The calendar for `schedules`, stamped `now` (DTSTAMP).
    public static func ics(_ schedules: [DrillSchedule], now: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//drill//Incident drill schedule//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + text("Incident drills")]
        let stamp = timestamp(now)
        for schedule in schedules {
            // An overdue drill goes on the day planned from, not into the past where no one looks.
            let day = schedule.nextDrillDue.adding(days: schedule.daysOverdue)
            var description = ["\(schedule.team): drill \(schedule.cadenceSpoken)" + (schedule.cadenceIsDefault ? " (the default; set drills.every in the preparedness file)" : "") + "."]
            if let last = schedule.lastDrill {
                description.append("Last drill: \(last.playedOn), \(last.scenarioId) (run \(last.runId))" + (last.backfilled ? ", recorded later" : "") + ".")
            } else {
                description.append("No drill recorded yet.")
            }
            if schedule.daysOverdue > 0 {
                description.append("Overdue by \(schedule.daysOverdue) day\(schedule.daysOverdue == 1 ? "" : "s"): it was due on \(schedule.nextDrillDue).")
            }
            if !schedule.kindsNotExercised.isEmpty {
                description.append("Not exercised in 12 months: " + schedule.kindsNotExercised.map(\.rawValue).joined(separator: ", ") + ".")
            }
            if let next = schedule.suggestion {
                description.append("Suggested: \(next.scenarioId) (\(next.title)), because " + next.reasons.joined(separator: "; ") + ".")
                description.append("Play it with: drill run \(next.scenarioId)")
            }
            lines += [
                "BEGIN:VEVENT",
                "UID:" + uid(team: schedule.team),
                "DTSTAMP:" + stamp,
                "DTSTART;VALUE=DATE:" + date(day),
                "DTEND;VALUE=DATE:" + date(day.adding(days: 1)),
                "SUMMARY:" + text("Incident drill due: \(schedule.team)"),
                "DESCRIPTION:" + text(description.joined(separator: "\n")),
                "TRANSP:TRANSPARENT",
            ]
            if let rule = recurrence(schedule.cadence) { lines.append("RRULE:" + rule) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined()
    }

    /// `drill-<first 16 hex digits of the team name's SHA-256>@drill`: the same team, the same event.
    static func uid(team: String) -> String {
        "drill-due-" + String(ContentHash.sha256(team).prefix(16)) + "@drill"
    }

    /// A TEXT value escaped (RFC 5545 §3.3.11).
    public static func text(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\r\n", "\n", "\r": result += "\\n"
            default:
                // Other control characters are not allowed in a TEXT value.
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                   scalar.value < 0x20 || scalar.value == 0x7F {
                    result += " "
                } else {
                    result.append(character)
                }
            }
        }
        return result
    }

    /// One content line, folded so that no line is longer than 75 octets, with its CRLF.
    public static func fold(_ line: String) -> String {
        var result = ""
        var length = 0
        for character in line {
            let octets = String(character).utf8.count
            if length + octets > 75 {
                result += "\r\n "
                length = 1
            }
            result.append(character)
            length += octets
        }
        return result + "\r\n"
    }

    private static func date(_ day: CalendarDate) -> String {
        day.description.replacingOccurrences(of: "-", with: "")
    }

    private static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = CalendarDate(daysSinceEpoch: Int((Double(seconds) / 86_400).rounded(.down)))
        let into = seconds - day.daysSinceEpoch * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return self.date(day) + "T" + two(into / 3600) + two(into % 3600 / 60) + two(into % 60) + "Z"
    }

    /// An RRULE for a cadence in months, weeks or days.
    private static func recurrence(_ compact: String) -> String? {
        guard let span = TimeSpan(parsing: compact) else { return nil }
        if let months = span.wholeMonths { return "FREQ=MONTHLY;INTERVAL=\(months)" }
        let days = span.hours / TimeSpan.hoursPerDay
        guard days >= 1, days == days.rounded() else { return nil }
        return Int(days) % 7 == 0 ? "FREQ=WEEKLY;INTERVAL=\(Int(days) / 7)" : "FREQ=DAILY;INTERVAL=\(Int(days))"
    }
}
