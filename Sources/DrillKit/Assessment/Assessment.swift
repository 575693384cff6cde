/// Whether one pillar of preparedness would have sufficed for a scenario.
public enum PillarVerdict: String, Codable, Sendable {
    case sufficient, insufficient
    /// The scenario has no need in the pillar: it says nothing about it either way.
    case notTested = "not-tested"
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
    /// The facts the judgement rested on: which records were used, for which systems, at what scale.
    public var basis: FindingBasis

    /// Creates a finding.
    public init(needID: String, pillar: Pillar, status: NeedStatus, reasons: [String], delay: TimeSpan = .zero,
                evidenceLoss: TimeSpan = .zero, fix: String? = nil, basis: FindingBasis = .init()) {
        self.needID = needID
        self.pillar = pillar
        self.status = status
        self.reasons = reasons
        self.delay = delay
        self.evidenceLoss = evidenceLoss
        self.fix = fix
        self.basis = basis
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
    /// The contact whose call and answer it had to wait for, when that, not the delays, set the time.
    public var waitsFor: Wait?

    /// A contact a deadline had to wait for.
    public struct Wait: Hashable, Sendable {
        /// The contact need.
        public var needID: String
        /// When the team calls.
        public var calledAt: TimeSpan
        /// How long after the call they are reached.
        public var reachedAfter: TimeSpan
    }

    /// Whether it was reached in time.
    public var met: Bool { reached <= due }

    /// How much time is left (positive) or missing (negative) at the due time.
    public var margin: TimeSpan { due - reached }

    /// Creates an outcome.
    public init(deadlineID: String, title: String, due: TimeSpan, reached: TimeSpan, causes: [DelayCause], waitsFor: Wait? = nil) {
        self.deadlineID = deadlineID
        self.title = title
        self.due = due
        self.reached = reached
        self.causes = causes
        self.waitsFor = waitsFor
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

    /// `sufficient` only when every need of the pillar is met; `not-tested` when the scenario has
    /// no need in the pillar (it shows nothing about it, so it must not read as sufficient).
    public func verdict(_ pillar: Pillar) -> PillarVerdict {
        let relevant = findings.filter { $0.pillar == pillar }
        if relevant.isEmpty { return .notTested }
        return relevant.allSatisfy { $0.status == .met } ? .sufficient : .insufficient
    }

    /// The finding for a need.
    public func finding(_ needID: String) -> Finding? { findings.first { $0.needID == needID } }
}

/// The facts a finding was judged on, for a reader who wants to see why (`check --format json`).
public struct FindingBasis: Hashable, Sendable, Codable {
    /// The records used: the contact, log sources or backup that served the need best.
    public var used: [String]
    /// The systems the need is about (whose events, which vendor, where the asset lives).
    public var systems: [TeamSystem]
    /// Where the records used are kept, as written (`separate-account`, `platform-account`, …).
    public var keptIn: [String]
    /// How many units the incident must restore, when it says.
    public var units: Int?
    /// The restore estimate at the incident's scale, in hours.
    public var estimateHours: Double?
    /// Time to spare (positive) or missing (negative) against the need's own bound, in hours.
    public var marginHours: Double?
    /// Where the facts of the records used come from: verified, contradicted, declared, evidence too old.
    public var provenance: [Provenance] = []

    private enum CodingKeys: String, CodingKey {
        case used, systems, keptIn, units, estimateHours, marginHours, provenance
    }

    /// Encodes only what is known: empty lists and unknown numbers are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !used.isEmpty { try container.encode(used, forKey: .used) }
        if !systems.isEmpty { try container.encode(systems, forKey: .systems) }
        if !keptIn.isEmpty { try container.encode(keptIn, forKey: .keptIn) }
        try container.encodeIfPresent(units, forKey: .units)
        try container.encodeIfPresent(estimateHours, forKey: .estimateHours)
        try container.encodeIfPresent(marginHours, forKey: .marginHours)
        if !provenance.isEmpty { try container.encode(provenance, forKey: .provenance) }
    }

    /// Decodes what `encode(to:)` wrote; a missing list is empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        used = try container.decodeIfPresent([String].self, forKey: .used) ?? []
        systems = try container.decodeIfPresent([TeamSystem].self, forKey: .systems) ?? []
        keptIn = try container.decodeIfPresent([String].self, forKey: .keptIn) ?? []
        units = try container.decodeIfPresent(Int.self, forKey: .units)
        estimateHours = try container.decodeIfPresent(Double.self, forKey: .estimateHours)
        marginHours = try container.decodeIfPresent(Double.self, forKey: .marginHours)
        provenance = try container.decodeIfPresent([Provenance].self, forKey: .provenance) ?? []
    }

    /// Creates a basis.
    public init(used: [String] = [], systems: [TeamSystem] = [], keptIn: [String] = [], units: Int? = nil,
                estimateHours: Double? = nil, marginHours: Double? = nil) {
        self.used = used
        self.systems = systems
        self.keptIn = keptIn
        self.units = units
        self.estimateHours = estimateHours
        self.marginHours = marginHours
    }
}
