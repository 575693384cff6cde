/// The corrective action for a need that a team's preparedness did not meet: one sentence
/// that says what state to reach, in the scenario's own numbers.
public enum CorrectiveAction {
    /// What to do so that `need` is met the next time `scenario` is drilled.
    public static func text(for need: Need, status: NeedStatus, in scenario: Scenario, policy: PreparednessPolicy) -> String {
        switch need.requirement {
        case let .contact(requirement):
            let role = requirement.role.spoken
            let when = requirement.neededAt == .zero ? "at discovery" : "\(requirement.neededAt.spoken) after discovery"
            let reach = "reachable within \(requirement.within.spoken) of a call \(when) (\(scenario.discovered))"
            let confirm = "confirm their details at least every \(policy.contactsConfirmedWithin.spoken)"
                + (scenario.platformDown ? " and keep them somewhere that survives the platform being down" : "")
            if status == .unmet {
                return "Engage \(role.withIndefiniteArticle) in advance and record them, \(reach); \(confirm)."
            }
            return "Make the \(role) \(reach): \(confirm), and agree cover outside their hours if they keep office hours."
        case let .logs(requirement):
            let reachBack = requirement.reachBack ?? scenario.onset
            let keep = reachBack + scenario.investigation
            var text = "Record \(list(requirement.events.map(\.spoken)))\(from(requirement.systems)) with time-zoned timestamps and keep them at least \(keep.spoken) (\(reachBack.spoken) of history plus \(scenario.investigation.spoken) of investigation), in restricted storage that records who reads it"
            if let window = requirement.detectWithin {
                text += ", reviewed by automated alerting or by hand at least every \(window.spoken)"
            }
            return text + "."
        case let .backup(requirement):
            var text = requirement.versionControlled
                ? "Keep \(requirement.asset.spoken) in version control"
                : "Back up \(requirement.asset.spoken)"
            if let every = requirement.maxDataLoss { text += " at least every \(every.spoken)" }
            text += requirement.restoreBefore.map { ", able to restore to a point \($0.spoken) before discovery" }
                ?? ", able to restore to before \(scenario.onsetNoun) began (\(scenario.onset.spoken) back)"
            text += restoreTerms(units: requirement.units, within: requirement.restoreWithin, isolated: requirement.isolated)
            if scenario.platformDown { text += ", kept off the platform" }
            return text + ", and test a restore at least every \(policy.restoreTestedWithin.spoken)."
        }
    }

    /// One gap among several that one change to the preparedness would close: its need, how
    /// it was found, and the scenario and policy it was judged by.
    public struct Gap: Sendable {
        public var need: Need
        public var status: NeedStatus
        public var scenario: Scenario
        public var policy: PreparednessPolicy

        public init(need: Need, status: NeedStatus, scenario: Scenario, policy: PreparednessPolicy) {
            self.need = need
            self.status = status
            self.scenario = scenario
            self.policy = policy
        }
    }

    /// One sentence for gaps that one change closes, asking for the strictest of each part, so
    /// that doing it meets every one of them: the furthest reach back, the shortest interval,
    /// every kind of event, and a copy off the platform when any scenario takes the platform
    /// down. `nil` when they cannot be said as one: contacts (each scenario calls at its own
    /// hour), or requirements of different kinds, assets or ways of keeping them.
    public static func strictest(_ gaps: [Gap]) -> String? {
        guard let first = gaps.first else { return nil }
        switch first.need.requirement {
        case .contact:
            return nil
        case let .logs(firstLogs):
            var events = firstLogs.events
            var systems = firstLogs.systems
            var keep = TimeSpan.zero
            var window: TimeSpan?
            for gap in gaps {
                guard case let .logs(requirement) = gap.need.requirement else { return nil }
                for event in requirement.events where !events.contains(event) { events.append(event) }
                for system in requirement.systems where !systems.contains(system) { systems.append(system) }
                keep = max(keep, (requirement.reachBack ?? gap.scenario.onset) + gap.scenario.investigation)
                if let detect = requirement.detectWithin { window = min(window ?? detect, detect) }
            }
            var text = "Record \(list(events.map(\.spoken)))\(from(systems)) with time-zoned timestamps and keep them at least \(keep.spoken), in restricted storage that records who reads it"
            if let window { text += ", reviewed by automated alerting or by hand at least every \(window.spoken)" }
            return text + "."
        case let .backup(firstBackup):
            var reach = TimeSpan.zero
            var every: TimeSpan?, within: TimeSpan?, units: Int?
            var offPlatform = false, isolated = false
            var tested = first.policy.restoreTestedWithin
            for gap in gaps {
                guard case let .backup(requirement) = gap.need.requirement, requirement.asset == firstBackup.asset,
                      requirement.versionControlled == firstBackup.versionControlled else { return nil }
                reach = max(reach, requirement.restoreBefore ?? gap.scenario.onset)
                if let loss = requirement.maxDataLoss { every = min(every ?? loss, loss) }
                if let restore = requirement.restoreWithin { within = min(within ?? restore, restore) }
                if let count = requirement.units { units = max(units ?? count, count) }
                isolated = isolated || requirement.isolated
                offPlatform = offPlatform || gap.scenario.platformDown
                tested = min(tested, gap.policy.restoreTestedWithin)
            }
            var text = firstBackup.versionControlled
                ? "Keep \(firstBackup.asset.spoken) in version control"
                : "Back up \(firstBackup.asset.spoken)"
            if let every { text += " at least every \(every.spoken)" }
            text += ", able to restore to a point \(reach.spoken) before discovery"
            text += restoreTerms(units: units, within: within, isolated: isolated)
            if offPlatform { text += ", kept off the platform" }
            return text + ", and test a restore at least every \(tested.spoken)."
        }
    }

    /// What a backup need asks of the restore beyond its reach: how many units, how soon after
    /// discovery (the assessment holds a restore test's pace to both), and keys production does
    /// not hold.
    private static func restoreTerms(units: Int?, within: TimeSpan?, isolated: Bool) -> String {
        var text = ""
        switch (units, within) {
        case let (units?, within?):
            text += ", restoring all \(units) unit\(units == 1 ? "" : "s") within \(within.spoken) of discovery (shown by a restore test at that scale)"
        case let (nil, within?):
            text += ", restored within \(within.spoken) of discovery"
        case let (units?, nil):
            text += ", able to restore all \(units) unit\(units == 1 ? "" : "s")"
        case (nil, nil):
            break
        }
        if isolated { text += ", protected by keys production does not hold" }
        return text
    }

    /// Where the events must come from, when that is not only the app's backend (the default,
    /// which the sentence leaves unsaid): " from the cloud account".
    private static func from(_ systems: [TeamSystem]) -> String {
        systems.isEmpty || systems == [.app] ? "" : " from " + list(systems.map(\.spoken))
    }

    private static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: "the events the scenario needs"
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
