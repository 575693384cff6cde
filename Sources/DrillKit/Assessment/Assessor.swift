/// Assesses scenarios against a team's preparedness: a pure function of the profile, the
/// scenario and the date the records are judged on.
public struct Assessor: Sendable {
    /// The team's preparedness.
    public let profile: PreparednessProfile
    /// The day the records are judged on ("confirmed within the last 12 months" of this day).
    public let asOf: CalendarDate
    /// The cost of each kind of gap.
    public let costs: AssessmentCosts
    /// Which edition of the rules judges (a stored run keeps the edition it was played under).
    public let edition: AssessmentEdition

    /// Creates an assessor.
    public init(profile: PreparednessProfile, asOf: CalendarDate, costs: AssessmentCosts = .init(), edition: AssessmentEdition = .current) {
        self.profile = profile
        self.asOf = asOf
        self.costs = costs
        self.edition = edition
    }

    /// Assesses every need and deadline of a scenario.
    public func assess(_ scenario: Scenario) -> Assessment {
        let findings = scenario.needs.map { assess($0, in: scenario) }
        let byNeed = Dictionary(findings.map { ($0.needID, $0) }, uniquingKeysWith: { first, _ in first })
        let deadlines = scenario.deadlines.map { deadline in
            let causes = deadline.needs.compactMap { id -> DelayCause? in
                guard let delay = byNeed[id]?.delay, delay > .zero else { return nil }
                return DelayCause(needID: id, delay: delay)
            }
            var reached = causes.reduce(deadline.takes) { $0 + $1.delay }
            var waitsFor: DeadlineOutcome.Wait?
            if edition >= .second {
                // The work cannot be done before the people it depends on are called and reached.
                for id in deadline.needs {
                    guard let need = scenario.needs.first(where: { $0.id == id }), case let .contact(requirement) = need.requirement,
                          let delay = byNeed[id]?.delay else { continue }
                    let ready = requirement.neededAt + delay + deadline.takes
                    if ready > reached {
                        reached = ready
                        waitsFor = DeadlineOutcome.Wait(needID: id, calledAt: requirement.neededAt, reachedAfter: delay)
                    }
                }
            }
            return DeadlineOutcome(deadlineID: deadline.id, title: deadline.title, due: deadline.due, reached: reached, causes: causes,
                                   waitsFor: waitsFor)
        }
        return Assessment(scenarioID: scenario.id, findings: findings, deadlines: deadlines)
    }

    /// Assesses one need.
    public func assess(_ need: Need, in scenario: Scenario) -> Finding {
        switch need.requirement {
        case let .contact(requirement): assessContact(need, requirement, in: scenario)
        case let .logs(requirement): assessLogs(need, requirement, in: scenario)
        case let .backup(requirement): assessBackup(need, requirement, in: scenario)
        }
    }
}

/// One problem found while assessing a candidate (a contact, a log source, a backup).
struct Gap {
    var status: NeedStatus
    var reason: String
    var delay: TimeSpan = .zero
}

extension Array where Element == Gap {
    /// The worst status among the gaps, `met` when there are none.
    var status: NeedStatus { map(\.status).max() ?? .met }
    /// Reasons, worst first.
    var reasons: [String] { sorted { $0.status > $1.status }.map(\.reason) }
    /// The sum of the gaps' delays.
    var delay: TimeSpan { reduce(.zero) { $0 + $1.delay } }
}

extension String {
    /// The text with its first letter in upper case.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
    /// The text with its first letter in lower case (`The snapshot` inside a sentence).
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
