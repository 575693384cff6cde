/// The result of `drill check`: every scenario assessed against one team, in the shape of
/// the CLI contract's JSON (`check --format json`).
public struct CheckReport: Codable, Hashable, Sendable {
    /// The team's name.
    public var team: String
    /// The day the records were judged on.
    public var asOf: CalendarDate
    /// One entry per scenario, sorted by id.
    public var scenarios: [ScenarioResult]
    /// The evidence the records were held to, when an evidence folder was read.
    public var evidence: EvidenceReport?

    /// Creates a report.
    public init(team: String, asOf: CalendarDate, scenarios: [ScenarioResult], evidence: EvidenceReport? = nil) {
        self.team = team
        self.asOf = asOf
        self.scenarios = scenarios
        self.evidence = evidence
    }

    /// Assesses each scenario against the profile.
    public init(profile: PreparednessProfile, scenarios: [Scenario], asOf: CalendarDate, costs: AssessmentCosts = .init()) {
        let assessor = Assessor(profile: profile, asOf: asOf, costs: costs)
        self.init(team: profile.team, asOf: asOf, scenarios: scenarios.map { ScenarioResult($0, assessor.assess($0)) })
    }

    /// Whether any scenario has an unmet need (`check --strict` fails on it).
    public var hasUnmetNeed: Bool { scenarios.contains { $0.needs.contains { $0.status == .unmet } } }

    /// One scenario's verdicts, findings and deadlines.
    public struct ScenarioResult: Codable, Hashable, Sendable {
        /// The scenario's id.
        public var id: String
        /// Its title.
        public var title: String
        /// Its kind.
        public var kind: ScenarioKind
        /// Per pillar: sufficient only when every need of the pillar is met; not-tested without needs.
        public var verdicts: Verdicts
        /// One entry per need.
        public var needs: [NeedResult]
        /// One entry per deadline.
        public var deadlines: [DeadlineResult]

        /// Summarises an assessment.
        public init(_ scenario: Scenario, _ assessment: Assessment) {
            id = scenario.id
            title = scenario.title
            kind = scenario.kind
            verdicts = Verdicts(contacts: assessment.verdict(.contacts), logs: assessment.verdict(.logs), backups: assessment.verdict(.backups))
            needs = assessment.findings.map(NeedResult.init)
            deadlines = assessment.deadlines.map(DeadlineResult.init)
        }
    }

    /// The three pillar verdicts.
    public struct Verdicts: Codable, Hashable, Sendable {
        /// Whom to contact.
        public var contacts: PillarVerdict
        /// What is logged and kept.
        public var logs: PillarVerdict
        /// What can be restored.
        public var backups: PillarVerdict
    }

    /// One need's finding.
    public struct NeedResult: Codable, Hashable, Sendable {
        /// The need's id.
        public var id: String
        /// Its pillar.
        public var pillar: Pillar
        /// Met, partial or unmet.
        public var status: NeedStatus
        /// Why, with the numbers from both sides.
        public var reason: String
        /// Simulated hours the gap costs.
        public var delayHours: Double
        /// Hours of log history that are gone or roll off during the investigation.
        public var evidenceLossHours: Double
        /// The preparedness field to change, when the need is not met.
        public var fix: String?
        /// The facts it was judged on (records used, systems, scale); `check` fills it, stored
        /// runs written before it existed do not have it.
        public var basis: FindingBasis?

        /// Summarises a finding.
        public init(_ finding: Finding) {
            id = finding.needID
            pillar = finding.pillar
            status = finding.status
            reason = finding.reason
            delayHours = finding.delay.hours
            evidenceLossHours = finding.evidenceLoss.hours
            fix = finding.fix
            basis = finding.basis == FindingBasis() ? nil : finding.basis
        }
    }

    /// One deadline's outcome.
    public struct DeadlineResult: Codable, Hashable, Sendable {
        /// The deadline's id.
        public var id: String
        /// What must happen.
        public var title: String
        /// Hours after discovery it is due.
        public var dueHours: Double
        /// Hours after discovery it is reached.
        public var reachedHours: Double
        /// Whether it is reached in time.
        public var met: Bool
        /// Hours to spare (positive) or missing (negative) at the due time.
        public var marginHours: Double?

        /// Summarises an outcome.
        public init(_ outcome: DeadlineOutcome) {
            id = outcome.deadlineID
            title = outcome.title
            dueHours = outcome.due.hours
            reachedHours = outcome.reached.hours
            met = outcome.met
            marginHours = outcome.margin.hours
        }
    }
}
