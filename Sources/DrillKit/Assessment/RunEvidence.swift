import Foundation

/// The evidence a run was judged against, as stored with it and carried in its transcript: each
/// file read (its path, format, SHA-256, collection time and facts) and the policy that judged
/// them. A reviewer years later sees what was verified then; `drill verify` and `drill import`
/// recompute the run's findings from it, and its seal covers it.
public struct RunEvidence: Codable, Hashable, Sendable {
    /// One file (or repository, or log folder) read.
    public struct File: Codable, Hashable, Sendable {
        /// The path as shown.
        public var path: String
        /// The format recognised.
        public var format: String?
        /// When it was collected.
        public var collected: Date?
        /// SHA-256 of what was read.
        public var sha256: String
        /// The facts it yielded: those the preparedness file named, and the first
        /// ``EvidenceFolder/listedFacts`` others (every fact, for runs stored before the listing was bounded).
        public var facts: [EvidenceFact]
        /// How many more facts the export held, named by no entry and not kept; absent when none
        /// (and in runs stored before). The judgement reads only named ids, so it never needs them.
        public var unlistedFacts: Int?

        /// Creates a file.
        public init(path: String, format: String?, collected: Date?, sha256: String, facts: [EvidenceFact], unlistedFacts: Int? = nil) {
            self.path = path
            self.format = format
            self.collected = collected
            self.sha256 = sha256
            self.facts = facts
            self.unlistedFacts = unlistedFacts
        }
    }

    /// The evidence folder read.
    public var folder: String
    /// The files judged from, in the order read (files drill could not read are not judged from, and not kept).
    public var files: [File]
    /// Evidence collected longer ago than this, before the run's `asOf` day, was reported but not used (hours).
    public var maxAgeHours: Double

    /// Creates stored evidence.
    public init(folder: String, files: [File], maxAgeHours: Double) {
        self.folder = folder
        self.files = files
        self.maxAgeHours = maxAgeHours
    }

    /// The evidence of files as read: those with a problem are left out, as the judgement leaves them out.
    public init(folder: String, read: [EvidenceFile], maxAge: TimeSpan) {
        self.init(folder: folder, files: read.filter { $0.problem == nil }.map {
            File(path: $0.path, format: $0.format, collected: $0.collected, sha256: $0.sha256, facts: $0.facts,
                 unlistedFacts: $0.unlistedFacts > 0 ? $0.unlistedFacts : nil)
        }, maxAgeHours: maxAge.hours)
    }

    /// The files as the judgement takes them.
    public var evidenceFiles: [EvidenceFile] {
        files.map {
            EvidenceFile(path: $0.path, format: $0.format, collected: $0.collected, collectedFrom: "stored with the run", sha256: $0.sha256,
                         facts: $0.facts, unlistedFacts: $0.unlistedFacts ?? 0)
        }
    }

    /// The profile held to this evidence on `asOf`, as the run was judged.
    public func judge(_ profile: PreparednessProfile, asOf: CalendarDate) -> EvidenceJudgement {
        EvidenceJudgement(profile, evidence: evidenceFiles, asOf: asOf, maxAge: TimeSpan(hours: maxAgeHours))
    }

    /// The stored form: JSON with sorted keys and times as ``Timestamp8601`` writes them. The
    /// store keeps this text and the seal covers it; the same evidence always gives the same text.
    public var canonicalJSON: String {
        // Strings, numbers, booleans and times only: encoding cannot fail.
        (try? DrillJSON.string(self)) ?? ""
    }

    /// Reads the stored form.
    public init(canonicalJSON text: String) throws {
        self = try Self.decoder.decode(RunEvidence.self, from: Data(text.utf8))
    }

    /// A decoder for times as ``Timestamp8601`` writes them.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp8601.date(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text.prefix(40))' is not a time; write it like 2026-11-26T17:10:47.576Z")
            }
            return date
        }
        return decoder
    }

    /// The same evidence as it reads back from its stored form (times to the millisecond): a run
    /// is judged on exactly what it stores.
    public var roundTripped: RunEvidence { (try? RunEvidence(canonicalJSON: canonicalJSON)) ?? self }
}
