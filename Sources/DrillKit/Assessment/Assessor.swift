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
    /// The profile held to the team's evidence, when there is any (`drill check` with an evidence folder).
    public let evidence: EvidenceJudgement?
    /// Whether a met need whose records are only declared counts as partial (`check --require-evidence`).
    public let requireEvidence: Bool

    /// Creates an assessor.
    public init(profile: PreparednessProfile, asOf: CalendarDate, costs: AssessmentCosts = .init(), edition: AssessmentEdition = .current) {
        self.profile = profile
        self.asOf = asOf
        self.costs = costs
        self.edition = edition
        evidence = nil
        requireEvidence = false
    }

    /// Creates an assessor that judges the profile as held to the evidence.
    public init(evidence: EvidenceJudgement, asOf: CalendarDate, requireEvidence: Bool = false, costs: AssessmentCosts = .init(),
                edition: AssessmentEdition = .current) {
        profile = evidence.profile
        self.asOf = asOf
        self.costs = costs
        self.edition = edition
        self.evidence = evidence
        self.requireEvidence = requireEvidence
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
        var finding = switch need.requirement {
        case let .contact(requirement): assessContact(need, requirement, in: scenario)
        case let .logs(requirement): assessLogs(need, requirement, in: scenario)
        case let .backup(requirement): assessBackup(need, requirement, in: scenario)
        }
        if let evidence { hold(&finding, need, to: evidence) }
        return finding
    }

    /// Names where each judged fact comes from; with `requireEvidence`, a met need whose records
    /// are not all verified is partial.
    private func hold(_ finding: inout Finding, _ need: Need, to evidence: EvidenceJudgement) {
        let provenance = evidence.provenance(for: finding)
        finding.basis.provenance = provenance
        for contradiction in provenance where contradiction.state == .contradicted {
            finding.reasons.append("Judged on the evidence: \(contradiction.sentence).")
        }
        guard requireEvidence, finding.status == .met else { return }
        let unverified = finding.basis.used.filter { record in !provenance.contains { $0.record == record && $0.state == .verified } }
        guard !unverified.isEmpty else { return }
        let delay = need.delayIfPartial ?? costs.unverified(finding.pillar)
        finding.status = .partial
        finding.delay = finding.delay + delay
        finding.reasons.append("\(Self.list(unverified)) \(unverified.count == 1 ? "is" : "are") only declared: no evidence verifies \(unverified.count == 1 ? "it" : "them"), and this check requires evidence (about \(delay.spoken) if the claim is wrong).")
        finding.fix = "\(finding.pillar.rawValue)[\(unverified.joined(separator: ", "))].evidence"
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
