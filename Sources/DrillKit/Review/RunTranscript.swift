import Foundation

/// A stored run as one value: who played what, against which records, every event, the
/// findings and the score. Its JSON (``jsonData()``, `drill export`, `drill show --format json`)
/// is the lossless exchange form: `drill import` stores it back exactly, so exporting,
/// importing into an empty database and exporting again gives the same bytes.
///
/// Times are ISO 8601 in UTC with milliseconds, the precision the store keeps; spans are hours.
public struct RunTranscript: Codable, Hashable, Sendable {
    /// The version of the JSON layout, written as `formatVersion`. Import refuses others.
    public static let formatVersion = 1

    /// A participant and their role.
    public struct Participant: Codable, Hashable, Sendable {
        /// Their name.
        public var name: String
        /// Their role in the drill, if given.
        public var role: String?

        /// Creates a participant.
        public init(name: String, role: String? = nil) {
            self.name = name
            self.role = role
        }
    }

    /// The run's id.
    public var id: String
    /// The team.
    public var team: String
    /// The scenario's id.
    public var scenarioId: String
    /// The scenario's title.
    public var scenarioTitle: String
    /// The scenario's kind.
    public var scenarioKind: String
    /// `drill` (later: `onboarding`).
    public var mode: String
    /// The facilitator.
    public var facilitator: String?
    /// Participants in order.
    public var participants: [Participant]
    /// in-progress, paused or finished.
    public var status: RunStatus
    /// When the run started (UTC).
    public var startedAt: Date
    /// When it finished (UTC).
    public var endedAt: Date?
    /// The day records were judged on.
    public var asOf: CalendarDate
    /// For a drill recorded after it was held (`drill run --played-on`): the day it was played.
    public var playedOn: CalendarDate?
    /// The preparedness file it was played against, or the embedded example team.
    public var preparednessSource: String
    /// SHA-256 of the scenario YAML.
    public var scenarioHash: String
    /// SHA-256 of the preparedness YAML.
    public var preparednessHash: String
    /// The hash of the run's last event in its hash chain (see ``EventChain``), when the store kept one.
    public var headHash: String?
    /// The score, once finished.
    public var score: DrillScore?
    /// The findings at the start of the run.
    public var findings: [CheckReport.NeedResult]
    /// Every event in order, each with ``EventRecord/runID`` the transcript's ``id``.
    public var events: [EventRecord]
    /// The exact scenario YAML.
    public var scenarioYAML: String
    /// The exact preparedness YAML.
    public var preparednessYAML: String
    /// The run's seal (see ``RunSeal``) and its signature by the key of the installation that
    /// stored it; `nil` in transcripts exported before runs were sealed.
    public var seal: StoredSeal?
    /// The evidence the run was judged against (see ``RunEvidence``); `nil` for a run judged on
    /// its claims alone, and in transcripts exported before runs kept evidence.
    public var evidence: RunEvidence?

    /// Reads a run's transcript from the database.
    public init(runID: String, from database: AppDatabase) throws(StoreError) {
        let run = try database.run(matching: runID)
        self.init(run: run, participants: try database.participants(runID: run.id), findings: try database.findings(runID: run.id),
                  events: try database.events(runID: run.id))
        seal = try database.storedSeal(runID: run.id)
        evidence = try database.runEvidence(runID: run.id)
    }

    /// Reads a run's transcript from the database without its events (`events` is empty), for
    /// writing them one at a time with ``TranscriptJSONStream`` and ``AppDatabase/forEachEvent(runID:_:)``.
    public init(headerOf runID: String, from database: AppDatabase) throws(StoreError) {
        let run = try database.run(matching: runID)
        self.init(run: run, participants: try database.participants(runID: run.id), findings: try database.findings(runID: run.id),
                  events: [])
        seal = try database.storedSeal(runID: run.id)
        evidence = try database.runEvidence(runID: run.id)
    }

    /// Assembles a transcript from a run's rows.
    public init(run: RunRecord, participants: [ParticipantRecord], findings: [FindingRecord], events: [EventRecord]) {
        id = run.id
        team = run.team
        scenarioId = run.scenarioID
        scenarioTitle = run.scenarioTitle
        scenarioKind = run.scenarioKind
        mode = run.mode
        facilitator = run.facilitator
        self.participants = participants.map { Participant(name: $0.name, role: $0.role) }
        status = run.status
        startedAt = run.startedAt
        endedAt = run.endedAt
        asOf = run.asOf
        playedOn = run.playedOn
        preparednessSource = run.preparednessSource
        scenarioHash = run.scenarioHash
        preparednessHash = run.preparednessHash
        headHash = run.headHash
        score = run.score
        self.findings = findings.map { CheckReport.NeedResult($0.finding) }
        self.events = events
        scenarioYAML = run.scenarioYAML
        preparednessYAML = run.preparednessYAML
        seal = nil
        evidence = nil
    }

    /// The JSON keys of a transcript.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case formatVersion, id, team, scenarioId, scenarioTitle, scenarioKind, mode, facilitator, participants, status, startedAt,
             endedAt, asOf, playedOn, preparednessSource, scenarioHash, preparednessHash, headHash, score, findings, events, scenarioYAML,
             preparednessYAML, seal, evidence
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .formatVersion)
        guard version == Self.formatVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: container,
                debugDescription: "this is a version \(version) transcript; this drill reads version \(Self.formatVersion)")
        }
        id = try container.decode(String.self, forKey: .id)
        team = try container.decode(String.self, forKey: .team)
        scenarioId = try container.decode(String.self, forKey: .scenarioId)
        scenarioTitle = try container.decode(String.self, forKey: .scenarioTitle)
        scenarioKind = try container.decode(String.self, forKey: .scenarioKind)
        mode = try container.decode(String.self, forKey: .mode)
        facilitator = try container.decodeIfPresent(String.self, forKey: .facilitator)
        participants = try container.decode([Participant].self, forKey: .participants)
        status = try container.decode(RunStatus.self, forKey: .status)
        startedAt = try container.decodeTimestamp(forKey: .startedAt)
        endedAt = try container.decodeTimestampIfPresent(forKey: .endedAt)
        asOf = try container.decode(CalendarDate.self, forKey: .asOf)
        playedOn = try container.decodeIfPresent(CalendarDate.self, forKey: .playedOn)
        preparednessSource = try container.decode(String.self, forKey: .preparednessSource)
        scenarioHash = try container.decode(String.self, forKey: .scenarioHash)
        preparednessHash = try container.decode(String.self, forKey: .preparednessHash)
        headHash = try container.decodeIfPresent(String.self, forKey: .headHash)
        score = try container.decodeIfPresent(DrillScore.self, forKey: .score)
        findings = try container.decode([CheckReport.NeedResult].self, forKey: .findings)
        // The JSON form of an event leaves out its run: it is this one's.
        events = try container.decode([EventRecord].self, forKey: .events)
        for index in events.indices { events[index].runID = id }
        scenarioYAML = try container.decode(String.self, forKey: .scenarioYAML)
        preparednessYAML = try container.decode(String.self, forKey: .preparednessYAML)
        seal = try container.decodeIfPresent(StoredSeal.self, forKey: .seal)
        evidence = try container.decodeIfPresent(RunEvidence.self, forKey: .evidence)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.formatVersion, forKey: .formatVersion)
        try container.encode(id, forKey: .id)
        try container.encode(team, forKey: .team)
        try container.encode(scenarioId, forKey: .scenarioId)
        try container.encode(scenarioTitle, forKey: .scenarioTitle)
        try container.encode(scenarioKind, forKey: .scenarioKind)
        try container.encode(mode, forKey: .mode)
        try container.encodeIfPresent(facilitator, forKey: .facilitator)
        try container.encode(participants, forKey: .participants)
        try container.encode(status, forKey: .status)
        try container.encode(Timestamp8601.string(startedAt), forKey: .startedAt)
        try container.encodeIfPresent(endedAt.map(Timestamp8601.string), forKey: .endedAt)
        try container.encode(asOf, forKey: .asOf)
        try container.encodeIfPresent(playedOn, forKey: .playedOn)
        try container.encode(preparednessSource, forKey: .preparednessSource)
        try container.encode(scenarioHash, forKey: .scenarioHash)
        try container.encode(preparednessHash, forKey: .preparednessHash)
        try container.encodeIfPresent(headHash, forKey: .headHash)
        try container.encodeIfPresent(score, forKey: .score)
        try container.encode(findings, forKey: .findings)
        try container.encode(events, forKey: .events)
        try container.encode(scenarioYAML, forKey: .scenarioYAML)
        try container.encode(preparednessYAML, forKey: .preparednessYAML)
        try container.encodeIfPresent(seal, forKey: .seal)
        try container.encodeIfPresent(evidence, forKey: .evidence)
    }

    /// The transcript as JSON: keys sorted, two-space indent, a final newline. The same run always gives the same bytes.
    public func jsonData() -> Data {
        // Every field is a string, number, boolean or a value of those: encoding cannot fail.
        var data = (try? DrillJSON.encode(self)) ?? Data()
        data.append(0x0A)
        return data
    }
}

extension RunTranscript {
    /// What the transcript's seal covers, from its own fields: the same seal the store computes from the run's rows.
    public var sealContent: RunSeal.Content {
        RunSeal.Content(
            id: id, team: team, scenarioID: scenarioId, scenarioTitle: scenarioTitle, scenarioKind: scenarioKind, mode: mode,
            facilitator: facilitator, participants: participants.map { ($0.name, $0.role) }, status: status.rawValue,
            startedAt: startedAt, endedAt: endedAt, asOf: asOf.description, scenarioHash: scenarioHash, preparednessHash: preparednessHash,
            preparednessSource: preparednessSource, overallScore: score?.overall, scoreJSON: RunSeal.scoreJSON(score),
            findings: findings.enumerated().map { position, result in
                FindingRecord(runID: id, position: position, finding: Finding(
                    needID: result.id, pillar: result.pillar, status: result.status, reasons: result.reason.isEmpty ? [] : [result.reason],
                    delay: TimeSpan(hours: result.delayHours), evidenceLoss: TimeSpan(hours: result.evidenceLossHours), fix: result.fix))
            },
            headHash: headHash, evidence: evidence?.canonicalJSON, playedOn: playedOn?.description)
    }

    /// How the transcript's signature stands against `keys`: `nil` when it carries none.
    public func signatureVerdict(keys: TrustedKeys) -> TrustedKeys.Verdict? {
        guard let seal else { return nil }
        guard RunSeal(sealContent).hash == seal.hash else { return .invalid }
        return keys.verdict(signature: seal.signature, keyID: seal.keyId, message: RunSeal.signedMessage(seal.hash))
    }
}
