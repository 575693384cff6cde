import Foundation

/// Phrases every review format shares, so the terminal, Markdown and HTML say the same thing.
public enum ReviewWords {
    /// `3 days`, `11 h 40 min`.
    public static func hours(_ hours: Double) -> String { TimeSpan(hours: hours).spoken }

    /// `T+02:15`.
    public static func clock(_ hours: Double) -> String { TimeSpan(hours: hours).clockLabel }

    /// `2026-11-26 17:10 UTC`.
    public static func time(_ date: Date) -> String { Timestamp8601.minutes(date) + " UTC" }

    /// `2026-11-26 17:10–17:52 UTC`, or both times in full when the run spans days.
    public static func span(_ start: Date, _ end: Date?) -> String {
        guard let end else { return time(start) }
        let (a, b) = (Timestamp8601.minutes(start), Timestamp8601.minutes(end))
        return a.prefix(10) == b.prefix(10) ? "\(a)–\(b.dropFirst(11)) UTC" : "\(a) UTC – \(b) UTC"
    }

    /// `✓ met`, `~ partial`, `✗ unmet`.
    public static func mark(_ status: NeedStatus) -> String {
        switch status {
        case .met: "✓ met"
        case .partial: "~ partial"
        case .unmet: "✗ unmet"
        }
    }

    /// `Priya (commander), Tom`.
    public static func participants(_ people: [RunTranscript.Participant]) -> String {
        people.map { $0.name + ($0.role.map { " (\($0))" } ?? "") }.joined(separator: ", ")
    }

    /// Where an item stands: `open`, `reopened`, `open after 3 drills`, `overdue since 2027-01-15`,
    /// `risk accepted until 2027-03-31`,
    /// `closed by run 20270212-abcd on 2027-02-12`, `closed by drill check on 2027-02-01`.
    public static func state(of item: ImprovementItem, on day: CalendarDate) -> String {
        switch item.state {
        case .closed:
            let when = item.closedAt.map { " on \(Timestamp8601.day($0))" } ?? ""
            if let other = item.supersededBy {
                return "superseded: the gap now asks for \(other)" + (item.closedByRunId.map { " (run \($0)\(when))" } ?? "")
            }
            return item.closedByRunId.map { "closed by run \($0)\(when)" } ?? "closed by drill check\(when)"
        case .open:
            if item.isRiskAccepted, let acceptance = item.acceptance {
                return "risk accepted until \(acceptance.until)"
            }
            var parts = [item.openAfterTwoDrills ? "open after \(item.drillsSinceOpened) drills" : item.timesReopened > 0 ? "reopened" : "open"]
            if let acceptance = item.acceptance, !acceptance.inForce, acceptance.until < day {
                parts.append("accepted risk ran out \(acceptance.until)")
            }
            if item.isOverdue(on: day), let due = item.dueDate { parts.append("overdue since \(due)") }
            return parts.joined(separator: ", ")
        }
    }

    /// The cost of a gap: `+24 h; 64 days of evidence lost`, or `no delay`.
    public static func cost(delayHours: Double, evidenceLossHours: Double) -> String {
        var parts: [String] = []
        if delayHours > 0 { parts.append("+\(hours(delayHours))") }
        if evidenceLossHours > 0 { parts.append("\(hours(evidenceLossHours)) of evidence lost") }
        return parts.isEmpty ? "no delay" : parts.joined(separator: "; ")
    }

    /// A deadline's outcome: `met: reached T+01:30, due T+04:00`.
    public static func outcome(_ deadline: DeadlineReview) -> String {
        guard let reached = deadline.reachedHours, let met = deadline.met else {
            return "not reached before the run stopped (due \(clock(deadline.dueHours)))"
        }
        return "\(met ? "met" : "missed"): reached \(clock(reached)), due \(clock(deadline.dueHours))"
    }

    /// `+3`, `−12`, `±0`.
    public static func change(_ value: Int?) -> String {
        guard let value else { return "–" }
        return value > 0 ? "+\(value)" : value < 0 ? "−\(-value)" : "±0"
    }

    /// An answer as shown, with who gave it and whether it was expected.
    public static func answer(_ answer: AnswerReview) -> String {
        // A partly right answer (some points, not all) is partial, not wrong.
        let partly = answer.met == false && (answer.points ?? 0) > 0
        let mark = answer.met == true ? " ✓" : partly ? " ~ partly" : answer.met == false ? " ✗" : ""
        let points = answer.points.map { p in answer.maxPoints.map { " (\(p)/\($0))" } ?? "" } ?? ""
        return (answer.actor.map { "\($0): " } ?? "") + answer.answer + mark + points
    }
}
