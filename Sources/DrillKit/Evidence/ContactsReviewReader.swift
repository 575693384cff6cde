import Foundation
import Yams

/// A dated contact review the team signs off, drill's own small format:
///
/// ```yaml
/// reviews:
///   - contact: Blue Harbor Security     # the contact's name in preparedness.yaml
///     on: 2026-11-02                    # the day someone called or mailed them and got an answer
///     by: Priya Natarajan
/// ```
///
/// One fact per contact, its latest review: `review:<contact>`. The file is a ledger kept up to
/// date, not a snapshot, so its collection time is its modification time.
enum ContactsReviewReader {
    static let format = "contacts-review"

    /// Whether a YAML text looks like a review file (a top-level `reviews:` key).
    static func recognises(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.hasPrefix("reviews:") }
    }

    static func read(_ text: String, path: String) throws(LoadFailure) -> [EvidenceFact] {
        let node = try YAMLReader.compose(text: text, displayPath: path, budget: InputBudget())
        let reader = YAMLReader(path: path)
        var latest: [String: (on: CalendarDate, by: String)] = [:]
        if let fields = reader.fields(node, "a contacts review", allowed: ["reviews"]),
           let list = fields.required("reviews").flatMap({ reader.list($0, "reviews") }) {
            for item in list {
                guard let entry = reader.fields(item, "a review", allowed: ["contact", "on", "by", "notes"]) else { continue }
                let contact = entry.required("contact").flatMap { reader.text($0, "contact") }
                let on = entry.required("on").flatMap { reader.date($0, "on") }
                let by = entry.required("by").flatMap { reader.text($0, "by") }
                guard let contact, let on, let by else { continue }
                if latest[contact].map({ $0.on < on }) ?? true { latest[contact] = (on, by) }
            }
        }
        guard reader.diagnostics.isEmpty else { throw .invalid(reader.diagnostics) }
        return latest.keys.sorted().map { EvidenceFact(id: "review:\($0)", .contactReviewed(on: latest[$0]!.on, by: latest[$0]!.by)) }
    }
}

/// A git repository on disk, named by a preparedness entry as `git:PATH` (relative to the
/// preparedness file): its remotes (`.git/config`), and whether the newest commit of the
/// current branch (`HEAD`) is the commit a remote-tracking ref of the same branch points to —
/// the code is then backed up off the machine, as of the last fetch.
enum GitRepositoryReader {
    static let format = "git-repository"

    static func read(repository url: URL, id: String) throws(EvidenceProblem) -> (fact: EvidenceFact, fingerprint: String, collected: Date?) {
        let fileManager = FileManager.default
        var gitDir = url.appendingPathComponent(".git")
        var isDirectory: ObjCBool = false
        if !fileManager.fileExists(atPath: gitDir.path, isDirectory: &isDirectory) || !isDirectory.boolValue {
            // A bare repository is its own git folder.
            gitDir = url
        }
        func read(_ relative: String) -> String? {
            guard let data = fileManager.contents(atPath: gitDir.appendingPathComponent(relative).path), data.count < 4 << 20 else { return nil }
            return String(data: data, encoding: .utf8)
        }
        guard let head = read("HEAD")?.trimmingCharacters(in: .whitespacesAndNewlines), let config = read("config") else {
            throw EvidenceProblem("expected a git repository (a folder with .git/HEAD and .git/config)")
        }
        var remotes: [String] = []
        for line in config.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("[remote \""), let end = trimmed.dropFirst(9).firstIndex(of: "\"") {
                remotes.append(String(trimmed.dropFirst(9)[..<end]))
            }
        }
        let packed = read("packed-refs") ?? ""
        func resolve(_ ref: String) -> String? {
            if let loose = read(ref)?.trimmingCharacters(in: .whitespacesAndNewlines), !loose.isEmpty { return loose }
            for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
                return String(line.prefix { $0 != " " })
            }
            return nil
        }
        let branchRef = head.hasPrefix("ref: ") ? String(head.dropFirst(5)) : nil
        let commit = branchRef.flatMap(resolve) ?? (head.count == 40 ? head : nil)
        let branch = branchRef.map { $0.replacingOccurrences(of: "refs/heads/", with: "") }
        let onRemote = commit != nil && branch != nil && remotes.contains { resolve("refs/remotes/\($0)/\(branch!)") == commit }
        let fingerprint = ContentHash.sha256([head, config, commit ?? ""].joined(separator: "\n"))
        let modified = (try? fileManager.attributesOfItem(atPath: gitDir.appendingPathComponent("HEAD").path))?[.modificationDate] as? Date
        return (EvidenceFact(id: id, .codeOffMachine(remotes: remotes, headOnRemote: onRemote)), fingerprint, modified)
    }
}
