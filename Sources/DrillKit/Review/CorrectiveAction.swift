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
            return logs(requirement.events, from: requirement.systems,
                        keep: "\(keep.spoken) (\(reachBack.spoken) of history plus \(scenario.investigation.spoken) of investigation)",
                        reviewedEvery: requirement.detectWithin)
        case let .backup(requirement):
            let reach = requirement.restoreBefore.map { "a point \($0.spoken) before discovery" }
                ?? "before \(scenario.onsetNoun) began (\(scenario.onset.spoken) back)"
            return backup(requirement.asset, versionControlled: requirement.versionControlled, every: requirement.maxDataLoss, to: reach,
                          units: requirement.units, within: requirement.restoreWithin, isolated: requirement.isolated,
                          offPlatform: scenario.platformDown, tested: policy.restoreTestedWithin)
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
            return logs(events, from: systems, keep: keep.spoken, reviewedEvery: window)
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
            return backup(firstBackup.asset, versionControlled: firstBackup.versionControlled, every: every,
                          to: "a point \(reach.spoken) before discovery", units: units, within: within, isolated: isolated,
                          offPlatform: offPlatform, tested: tested)
        }
    }

    /// The sentence for logs: which events, from where (the app's backend goes unsaid), kept how
    /// long (`keep`, as spoken), and how often reviewed.
    private static func logs(_ events: [EventClass], from systems: [TeamSystem], keep: String, reviewedEvery window: TimeSpan?) -> String {
        var text = "Record \(list(events.map(\.spoken)))\(from(systems)) with time-zoned timestamps and keep them at least \(keep), in restricted storage that records who reads it"
        if let window { text += ", reviewed by automated alerting or by hand at least every \(window.spoken)" }
        return text + "."
    }

    /// The sentence for a backup: how it is kept and how often, how far back a restore reaches
    /// (`reach`, as spoken), how many units restored how soon after discovery (the assessment
    /// holds a restore test's pace to both), keys production does not hold, off the platform,
    /// and how often a restore is tested.
    private static func backup(_ asset: Asset, versionControlled: Bool, every: TimeSpan?, to reach: String, units: Int?, within: TimeSpan?,
                               isolated: Bool, offPlatform: Bool, tested: TimeSpan) -> String {
        var text = versionControlled ? "Keep \(asset.spoken) in version control" : "Back up \(asset.spoken)"
        if let every { text += " at least every \(every.spoken)" }
        text += ", able to restore to \(reach)"
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
        if offPlatform { text += ", kept off the platform" }
        return text + ", and test a restore at least every \(tested.spoken)."
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
