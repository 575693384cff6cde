/// Whether a team's preparedness provides what a need asks for.
public enum NeedStatus: String, CaseIterable, Codable, Sendable, Comparable {
    case met, partial, unmet

    private var severity: Int {
        switch self {
        case .met: 0
        case .partial: 1
        case .unmet: 2
        }
    }

    /// Orders from best (`met`) to worst (`unmet`).
    public static func < (lhs: NeedStatus, rhs: NeedStatus) -> Bool { lhs.severity < rhs.severity }
}

/// Whether one pillar of preparedness would have sufficed for a scenario.
public enum PillarVerdict: String, Codable, Sendable {
    case sufficient, insufficient
}

/// The assessment of one need: its status, the reason in numbers, and what it costs.
public struct Finding: Hashable, Sendable {
    /// The need's id.
    public var needID: String
    /// The need's pillar.
    public var pillar: Pillar
    /// Met, partial or unmet.
    public var status: NeedStatus
    /// Sentences naming the numbers from both sides, worst first.
    public var reasons: [String]
    /// Simulated time the gap costs the team.
    public var delay: TimeSpan
    /// How much of the record is missing (log history that no longer exists).
    public var evidenceLoss: TimeSpan
    /// Which preparedness field to change to close the gap (`contacts[legal-adviser].confirmed`).
    public var fix: String?

    /// Creates a finding.
    public init(needID: String, pillar: Pillar, status: NeedStatus, reasons: [String], delay: TimeSpan = .zero,
                evidenceLoss: TimeSpan = .zero, fix: String? = nil) {
        self.needID = needID
        self.pillar = pillar
        self.status = status
        self.reasons = reasons
        self.delay = delay
        self.evidenceLoss = evidenceLoss
        self.fix = fix
    }

    /// All reasons as one paragraph.
    public var reason: String { reasons.joined(separator: " ") }
}

/// When a deadline's milestone is reached, given the delays of its needs.
public struct DeadlineOutcome: Hashable, Sendable {
    /// The deadline's id.
    public var deadlineID: String
    /// What must happen.
    public var title: String
    /// Hours from discovery it is due.
    public var due: TimeSpan
    /// Hours from discovery it is reached.
    public var reached: TimeSpan
    /// Needs whose delays pushed it, with their delay.
    public var causes: [DelayCause]

    /// Whether it was reached in time.
    public var met: Bool { reached <= due }

    /// Creates an outcome.
    public init(deadlineID: String, title: String, due: TimeSpan, reached: TimeSpan, causes: [DelayCause]) {
        self.deadlineID = deadlineID
        self.title = title
        self.due = due
        self.reached = reached
        self.causes = causes
    }
}

/// A need whose gap pushed a deadline, and by how much.
public struct DelayCause: Hashable, Sendable {
    /// The need's id.
    public var needID: String
    /// The delay it caused.
    public var delay: TimeSpan

    /// Creates a cause.
    public init(needID: String, delay: TimeSpan) {
        self.needID = needID
        self.delay = delay
    }
}

/// A scenario assessed against a team's preparedness: a finding per need, pillar verdicts, deadlines.
public struct Assessment: Hashable, Sendable {
    /// The scenario's id.
    public var scenarioID: String
    /// One finding per need, in the scenario's order.
    public var findings: [Finding]
    /// One outcome per deadline, in the scenario's order.
    public var deadlines: [DeadlineOutcome]

    /// Creates an assessment.
    public init(scenarioID: String, findings: [Finding], deadlines: [DeadlineOutcome]) {
        self.scenarioID = scenarioID
        self.findings = findings
        self.deadlines = deadlines
    }

    /// `sufficient` only when every need of the pillar is met (a pillar with no needs is sufficient).
    public func verdict(_ pillar: Pillar) -> PillarVerdict {
        findings.allSatisfy { $0.pillar != pillar || $0.status == .met } ? .sufficient : .insufficient
    }

    /// The finding for a need.
    public func finding(_ needID: String) -> Finding? { findings.first { $0.needID == needID } }
}
