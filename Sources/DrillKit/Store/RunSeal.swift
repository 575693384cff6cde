import Foundation

/// The seal over everything a reviewer reads of a run besides its events: the header (team,
/// scenario, title, kind, mode, facilitator, participants, times, as-of day, the texts' hashes),
/// its status and score, its findings, and the head of its event chain (which covers every event).
///
/// A seal is a manifest of one digest per field, and the SHA-256 of that manifest. The store
/// keeps the manifest beside the run (so `drill verify` names the field that changed), the seal
/// in the run ledger (so a run rolled back or deleted is found), and a signature of the seal by
/// the installation's key (so a seal recomputed without the key is found). An exported
/// transcript carries the seal and its signature, and is checked against them on import.
///
/// The digests are computed from plain values, so the same run gives the same seal from its rows
/// and from its transcript; the field names are the store's column names.
public struct RunSeal: Sendable {
    /// The fields a seal covers, as plain values.
    public struct Content: Sendable {
        /// The run's id.
        public var id: String
        /// The team.
        public var team: String
        /// The scenario's id.
        public var scenarioID: String
        /// The scenario's title as played.
        public var scenarioTitle: String
        /// The scenario's kind.
        public var scenarioKind: String
        /// `drill` or `onboarding`.
        public var mode: String
        /// Who ran the drill.
        public var facilitator: String?
        /// Names and roles, in order.
        public var participants: [(name: String, role: String?)]
        /// in-progress, paused or finished.
        public var status: String
        /// When the run started (to the millisecond).
        public var startedAt: Date
        /// When it finished (to the millisecond).
        public var endedAt: Date?
        /// The day records were judged on, `YYYY-MM-DD`.
        public var asOf: String
        /// SHA-256 of the scenario text.
        public var scenarioHash: String
        /// SHA-256 of the preparedness text.
        public var preparednessHash: String
        /// Where the preparedness came from.
        public var preparednessSource: String
        /// The cached overall score.
        public var overallScore: Int?
        /// The score as the `scoreJSON` column holds it (sorted keys, no spaces).
        public var scoreJSON: String?
        /// The findings, in order.
        public var findings: [FindingRecord]
        /// The head of the run's event chain.
        public var headHash: String?
        /// The evidence the run was judged against, in its stored form (``RunEvidence/canonicalJSON``);
        /// `nil` for a run judged on claims alone, whose seal is then what it was before runs kept evidence.
        public var evidence: String?
        /// The day a backfilled drill was played (`YYYY-MM-DD`); `nil` for a live one, whose
        /// seal then has no such field, so runs sealed before it existed keep their seal.
        public var playedOn: String?

        /// The content of a run's rows.
        public init(run: RunRecord, participants: [ParticipantRecord], findings: [FindingRecord], evidence: String? = nil) {
            id = run.id
            team = run.team
            scenarioID = run.scenarioID
            scenarioTitle = run.scenarioTitle
            scenarioKind = run.scenarioKind
            mode = run.mode
            facilitator = run.facilitator
            self.participants = participants.map { ($0.name, $0.role) }
            status = run.status.rawValue
            startedAt = run.startedAt
            endedAt = run.endedAt
            asOf = run.asOf.description
            scenarioHash = run.scenarioHash
            preparednessHash = run.preparednessHash
            preparednessSource = run.preparednessSource
            overallScore = run.overallScore
            scoreJSON = run.scoreJSON
            self.findings = findings
            headHash = run.headHash
            self.evidence = evidence
            playedOn = run.playedOn?.description
        }

        /// Content given field by field.
        public init(id: String, team: String, scenarioID: String, scenarioTitle: String, scenarioKind: String, mode: String,
                    facilitator: String?, participants: [(name: String, role: String?)], status: String, startedAt: Date, endedAt: Date?,
                    asOf: String, scenarioHash: String, preparednessHash: String, preparednessSource: String, overallScore: Int?,
                    scoreJSON: String?, findings: [FindingRecord], headHash: String?, evidence: String? = nil, playedOn: String? = nil) {
            self.id = id
            self.team = team
            self.scenarioID = scenarioID
            self.scenarioTitle = scenarioTitle
            self.scenarioKind = scenarioKind
            self.mode = mode
            self.facilitator = facilitator
            self.participants = participants
            self.status = status
            self.startedAt = startedAt
            self.endedAt = endedAt
            self.asOf = asOf
            self.scenarioHash = scenarioHash
            self.preparednessHash = preparednessHash
            self.preparednessSource = preparednessSource
            self.overallScore = overallScore
            self.scoreJSON = scoreJSON
            self.findings = findings
            self.headHash = headHash
            self.evidence = evidence
            self.playedOn = playedOn
        }
    }

    /// Each field's name and digest, in a fixed order.
    public var digests: [(field: String, digest: String)]

    /// The manifest: a tag line, then `field=digest` per line.
    public var manifest: String {
        "drill-seal-v1\n" + digests.map { "\($0.field)=\($0.digest)\n" }.joined()
    }

    /// The seal: SHA-256 of the manifest.
    public var hash: String { ContentHash.sha256(manifest) }

    /// The message a signature of a seal signs.
    public static func signedMessage(_ hash: String) -> String { "drill-run-seal-v1\n" + hash }

    /// One field's digest.
    static func digest(_ field: String, _ values: [String?]) -> (String, String) {
        var encoder = FieldEncoder(tag: "drill-seal-field-v1 " + field)
        for value in values { encoder.add(value) }
        // 128 bits: a second preimage stays out of reach, and a manifest stays short.
        return (field, String(ContentHash.sha256(encoder.text).prefix(32)))
    }

    /// The same seal with the run's head hash changed: what a step changes of a sealed run
    /// (its events are covered through the head), without digesting every other field again.
    public func replacingHeadHash(_ headHash: String?) -> RunSeal {
        var seal = self
        if let index = seal.digests.firstIndex(where: { $0.field == "headHash" }) {
            let (field, digest) = Self.digest("headHash", [headHash])
            seal.digests[index] = (field: field, digest: digest)
        }
        return seal
    }

    /// Seals `content`.
    public init(_ content: Content) {
        let digest = Self.digest
        var participantValues: [String?] = [String(content.participants.count)]
        for participant in content.participants { participantValues += [participant.name, participant.role] }
        var findingValues: [String?] = [String(content.findings.count)]
        for finding in content.findings {
            findingValues += [finding.needID, finding.pillar.rawValue, finding.status.rawValue, finding.reason,
                              String(finding.delayHours.bitPattern), String(finding.evidenceLossHours.bitPattern), finding.fix]
        }
        digests = [
            digest("id", [content.id]),
            digest("team", [content.team]),
            digest("scenarioID", [content.scenarioID]),
            digest("scenarioTitle", [content.scenarioTitle]),
            digest("scenarioKind", [content.scenarioKind]),
            digest("mode", [content.mode]),
            digest("facilitator", [content.facilitator]),
            digest("participants", participantValues),
            digest("status", [content.status]),
            digest("startedAt", [String(EventChain.milliseconds(content.startedAt))]),
            digest("endedAt", [content.endedAt.map { String(EventChain.milliseconds($0)) }]),
            digest("asOf", [content.asOf]),
            digest("scenarioHash", [content.scenarioHash]),
            digest("preparednessHash", [content.preparednessHash]),
            digest("preparednessSource", [content.preparednessSource]),
            digest("overallScore", [content.overallScore.map(String.init)]),
            digest("scoreJSON", [content.scoreJSON]),
            digest("findings", findingValues),
            digest("headHash", [content.headHash]),
        ].map { (field: $0.0, digest: $0.1) }
        // Appended only when there is evidence, so a run without any keeps the seal it always had.
        if let evidence = content.evidence {
            let (field, value) = digest("evidence", [evidence])
            digests.append((field: field, digest: value))
        }
        // Only backfilled runs have it: a live run's manifest is the one it always had.
        if let playedOn = content.playedOn { digests.append({ let d = digest("playedOn", [playedOn]); return (field: d.0, digest: d.1) }()) }
    }

    /// The fields whose digests differ from those in a stored `manifest`, in order; every field
    /// when the manifest cannot be read.
    public func fieldsDiffering(from manifest: String?) -> [String] {
        guard let manifest else { return digests.map(\.field) }
        var stored: [String: String] = [:]
        for line in manifest.split(separator: "\n").dropFirst() {
            guard let equals = line.firstIndex(of: "=") else { continue }
            stored[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        // A field sealed that the run no longer has (its evidence removed) differs too.
        let removed = stored.keys.filter { key in !digests.contains { $0.field == key } }.sorted()
        return digests.filter { stored[$0.field] != $0.digest }.map(\.field) + removed
    }

    /// A score as the store writes it: JSON with sorted keys.
    public static func scoreJSON(_ score: DrillScore?) -> String? {
        guard let score else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // A score is whole numbers only: encoding cannot fail.
        return (try? encoder.encode(score)).map { String(decoding: $0, as: UTF8.self) }
    }
}
