import Foundation

/// The `evidence/` folder beside a preparedness file: every export in it read, offline, and
/// the git repositories the preparedness file names (`evidence: git:PATH`). Nothing is sent
/// anywhere and the preparedness file is never changed.
public enum EvidenceFolder {
    /// Largest YAML evidence file (a contacts review) read, in bytes; JSON exports are streamed (``JSONExportStream``).
    public static let maxYAMLBytes = 4 << 20

    /// Facts of one export kept beyond those the preparedness file names: the first this many, in
    /// the order read, so that `drill evidence` lists a real export's few hundred log groups whole
    /// (ids to name in `evidence:`) while a 120,000-group export is held in bounded memory. The
    /// rest are counted (``EvidenceFile/unlistedFacts``); the judgement reads only named ids, so
    /// it never needs them.
    public static let listedFacts = 1_000

    /// A JSON export format: its name, how to recognise it, how to read it.
    struct JSONFormat: Sendable {
        let name: String
        let recognises: @Sendable (Any) -> Bool
        let read: @Sendable (Any, String) throws -> (facts: [EvidenceFact], collected: Date?)

        init<Reader: EvidenceReader>(_ reader: Reader.Type) {
            name = Reader.format
            recognises = { Reader.recognises($0) }
            read = { try Reader.read($0, fileName: $1) }
        }
    }

    static let readers: [JSONFormat] = [
        JSONFormat(CloudWatchLogGroupsReader.self), JSONFormat(AWSBackupRestoreJobsReader.self), JSONFormat(ResticSnapshotsReader.self),
        JSONFormat(PgBackRestInfoReader.self), JSONFormat(WALGBackupListReader.self),
        JSONFormat(CloudTrailTrailsReader.self), JSONFormat(CloudTrailStatusReader.self), JSONFormat(GoogleLoggingBucketsReader.self),
        JSONFormat(PagerDutySchedulesReader.self), JSONFormat(PagerDutyEscalationPoliciesReader.self),
    ]

    private static func failed(_ path: String, _ message: String, format: String? = nil, sha: String = "", line: Int? = nil,
                               column: Int? = nil) -> EvidenceFile {
        EvidenceFile(path: path, format: format, collected: nil, collectedFrom: "", sha256: sha, facts: [],
                     problem: Diagnostic(path: path, line: line, column: column, message: message))
    }

    /// Reads every file of `folder` (not its subfolders), in name order, each repository in
    /// `repositories` (ids `git:PATH`) and each log folder in `logFolders` (ids `path:PATH`), paths
    /// resolved against `base`. A file that cannot be read is returned with its problem, never
    /// skipped. A missing folder is no evidence. Each file keeps the facts under the ids in `named`
    /// and the first ``listedFacts`` others, and counts the rest.
    public static func read(folder: URL, displayPath: String, repositories: [String] = [], logFolders: [String] = [], named: Set<String> = [],
                            base: URL) -> [EvidenceFile] {
        var files: [EvidenceFile] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { !$0.hasPrefix(".") }.sorted() ?? []
        for name in names {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files.append(read(file: url, displayPath: displayPath + "/" + name, named: named))
        }
        for id in repositories.sorted() {
            let path = String(id.dropFirst("git:".count))
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
            do throws(EvidenceProblem) {
                let (fact, fingerprint, collected) = try GitRepositoryReader.read(repository: url, id: id)
                files.append(EvidenceFile(path: path, format: GitRepositoryReader.format, collected: collected,
                                          collectedFrom: "modification time of HEAD", sha256: fingerprint, facts: [fact]))
            } catch {
                files.append(EvidenceFile(path: path, format: GitRepositoryReader.format, collected: nil, collectedFrom: "", sha256: "",
                                          facts: [], problem: Diagnostic(path: path, message: error.message)))
            }
        }
        for id in logFolders.sorted() {
            let path = String(id.dropFirst("path:".count))
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
            // A folder that is not there is evidence not found (the id stays unresolved), as a missing export is.
            guard (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil else { continue }
            do throws(EvidenceProblemAt) {
                let (fact, sha, collected) = try LogFolderReader.read(folder: url, id: id, displayPath: path)
                files.append(EvidenceFile(path: path, format: LogFolderReader.format, collected: collected,
                                          collectedFrom: "modification time of the newest file", sha256: sha, facts: [fact]))
            } catch {
                files.append(EvidenceFile(path: path, format: LogFolderReader.format, collected: nil, collectedFrom: "", sha256: "",
                                          facts: [], problem: Diagnostic(path: error.path, line: error.line, message: error.message)))
            }
        }
        return files
    }

    /// Reads one export, recognising its format from its content. JSON is read in parts of
    /// bounded size (``JSONExportStream``); a YAML contacts review is small and read whole. The
    /// facts under `named` ids are kept, and the first ``listedFacts`` others; the rest are counted.
    public static func read(file url: URL, displayPath: String, named: Set<String> = []) -> EvidenceFile {
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
        let name = url.lastPathComponent.lowercased()
        guard name.hasSuffix(".json") else { return readYAML(file: url, name: name, displayPath: displayPath, modified: modified) }

        var reader: JSONFormat?
        var facts: [EvidenceFact] = []
        var index: [String: Int] = [:]
        var unlisted = 0
        var collected: Date?
        let sha: String
        do {
            sha = try JSONExportStream.read(url) { data, line in
                let json: Any
                do {
                    json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
                } catch {
                    throw JSONExportStream.Problem(message: "is not valid JSON (truncated or not an export?)", line: line, column: 1)
                }
                if reader == nil {
                    guard let found = readers.first(where: { $0.recognises(json) }) else {
                        throw EvidenceProblem("is JSON of no format drill reads (\(readers.map(\.name).joined(separator: ", ")))")
                    }
                    reader = found
                }
                do {
                    let part = try reader!.read(json, url.lastPathComponent)
                    for fact in part.facts {
                        if let at = index[fact.id] { facts[at] = facts[at].merged(with: fact) } else if index.count < listedFacts || named.contains(fact.id) {
                            index[fact.id] = facts.count
                            facts.append(fact)
                        } else {
                            // Counted, not kept: an unnamed id past the listing that recurs in a
                            // later part (a history's summary) counts again, which only a format
                            // with over a thousand such ids could show.
                            unlisted += 1
                        }
                    }
                    if let date = part.collected { collected = max(collected ?? date, date) }
                } catch {
                    throw EvidenceProblem("\(reader!.name): \((error as? EvidenceProblem)?.message ?? "could not be read")")
                }
            }
        } catch let problem as JSONExportStream.Problem {
            return failed(displayPath, problem.message, format: reader?.name, line: problem.line, column: problem.column)
        } catch let problem as EvidenceProblem {
            return failed(displayPath, problem.message, format: reader?.name)
        } catch {
            return failed(displayPath, "cannot be read (check its permissions)")
        }
        guard let reader else { return failed(displayPath, "is JSON of no format drill reads", sha: sha) }
        return EvidenceFile(path: displayPath, format: reader.name, collected: collected ?? modified,
                            collectedFrom: collected == nil ? "modification time" : "content", sha256: sha, facts: facts, unlistedFacts: unlisted)
    }

    private static func readYAML(file url: URL, name: String, displayPath: String, modified: Date?) -> EvidenceFile {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: maxYAMLBytes + 1) ?? Data()
        } catch {
            return failed(displayPath, "cannot be read (check its permissions)")
        }
        let sha = ContentHash.sha256(data)
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else {
            return failed(displayPath, "is not an evidence format drill reads (expected .json exports or a .yaml contacts review)", sha: sha)
        }
        guard data.count <= maxYAMLBytes else { return failed(displayPath, "is larger than \(maxYAMLBytes >> 20) MiB: not a contacts review", sha: sha) }
        guard let text = String(data: data, encoding: .utf8) else { return failed(displayPath, "is not UTF-8 text", sha: sha) }
        guard ContactsReviewReader.recognises(text) else {
            return failed(displayPath, "is not an evidence format drill reads (a YAML evidence file is a contacts review with a top-level 'reviews:' list)", sha: sha)
        }
        do throws(LoadFailure) {
            let facts = try ContactsReviewReader.read(text, path: displayPath)
            return EvidenceFile(path: displayPath, format: ContactsReviewReader.format, collected: modified,
                                collectedFrom: "modification time", sha256: sha, facts: facts)
        } catch {
            let first = error.diagnostics.first
            return failed(displayPath, first?.message ?? "does not load", format: ContactsReviewReader.format, sha: sha, line: first?.line, column: first?.column)
        }
    }
}
