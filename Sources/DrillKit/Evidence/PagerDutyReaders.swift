import Foundation

/// PagerDuty schedules, as its REST API returns them: `GET /schedules/{id}?since=…&until=…`
/// (`{"schedule": {…}}`) or `GET /schedules` with the same window (`{"schedules": [ … ]}`); each
/// `{"id", "name", "time_zone", "final_schedule": {"rendered_schedule_entries": [{"start", "end",
/// "user": {"summary"}}], "rendered_coverage_percentage"}}` (PagerDuty API reference, Schedules:
/// the final schedule is rendered only for a window given by since and until).
///
/// Facts per schedule, under its name and its id (`pagerduty:Primary on-call`, `pagerduty:PI7DH85`):
/// how much of the window someone is on call, the longest stretch with nobody, and who is on call
/// when the export was made.
enum PagerDutySchedulesReader: EvidenceReader {
    static let format = "pagerduty-schedules"

    static func recognises(_ json: Any) -> Bool {
        guard let object = json as? [String: Any] else { return false }
        return object["schedules"] != nil || object["schedule"] != nil
    }

    static func read(_ json: Any) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        let object = json as? [String: Any] ?? [:]
        let schedules = object["schedule"] != nil ? try objects(["schedule": [object["schedule"] as Any]], "schedule") : try objects(json, "schedules")
        var facts: [EvidenceFact] = []
        for schedule in schedules {
            let name = try text(schedule, "name", in: "a schedule")
            guard let final = schedule["final_schedule"] as? [String: Any] else {
                throw EvidenceProblem("schedule '\(name)' has no final_schedule: export it with since and until")
            }
            var shifts: [(start: Date, end: Date, who: String)] = []
            for entry in try objects(final, "rendered_schedule_entries") {
                guard let start = EvidenceTime.date(json: entry["start"]), let end = EvidenceTime.date(json: entry["end"]), end >= start else {
                    throw EvidenceProblem("an on-call entry of schedule '\(name)' has no start and end times")
                }
                let who = ((entry["user"] as? [String: Any])?["summary"] as? String).map { String($0.prefix(128)) } ?? "someone"
                shifts.append((start, end, who))
            }
            shifts.sort { $0.start < $1.start }
            // The longest stretch nobody covers, inside the rendered window.
            var gap: TimeInterval = 0
            var coveredUntil = shifts.first?.end
            for shift in shifts.dropFirst() {
                if let until = coveredUntil, shift.start > until { gap = max(gap, shift.start.timeIntervalSince(until)) }
                coveredUntil = max(coveredUntil ?? shift.end, shift.end)
            }
            // PagerDuty renders the share covered; without it, the union of the shifts over the window.
            var percent = (final["rendered_coverage_percentage"] as? NSNumber)?.doubleValue
            if percent == nil, let first = shifts.first, let last = coveredUntil, last > first.start {
                var covered: TimeInterval = 0
                var cursor = first.start
                for shift in shifts where shift.end > cursor {
                    covered += shift.end.timeIntervalSince(max(cursor, shift.start))
                    cursor = shift.end
                }
                percent = 100 * covered / last.timeIntervalSince(first.start)
            }
            let onCall = Array(Set(shifts.map(\.who))).sorted()
            let claim = EvidenceFact.Claim.onCallSchedule(coverage: percent ?? 0, longestGap: .hours(gap / 3600), onCall: onCall)
            facts.append(EvidenceFact(id: "pagerduty:\(name)", claim))
            if let id = schedule["id"] as? String, id != name { facts.append(EvidenceFact(id: "pagerduty:\(id.prefix(64))", claim)) }
        }
        return (facts, nil)
    }
}

/// PagerDuty escalation policies, as its REST API returns them: `GET /escalation_policies`
/// (`{"escalation_policies": [ … ]}`) or `GET /escalation_policies/{id}` (`{"escalation_policy":
/// {…}}`); each `{"id", "name", "num_loops", "escalation_rules": [{"escalation_delay_in_minutes",
/// "targets": [{"type", "summary"}]}]}` (PagerDuty API reference, Escalation Policies).
///
/// One fact per policy, under its name and its id: its levels (a second level is a second route
/// when the first does not answer) and whom they page.
enum PagerDutyEscalationPoliciesReader: EvidenceReader {
    static let format = "pagerduty-escalation-policies"

    static func recognises(_ json: Any) -> Bool {
        guard let object = json as? [String: Any] else { return false }
        return object["escalation_policies"] != nil || object["escalation_policy"] != nil
    }

    static func read(_ json: Any) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        let object = json as? [String: Any] ?? [:]
        let policies = object["escalation_policy"] != nil
            ? try objects(["p": [object["escalation_policy"] as Any]], "p") : try objects(json, "escalation_policies")
        var facts: [EvidenceFact] = []
        for policy in policies {
            let name = try text(policy, "name", in: "an escalation policy")
            let rules = try objects(policy, "escalation_rules")
            var levels: [EvidenceFact.EscalationLevel] = []
            // A rule's delay is how long an unacknowledged page waits before it moves on to the next rule.
            var delay = 0.0
            for rule in rules {
                let targets = try objects(rule, "targets").map { ($0["summary"] as? String).map { String($0.prefix(128)) } ?? "unnamed" }
                guard !targets.isEmpty else { throw EvidenceProblem("a level of escalation policy '\(name)' pages nobody") }
                levels.append(EvidenceFact.EscalationLevel(after: .hours(delay / 60), targets: targets))
                delay = (rule["escalation_delay_in_minutes"] as? NSNumber)?.doubleValue ?? 0
            }
            let claim = EvidenceFact.Claim.escalationPolicy(levels: levels)
            facts.append(EvidenceFact(id: "pagerduty:\(name)", claim))
            if let id = policy["id"] as? String, id != name { facts.append(EvidenceFact(id: "pagerduty:\(id.prefix(64))", claim)) }
        }
        return (facts, nil)
    }
}
