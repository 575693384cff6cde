import Foundation

/// One fact an export of the team's own tools states, under the id a preparedness entry names
/// in its `evidence:` key (`cloudwatch:/aws/app/audit`, `git:app`, `review:Blue Harbor Security`).
public struct EvidenceFact: Hashable, Sendable {
    /// What the export says.
    public enum Claim: Hashable, Sendable {
        /// A log store keeps entries this long; `nil` means they never expire.
        case logRetention(TimeSpan?)
        /// Backups exist from `oldest` to `newest`, `count` of them.
        case backupHistory(newest: Date, oldest: Date, count: Int)
        /// Restore jobs: the last that completed and passed validation, the last that failed.
        case restoreJobs(lastPassed: Date?, lastFailed: Date?, count: Int)
        /// A repository's remotes, and whether the newest commit of its current branch is on one of them.
        case codeOffMachine(remotes: [String], headOnRemote: Bool)
        /// Someone checked a contact's details on a day.
        case contactReviewed(on: CalendarDate, by: String)
    }

    /// The id a preparedness entry names.
    public var id: String
    /// What the export says.
    public var claim: Claim

    /// Creates a fact.
    public init(id: String, _ claim: Claim) {
        self.id = id
        self.claim = claim
    }

    /// The fact in a sentence: `CloudWatch log group /aws/app/audit keeps 30 days`.
    public var sentence: String {
        let name = id.split(separator: ":", maxSplits: 1).last.map(String.init) ?? id
        switch claim {
        case let .logRetention(retention):
            return "log group \(name) keeps " + (retention.map { $0.spoken } ?? "entries forever (no expiry set)")
        case let .backupHistory(newest, oldest, count):
            return "\(count) backup\(count == 1 ? "" : "s") of \(name), oldest \(Timestamp8601.string(oldest)), newest \(Timestamp8601.string(newest))"
        case let .restoreJobs(passed, failed, count):
            var text = "\(count) restore job\(count == 1 ? "" : "s") for \(name); "
            text += passed.map { "the last that passed finished \(Timestamp8601.string($0))" } ?? "none passed"
            if let failed { text += "; the last failure \(Timestamp8601.string(failed))" }
            return text
        case let .codeOffMachine(remotes, onRemote):
            if remotes.isEmpty { return "repository \(name) has no remote" }
            return "repository \(name) has remote\(remotes.count == 1 ? "" : "s") \(remotes.joined(separator: ", ")); its newest commit is " + (onRemote ? "on a remote" : "not on any remote")
        case let .contactReviewed(on, by):
            return "\(name) was checked by \(by) on \(on)"
        }
    }
}

/// One evidence file as read: what it is, when it was collected, its fingerprint and its facts,
/// or why it could not be read.
public struct EvidenceFile: Hashable, Sendable {
    /// The path as shown.
    public var path: String
    /// The format drill recognised (`cloudwatch-log-groups`), or `nil` when it could not tell.
    public var format: String?
    /// When the export was made: the file's own timestamps where the format has them, else its modification time.
    public var collected: Date?
    /// Where `collected` comes from: `content` or `modification time`.
    public var collectedFrom: String
    /// SHA-256 of the file's bytes (of `.git/HEAD` and the refs read, for a repository).
    public var sha256: String
    /// The facts it yields.
    public var facts: [EvidenceFact]
    /// Why nothing was judged from it, when it could not be read.
    public var problem: Diagnostic?

    /// Creates an evidence file.
    public init(path: String, format: String?, collected: Date?, collectedFrom: String, sha256: String, facts: [EvidenceFact],
                problem: Diagnostic? = nil) {
        self.path = path
        self.format = format
        self.collected = collected
        self.collectedFrom = collectedFrom
        self.sha256 = sha256
        self.facts = facts
        self.problem = problem
    }
}
