import Foundation
import Testing

/// A team's folder: two scenarios whose contact and log needs take the same fixes, three
/// preparedness files (gaps, the partner engaged, everything in place), and a database.
private struct TeamWorkspace {
    let workspace: DrillWorkspace

    static func scenario(id: String, partner: String) -> String {
        """
        id: \(id)
        title: Odd exports (\(id))
        kind: data-exposure
        summary: Odd exports in the audit log.
        objectives: [Reach the partner within the hour.]
        onset: 40d
        discovered: Saturday 23:40 UTC
        needs:
          - { id: \(partner), pillar: contacts, role: incident-response-partner, within: 2h }
          - { id: trail, pillar: logs, events: [admin-actions] }
        deadlines:
          - { id: vendor, title: Vendor told, due: 24h, takes: 2h, needs: [\(partner)] }
        injects:
          - id: one
            at: +0h
            title: First signs
            narrative: Odd exports in the audit log.
            prompts:
              - id: first
                kind: single-choice
                question: What now?
                options:
                  - { id: contain, text: Contain and preserve the evidence, correct: true }
                  - { id: wipe, text: Wipe the server }
              - { id: notify, kind: yes-no, question: Tell the vendor now?, expected: yes }
        """
    }

    static func team(partner: Bool, logs: Bool, confirmed: String, cadence: String? = nil) -> String {
        """
        team: Quarterly Team
        policy: { contactsConfirmedWithin: 36mo }
        \(cadence.map { "drills: { every: \($0) }" } ?? "")
        contacts:
        \(partner ? """
          - role: incident-response-partner
            name: Blue Harbor Security
            channels: [{ phone: "+44 20 7946 0321" }]
            availability: 24x7
            confirmed: \(confirmed)
            storedOffPlatform: true
        """ : "")
          - role: platform-vendor
            name: Vendor desk
            channels: [{ email: sec@vendor.example }]
            availability: 24x7
            confirmed: \(confirmed)
            storedOffPlatform: true
        logs:
          - source: audit
            covers: [admin-actions]
            timestamps: with-zone
            retention: \(logs ? "400d" : "30d")
            storage: log bucket
            restricted: true
            accessRecorded: true
            review: automated
        backups: []

        """
    }

    /// Today (UTC) and whole months back from it.
    static func day(monthsAgo: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(byAdding: .month, value: -monthsAgo, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// `months` calendar months after a `YYYY-MM-DD` day, the day clamped to the month's length.
    static func day(months: Int, after day: String) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
        let date = calendar.date(byAdding: .month, value: months, to: start)!
        let result = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", result.year!, result.month!, result.day!)
    }

    init() throws {
        let confirmed = Self.day(monthsAgo: 10)
        workspace = try DrillWorkspace(
            scenarios: ["exports-audit": Self.scenario(id: "exports-audit", partner: "partner"),
                        "exports-support": Self.scenario(id: "exports-support", partner: "ir-partner")],
            files: ["gaps.yaml": Self.team(partner: false, logs: false, confirmed: confirmed),
                    "partner.yaml": Self.team(partner: true, logs: false, confirmed: confirmed),
                    "preparedness.yaml": Self.team(partner: true, logs: true, confirmed: confirmed, cadence: "2mo"),
                    "answers.yaml": "first: contain\nnotify: \"yes\"\n"])
    }

    var folder: URL { workspace.folder }

    func drill(_ arguments: [String]) throws -> DrillProcess.Output { try workspace.drill(arguments) }

    /// Plays a scripted drill and returns its run id.
    func play(_ scenario: String, team: String, playedOn: String? = nil) throws -> String {
        try workspace.play([scenario, "--answers", "answers.yaml", "--team", team, "--facilitator", "Ana"]
            + (playedOn.map { ["--played-on", $0] } ?? []))
    }

    func json(_ arguments: [String]) throws -> [String: Any] { try workspace.json(arguments) }
}

@Suite("Improvement items, backfilled drills, cadence, calendar and CSV, end to end", .serialized)
struct ItemsScheduleCommandTests {
    @Test("Six drills over four quarters, three backfilled: the trends table, the items and the schedule read plainly")
    func quarterOfDrills() throws {
        let workspace = try TeamWorkspace()
        // Three quarters ago, two and one: recorded today, played then.
        let first = try workspace.play("exports-audit", team: "gaps.yaml", playedOn: TeamWorkspace.day(monthsAgo: 9))
        let second = try workspace.play("exports-support", team: "gaps.yaml", playedOn: TeamWorkspace.day(monthsAgo: 6))
        let third = try workspace.play("exports-audit", team: "partner.yaml", playedOn: TeamWorkspace.day(monthsAgo: 3))
        // This quarter, live.
        let fourth = try workspace.play("exports-support", team: "partner.yaml")
        let fifth = try workspace.play("exports-audit", team: "preparedness.yaml")
        let sixth = try workspace.play("exports-support", team: "partner.yaml")

        // Runs and show say which drills were backfilled.
        let runs = try workspace.drill(["runs"])
        #expect(runs.stdout.contains("PLAYED (UTC)"))
        #expect(runs.stdout.components(separatedBy: "backfilled").count - 1 == 3)
        let shown = try workspace.drill(["show", first])
        #expect(shown.stdout.contains("Backfilled: played on \(TeamWorkspace.day(monthsAgo: 9))"))
        #expect(!(try workspace.drill(["show", fifth])).stdout.contains("Backfilled"))
        let listed = try #require(DrillProcess.list(try workspace.drill(["runs", "--format", "json"]).stdout, "runs"))
        #expect(listed.compactMap { $0["playedOn"] as? String }.count == 3)

        // The trend: one row per quarter, by the day each drill was played.
        let trend = try workspace.json(["report", "--team", "Quarterly Team", "--format", "json"])
        let quarters = try #require(trend["quarters"] as? [[String: Any]])
        #expect(quarters.map { $0["drills"] as? Int } == [1, 1, 1, 3])
        #expect((trend["drills"] as? [[String: Any]])?.map { $0["runId"] as? String } == [first, second, third, fourth, fifth, sixth])
        // Items: one per fix, naming both scenarios; the contact closed when both scenarios met it.
        let open = try #require(trend["openItems"] as? [[String: Any]])
        let closed = try #require(trend["closedItems"] as? [[String: Any]])
        #expect(open.map { $0["fixKey"] as? String } == ["logs[audit]"])
        #expect(closed.map { $0["fixKey"] as? String } == ["contacts[incident-response-partner]"])
        #expect(closed.first?["closedByRunId"] as? String == fourth)
        #expect((open.first?["seenInRunIds"] as? [String]) == [first, second, third, fourth, sixth])
        #expect((open.first?["needs"] as? [[String: Any]])?.map { $0["status"] as? String } == ["met", "unmet"])
        #expect(open.first?["openAfterTwoDrills"] as? Bool == true)
        #expect(quarters.map { $0["itemsOpened"] as? Int } == [2, 0, 0, 0])
        #expect(quarters.map { $0["itemsClosed"] as? Int } == [0, 0, 0, 1])
        #expect(quarters.map { $0["itemsOpenAtEnd"] as? Int } == [2, 2, 2, 1])

        let text = try workspace.drill(["report", "--team", "Quarterly Team"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("Drill trends: Quarterly Team"))
        #expect(text.stdout.contains("6 finished drills"))
        #expect(text.stdout.contains("3 recorded after they were held"))
        #expect(text.stdout.contains("exports-audit/trail, exports-support/trail"))
        #expect(text.stdout.contains("#1 contacts[incident-response-partner] (exports-audit/partner, exports-support/ir-partner):"))
        #expect(text.stdout.contains("closed by run \(fourth)"))
        #expect(text.stdout.contains("Still open after two or more drills: #2"))

        // The same table for a spreadsheet.
        let csv = try workspace.drill(["report", "--team", "Quarterly Team", "--format", "csv"])
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        try #require(rows.count == 5, "\(rows)")
        #expect(rows[0].hasPrefix("team,quarter,start,drills,overall"))
        #expect(rows.dropFirst().map { $0.split(separator: ",")[3] } == ["1", "1", "1", "3"])

        // The history of the open item: opened by the first, found again, one scenario met, found again.
        let history = try workspace.drill(["actions", "show", "2"])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("opened by run \(first)"))
        #expect(history.stdout.contains("found again by run \(second) (exports-support/trail)"))
        #expect(history.stdout.contains("run \(fifth) found the need met (exports-audit/trail)"))
        _ = sixth

        // Due: the last drill was today; the team drills every two months.
        let due = try #require(DrillProcess.list(try workspace.drill(["due", "--format", "json"]).stdout, "teams"))
        #expect(due.first?["cadence"] as? String == "2mo")
        #expect(due.first?["nextDrillDue"] as? String == TeamWorkspace.day(months: 2, after: TeamWorkspace.day(monthsAgo: 0)))
        #expect(due.first?["due"] as? Bool == false)
    }

    @Test("actions accept, note and show: an accepted risk is shown in lists and reports, audited, and refused for a closed item")
    func acceptAndNote() throws {
        let workspace = try TeamWorkspace()
        _ = try workspace.play("exports-audit", team: "gaps.yaml")
        let until = TeamWorkspace.day(monthsAgo: -3)
        let accepted = try workspace.drill(["actions", "accept", "#2", "--reason", "Log vendor moves us to 13 months in Q1", "--until", until])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("risk accepted until \(until)"))
        #expect(try workspace.drill(["actions", "note", "2", "Vendor ticket LV-1182"]).status == 0)
        let list = try workspace.drill(["actions"])
        #expect(list.stdout.contains("risk accepted until \(until)"))
        let items = try #require(DrillProcess.list(try workspace.drill(["actions", "--format", "json"]).stdout, "items"))
        let logs = try #require(items.first { $0["fixKey"] as? String == "logs[audit]" })
        #expect(logs["status"] as? String == "risk-accepted")
        #expect((logs["acceptance"] as? [String: Any])?["reason"] as? String == "Log vendor moves us to 13 months in Q1")
        let show = try workspace.json(["actions", "show", "2", "--format", "json"])
        #expect((show["notes"] as? [[String: Any]])?.first?["text"] as? String == "Vendor ticket LV-1182")
        #expect((show["history"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } == ["opened", "risk-accepted", "note"])
        let trend = try workspace.json(["report", "--team", "Quarterly Team", "--format", "json"])
        #expect((trend["openItems"] as? [[String: Any]])?.contains { $0["status"] as? String == "risk-accepted" } == true)
        let audit = try workspace.drill(["audit"])
        #expect(audit.stdout.contains("improvement.risk-accepted") && audit.stdout.contains("improvement.noted"))

        #expect(try workspace.drill(["actions", "accept", "2", "--reason", "x", "--until", "2001-01-01"]).status == 64)
        #expect(try workspace.drill(["actions", "accept", "2", "--reason", " ", "--until", until]).status == 64)
        #expect(try workspace.drill(["actions", "accept", "99", "--reason", "x", "--until", until]).status == 66)
        #expect(try workspace.drill(["actions", "note", "x2", "text"]).status == 64)
        _ = try workspace.play("exports-audit", team: "preparedness.yaml")
        let refused = try workspace.drill(["actions", "accept", "1", "--reason", "x", "--until", until])
        #expect(refused.status == 64 && refused.stderr.contains("is closed"))
        #expect(try workspace.drill(["verify"]).status == 0)
    }

    @Test("--played-on refuses a day in the future, judges records on the day played, and the run says it was backfilled")
    func playedOnValidation() throws {
        let workspace = try TeamWorkspace()
        let future = try workspace.drill(["run", "exports-audit", "--answers", "answers.yaml", "--team", "gaps.yaml", "--played-on", TeamWorkspace.day(monthsAgo: -1)])
        #expect(future.status == 64 && future.stderr.contains("in the future"))
        let playedOn = TeamWorkspace.day(monthsAgo: 4)
        let id = try workspace.play("exports-audit", team: "gaps.yaml", playedOn: playedOn)
        let transcript = try workspace.json(["show", id, "--format", "json"])
        #expect(transcript["playedOn"] as? String == playedOn && transcript["asOf"] as? String == playedOn)
        // A preparedness record dated after the day played cannot have been there.
        try TeamWorkspace.team(partner: true, logs: true, confirmed: TeamWorkspace.day(monthsAgo: 1)).write(
            to: workspace.folder.appendingPathComponent("later.yaml"), atomically: true, encoding: .utf8)
        let later = try workspace.drill(["run", "exports-audit", "--answers", "answers.yaml", "--team", "later.yaml", "--played-on", playedOn])
        #expect(later.status == 65, "\(later.stderr)")
        // Export and import keep it, sealed.
        let export = try workspace.drill(["export", id, "--format", "json", "--output", "out"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try workspace.drill(["verify"]).status == 0)
        // The transcript and the after-action report say it was backfilled, and when it was played.
        #expect(try workspace.drill(["export", id, "--format", "markdown", "--output", "md"]).status == 0)
        let folder = workspace.folder.appendingPathComponent("md")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".md") })
        let markdown = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        #expect(markdown.contains("| Played on | \(playedOn) (backfilled"), "\(markdown.prefix(800))")
        let report = try workspace.drill(["report", id, "--format", "markdown"])
        #expect(report.stdout.contains("| Played | \(playedOn), backfilled (recorded"), "\(report.stdout.prefix(1200))")
    }

    @Test("due --format ics writes a valid iCalendar file with the next drill per team")
    func icsCalendar() throws {
        let workspace = try TeamWorkspace()
        _ = try workspace.play("exports-audit", team: "gaps.yaml", playedOn: TeamWorkspace.day(monthsAgo: 5))
        let result = try workspace.drill(["due", "--format", "ics", "-o", "drills.ics"])
        #expect(result.status == 0, "\(result.stderr)")
        let data = try Data(contentsOf: workspace.folder.appendingPathComponent("drills.ics"))
        let text = String(decoding: data, as: UTF8.self)
        let events = try ICalendarCheck.parse(text)
        // The current team (preparedness.yaml, every 2 months) and the one whose run is stored are the same team.
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event["SUMMARY"] == "Incident drill due: Quarterly Team")
        // Every two months from the drill five months ago: overdue, so on today, saying since when.
        #expect(event["DTSTART"] == TeamWorkspace.day(monthsAgo: 0).replacingOccurrences(of: "-", with: ""))
        #expect(event["DESCRIPTION"]?.contains("it was due on \(TeamWorkspace.day(months: 2, after: TeamWorkspace.day(monthsAgo: 5)))") == true)
        #expect(event["RRULE"] == "FREQ=MONTHLY;INTERVAL=2")
        #expect(event["UID"]?.hasSuffix("@drill") == true)
        #expect(event["DESCRIPTION"]?.contains("Overdue by") == true)
        if ICalendarCheck.pythonHasICalendar {
            let check = try DrillProcess.run(["python3", "-c", """
                import sys, icalendar
                cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
                events = [c for c in cal.walk('VEVENT')]
                assert len(events) == 1, events
                print(events[0].get('SUMMARY'))
                """, workspace.folder.appendingPathComponent("drills.ics").path], executable: "/usr/bin/env")
            #expect(check.status == 0, "\(check.stderr)")
            #expect(check.stdout.contains("Incident drill due: Quarterly Team"))
        }
    }

    @Test("runs and actions take --format csv: RFC 4180 with a header row, formula cells guarded")
    func csvLists() throws {
        let workspace = try TeamWorkspace()
        _ = try workspace.play("exports-audit", team: "gaps.yaml")
        _ = try workspace.drill(["actions", "note", "1", "x"])
        _ = try workspace.drill(["actions", "set", "1", "--owner", "=HYPERLINK(\"http://x\")"])
        let runs = try workspace.drill(["runs", "--format", "csv"])
        #expect(runs.stdout.hasPrefix("runId,team,scenarioId,scenarioKind,mode,status,startedAt,playedOn,backfilled,endedAt,overallScore\r\n"))
        #expect(runs.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
        let actions = try workspace.drill(["actions", "--format", "csv"])
        #expect(actions.status == 0, "\(actions.stderr)")
        let lines = actions.stdout.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("item,team,status,state,fix,pillar,action"))
        #expect(actions.stdout.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","))
    }
}

/// A strict reader of the iCalendar the tests need: CRLF only, lines of at most 75 octets, folded
/// lines unfolded, BEGIN/END balanced, every VEVENT with UID, DTSTAMP, DTSTART; text unescaped.
enum ICalendarCheck {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func parse(_ text: String) throws -> [[String: String]] {
        guard text.hasSuffix("\r\n") else { throw Failure(description: "does not end with CRLF") }
        let physical = text.components(separatedBy: "\r\n").dropLast()
        var logical: [String] = []
        for line in physical {
            if line.contains("\n") || line.contains("\r") { throw Failure(description: "a bare line break in \(line)") }
            if line.utf8.count > 75 { throw Failure(description: "a line of \(line.utf8.count) octets: \(line)") }
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                guard !logical.isEmpty else { throw Failure(description: "a continuation first") }
                logical[logical.count - 1] += line.dropFirst()
            } else {
                logical.append(line)
            }
        }
        guard logical.first == "BEGIN:VCALENDAR", logical.last == "END:VCALENDAR" else { throw Failure(description: "not one VCALENDAR") }
        guard logical.contains("VERSION:2.0"), logical.contains(where: { $0.hasPrefix("PRODID:") }) else { throw Failure(description: "no VERSION or PRODID") }
        var events: [[String: String]] = []
        var current: [String: String]?
        for line in logical.dropFirst().dropLast() {
            guard let colon = line.firstIndex(of: ":") else { throw Failure(description: "no colon in \(line)") }
            let name = String(line[..<colon].split(separator: ";").first ?? "")
            let value = String(line[line.index(after: colon)...])
            guard name.allSatisfy({ $0.isUppercase || $0 == "-" }) else { throw Failure(description: "a bad name in \(line)") }
            if line == "BEGIN:VEVENT" {
                guard current == nil else { throw Failure(description: "nested VEVENT") }
                current = [:]
            } else if line == "END:VEVENT" {
                guard let event = current else { throw Failure(description: "END without BEGIN") }
                for required in ["UID", "DTSTAMP", "DTSTART"] where event[required] == nil { throw Failure(description: "VEVENT without \(required)") }
                guard event["DTSTAMP"]?.range(of: #"^\d{8}T\d{6}Z$"#, options: .regularExpression) != nil else { throw Failure(description: "a bad DTSTAMP") }
                guard event["DTSTART"]?.range(of: #"^\d{8}$"#, options: .regularExpression) != nil else { throw Failure(description: "a bad DTSTART") }
                events.append(event)
                current = nil
            } else if current != nil {
                // TEXT values are escaped; others (RRULE, dates) are not.
                current?[name] = ["SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"].contains(name) ? try unescape(value) : value
            }
        }
        guard current == nil else { throw Failure(description: "an unclosed VEVENT") }
        return events
    }

    static func unescape(_ value: String) throws -> String {
        var result = ""
        var escaped = false
        for character in value {
            if escaped {
                switch character {
                case "\\", ";", ",": result.append(character)
                case "n", "N": result.append("\n")
                default: throw Failure(description: "a bad escape \\\(character)")
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                if character == "," || character == ";" { throw Failure(description: "an unescaped \(character) in \(value)") }
                result.append(character)
            }
        }
        guard !escaped else { throw Failure(description: "a trailing backslash") }
        return result
    }

    /// Whether python3 (on the PATH) has the `icalendar` package (PyPI; `make test` installs it).
    static var pythonHasICalendar: Bool {
        (try? DrillProcess.run(["python3", "-c", "import icalendar"], executable: "/usr/bin/env"))?.status == 0
    }
}
