import Foundation

/// An exported transcript checked against itself (hashes, chain, seal, replay, signature) and
/// against the run of the same id in a database: what `drill verify FILE.json` reports.
public struct TranscriptCheck: Codable, Sendable, Equatable {
    /// The file, as the user named it.
    public var path: String
    /// The run's id, when the file loads.
    public var runId: String?
    /// How many events the transcript holds.
    public var events: Int
    /// `valid`, `invalid`, `unknown-key` or `unsigned`.
    public var signature: String
    /// The key that signed it.
    public var keyId: String?
    /// Whether the database's run of the same id is the same run; `nil` when it holds none.
    public var matchesDatabase: Bool?
    /// What is wrong, one sentence each; empty when the transcript is intact.
    public var problems: [String]

    /// Whether nothing is wrong.
    public var intact: Bool { problems.isEmpty }

    /// Checks the transcript at `url`. Only a file that cannot be read throws (`LoadFailure.missing`);
    /// a transcript that does not load or does not match is a check with problems.
    public static func check(fileAt url: URL, displayPath path: String, against database: AppDatabase,
                             keys: TrustedKeys) throws(LoadFailure) -> TranscriptCheck {
        let transcript: RunTranscript
        do {
            transcript = try RunTranscript.load(fileAt: url, displayPath: path, keys: keys)
        } catch {
            if case .missing = error { throw error }
            return TranscriptCheck(path: path, runId: nil, events: 0, signature: "invalid", keyId: nil, matchesDatabase: nil,
                                   problems: error.diagnostics.map { "\($0.line.map { "line \($0): " } ?? "")\($0.message)" })
        }
        var check = TranscriptCheck(path: path, runId: transcript.id, events: transcript.events.count,
                                    signature: transcript.signatureVerdict(keys: keys)?.rawValue ?? "unsigned",
                                    keyId: transcript.seal?.keyId, matchesDatabase: nil, problems: [])
        if transcript.headHash == nil {
            check.problems.append("it carries no head hash, so nothing proves it unchanged")
        }
        if let stored = try? RunTranscript(runID: transcript.id, from: database), stored.id == transcript.id {
            let difference = transcript.difference(from: stored)
            check.matchesDatabase = difference == nil
            if let difference { check.problems.append(difference) }
        }
        return check
    }
}

extension RunTranscript {
    /// How this transcript differs from `stored`, the run of the same id in a database: `nil`
    /// when its head hash, every event's hash and its seal (when it has one) are the same.
    public func difference(from stored: RunTranscript) -> String? {
        let same = stored.headHash == headHash && stored.events.map(\.hash) == events.map(\.hash)
            && (seal == nil || stored.seal?.hash == seal?.hash)
        guard !same else { return nil }
        let first = zip(stored.events, events).first { $0.hash != $1.hash }?.0.seq
        return "it differs from run \(stored.id) in the database" + (first.map { " from event \($0) on" } ?? " (its seal, head hash or number of events)")
    }
}
