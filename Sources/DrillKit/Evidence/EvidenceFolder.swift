import Foundation

/// The `evidence/` folder beside a preparedness file: every export in it read, offline, and
/// the git repositories the preparedness file names (`evidence: git:PATH`). Nothing is sent
/// anywhere and the preparedness file is never changed.
public enum EvidenceFolder {
    /// Largest export read, in bytes.
    public static let maxBytes = 64 << 20

    /// A JSON export format: its name, how to recognise it, how to read it.
    struct JSONFormat: Sendable {
        let name: String
        let recognises: @Sendable (Any) -> Bool
        let read: @Sendable (Any) throws -> (facts: [EvidenceFact], collected: Date?)

        init<Reader: EvidenceReader>(_ reader: Reader.Type) {
            name = Reader.format
            recognises = { Reader.recognises($0) }
            read = { try Reader.read($0) }
        }
    }

    static let readers: [JSONFormat] = [
        JSONFormat(CloudWatchLogGroupsReader.self), JSONFormat(AWSBackupRestoreJobsReader.self), JSONFormat(ResticSnapshotsReader.self),
        JSONFormat(PgBackRestInfoReader.self), JSONFormat(WALGBackupListReader.self),
    ]

    private static func failed(_ path: String, _ message: String, format: String? = nil, sha: String = "", line: Int? = nil,
                               column: Int? = nil) -> EvidenceFile {
        EvidenceFile(path: path, format: format, collected: nil, collectedFrom: "", sha256: sha, facts: [],
                     problem: Diagnostic(path: path, line: line, column: column, message: message))
    }

    /// Reads every file of `folder` (not its subfolders), in name order, and each repository in
    /// `repositories` (ids `git:PATH`, resolved against `base`). A file that cannot be read is
    /// returned with its problem, never skipped. A missing folder is no evidence.
    public static func read(folder: URL, displayPath: String, repositories: [String] = [], base: URL) -> [EvidenceFile] {
        var files: [EvidenceFile] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { !$0.hasPrefix(".") }.sorted() ?? []
        for name in names {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files.append(read(file: url, displayPath: displayPath + "/" + name))
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
        return files
    }

    /// Reads one export, recognising its format from its content.
    public static func read(file url: URL, displayPath: String) -> EvidenceFile {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: maxBytes + 1) ?? Data()
        } catch {
            return failed(displayPath, "cannot be read (check its permissions)")
        }
        guard data.count <= maxBytes else { return failed(displayPath, "is larger than \(maxBytes >> 20) MiB; export less, or split it") }
        let sha = ContentHash.sha256(data)
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
        let name = url.lastPathComponent.lowercased()

        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
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
        guard name.hasSuffix(".json") else {
            return failed(displayPath, "is not an evidence format drill reads (expected .json exports or a .yaml contacts review)", sha: sha)
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            return failed(displayPath, "is not valid JSON (truncated or not an export?)", sha: sha)
        }
        guard let reader = readers.first(where: { $0.recognises(json) }) else {
            return failed(displayPath, "is JSON of no format drill reads (\(readers.map(\.name).joined(separator: ", ")))", sha: sha)
        }
        do {
            let (facts, collected) = try reader.read(json)
            return EvidenceFile(path: displayPath, format: reader.name, collected: collected ?? modified,
                                collectedFrom: collected == nil ? "modification time" : "content", sha256: sha, facts: facts)
        } catch {
            let message = (error as? EvidenceProblem)?.message ?? "could not be read"
            return failed(displayPath, "\(reader.name): \(message)", format: reader.name, sha: sha)
        }
    }
}
