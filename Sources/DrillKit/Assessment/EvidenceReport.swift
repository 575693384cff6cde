import Foundation

/// What `drill evidence` lists and `check --format json` carries: each evidence file with its
/// facts, and how each claim of the preparedness file stands against them.
public struct EvidenceReport: Codable, Hashable, Sendable {
    /// One file (or repository) read.
    public struct File: Codable, Hashable, Sendable {
        /// The path as shown.
        public var path: String
        /// The format recognised, if any.
        public var format: String?
        /// When the export was made (ISO 8601), if known.
        public var collected: String?
        /// Where `collected` comes from.
        public var collectedFrom: String?
        /// SHA-256 of the bytes read.
        public var sha256: String?
        /// The facts it yields: those the preparedness file names, and the first
        /// ``EvidenceFolder/listedFacts`` others.
        public var facts: [Fact]
        /// How many more facts the export holds, named by no entry and not listed; absent when none.
        public var unlistedFacts: Int?
        /// Why nothing was judged from it, as `path:line:column: error: message`.
        public var problem: String?
        /// The preparedness entries its facts confirm.
        public var confirms: [String]
        /// The preparedness entries its facts contradict.
        public var contradicts: [String]
    }

    /// One fact, by the id an entry names.
    public struct Fact: Codable, Hashable, Sendable {
        /// The id (`cloudwatch:/aws/app/audit`).
        public var id: String
        /// The fact in a sentence.
        public var says: String
    }

    /// The evidence folder read.
    public var folder: String
    /// Every file, in name order, then repositories.
    public var files: [File]
    /// Each claim held to evidence.
    public var provenance: [Provenance]
    /// Evidence ids the preparedness file names that nothing yields.
    public var unresolved: [String]

    /// Summarises the files and the judgement made from them.
    public init(folder: String, files: [EvidenceFile], judgement: EvidenceJudgement) {
        self.folder = folder
        self.files = files.map { file in
            let confirms = judgement.provenance.filter { $0.file == file.path && $0.state == .verified }.map { "\($0.record).\($0.field)" }
            let contradicts = judgement.provenance.filter { $0.file == file.path && $0.state == .contradicted }.map { "\($0.record).\($0.field)" }
            return File(path: file.path, format: file.format, collected: file.collected.map(Timestamp8601.string),
                        collectedFrom: file.problem == nil ? file.collectedFrom : nil, sha256: file.sha256.isEmpty ? nil : file.sha256,
                        facts: file.facts.map { Fact(id: $0.id, says: $0.sentence) }, unlistedFacts: file.unlistedFacts > 0 ? file.unlistedFacts : nil,
                        problem: file.problem?.description,
                        confirms: confirms, contradicts: contradicts)
        }
        provenance = judgement.provenance
        unresolved = judgement.unresolved
    }

    /// The files drill could not read.
    public var problems: [String] { files.compactMap(\.problem) }
}

extension EvidenceFolder {
    /// Reads the evidence for a profile: the folder's exports, and the repositories and log
    /// folders its entries name. Of each export, the facts the entries name are kept (and a bounded
    /// listing of the rest), so memory stays flat however many log groups an export holds.
    public static func read(for profile: PreparednessProfile, folder: URL, displayPath: String, base: URL) -> [EvidenceFile] {
        let ids = profile.contacts.flatMap(\.evidence) + profile.logs.flatMap(\.evidence) + profile.backups.flatMap(\.evidence)
        return read(folder: folder, displayPath: displayPath, repositories: Array(Set(ids.filter { $0.hasPrefix("git:") })),
                    logFolders: Array(Set(ids.filter { $0.hasPrefix("path:") })), named: Set(ids), base: base)
    }
}
