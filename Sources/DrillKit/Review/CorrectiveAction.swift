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
            var text = "Record \(list(requirement.events.map(\.spoken))) with time-zoned timestamps and keep them at least \(keep.spoken) (\(reachBack.spoken) of history plus \(scenario.investigation.spoken) of investigation), in restricted storage that records who reads it"
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
            if scenario.platformDown { text += ", kept off the platform" }
            return text + ", and test a restore at least every \(policy.restoreTestedWithin.spoken)."
        }
    }

    private static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: "the events the scenario needs"
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
