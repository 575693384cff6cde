import Foundation

/// One fact an export of the team's own tools states, under the id a preparedness entry names
/// in its `evidence:` key (`cloudwatch:/aws/app/audit`, `git:app`, `review:Blue Harbor Security`).
public struct EvidenceFact: Hashable, Sendable, Codable {
    /// One level of an escalation policy: how long after the page it is reached, and whom it pages.
    public struct EscalationLevel: Hashable, Sendable, Codable {
        /// Minutes (as a span) after the previous level that this one is paged.
        public var after: TimeSpan
        /// Whom it pages (users and schedules, by name).
        public var targets: [String]

        /// Creates a level.
        public init(after: TimeSpan, targets: [String]) {
            self.after = after
            self.targets = targets
        }
    }

    /// What the export says.
    public enum Claim: Hashable, Sendable, Codable {
        /// A log store keeps entries this long; `nil` means they never expire.
        case logRetention(keptFor: TimeSpan?)
        /// Backups exist from `oldest` to `newest`, `count` of them.
        case backupHistory(newest: Date, oldest: Date, count: Int)
        /// Restore jobs: the last that completed and passed validation, the last that failed.
        case restoreJobs(lastPassed: Date?, lastFailed: Date?, count: Int)
        /// A repository's remotes, and whether the newest commit of its current branch is on one of them.
        case codeOffMachine(remotes: [String], headOnRemote: Bool)
        /// Someone checked a contact's details on a day.
        case contactReviewed(on: CalendarDate, by: String)
        /// A CloudTrail trail's settings: all regions, and log files signed against tampering.
        case trailSettings(multiRegion: Bool, validation: Bool)
        /// A CloudTrail trail's status: whether it is logging, and when it last delivered a log file.
        case trailStatus(logging: Bool, latestDelivery: Date?)
        /// A log bucket keeps entries this long; a locked one cannot be shortened or deleted.
        case logBucket(retention: TimeSpan, locked: Bool)
        /// An on-call schedule: the percentage of its window someone is on call, the longest stretch with nobody, who is on the rota.
        case onCallSchedule(coverage: Double, longestGap: TimeSpan, onCall: [String])
        /// An escalation policy's levels, in order.
        case escalationPolicy(levels: [EscalationLevel])
        /// A local log folder as read.
        case logFolder(summary: LogFolderSummary)
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

    /// This fact with another of the same id read from a later part of the same export: histories
    /// and job counts add up; for anything else the first part's fact stands.
    func merged(with other: EvidenceFact) -> EvidenceFact {
        switch (claim, other.claim) {
        case let (.backupHistory(newest, oldest, count), .backupHistory(newest2, oldest2, count2)):
            return EvidenceFact(id: id, .backupHistory(newest: max(newest, newest2), oldest: min(oldest, oldest2), count: count + count2))
        case let (.restoreJobs(passed, failed, count), .restoreJobs(passed2, failed2, count2)):
            let lastPassed = [passed, passed2].compactMap { $0 }.max()
            let lastFailed = [failed, failed2].compactMap { $0 }.max()
            return EvidenceFact(id: id, .restoreJobs(lastPassed: lastPassed, lastFailed: lastFailed, count: count + count2))
        default:
            return self
        }
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
        case let .trailSettings(multiRegion, validation):
            return "trail \(name) records " + (multiRegion ? "all regions" : "one region only") + ", log file validation " + (validation ? "on" : "off")
        case let .trailStatus(logging, delivered):
            return "trail \(name) is " + (logging ? "logging" : "not logging") + "; its last log file was delivered "
                + (delivered.map(Timestamp8601.string) ?? "never")
        case let .logBucket(retention, locked):
            return "log bucket \(name) keeps \(retention.spoken)" + (locked ? " (locked)" : " (not locked)")
        case let .onCallSchedule(coverage, gap, onCall):
            let percent = coverage.rounded(.down) == coverage ? String(Int(coverage)) : String(format: "%.1f", coverage)
            var text = "schedule \(name) has someone on call \(percent)% of its window"
            if gap > .zero { text += "; the longest stretch with nobody is \(gap.spoken)" }
            return text + (onCall.isEmpty ? "" : "; on the rota: \(onCall.prefix(5).joined(separator: ", "))" + (onCall.count > 5 ? " and \(onCall.count - 5) more" : ""))
        case let .escalationPolicy(levels):
            guard let first = levels.first else { return "escalation policy \(name) has no levels" }
            var text = "escalation policy \(name) pages \(first.targets.joined(separator: ", "))"
            for level in levels.dropFirst() { text += ", then after \(level.after.spoken) \(level.targets.joined(separator: ", "))" }
            return text
        case let .logFolder(summary):
            guard let oldest = summary.oldest, let newest = summary.newest else {
                return "log folder \(name): \(summary.files) file\(summary.files == 1 ? "" : "s"), no entry with a recognised timestamp"
            }
            var text = "log folder \(name): \(summary.entries) entries in \(summary.files) file\(summary.files == 1 ? "" : "s") from \(Timestamp8601.string(oldest)) to \(Timestamp8601.string(newest))"
            text += summary.withoutZone == 0 ? ", all with a zone" : ", \(summary.withoutZone) without a zone"
            if let gap = summary.largestGap { text += "; the longest gap between entries is \(gap.spoken)" }
            if !summary.readableByOthers.isEmpty {
                text += "; readable by anyone on the machine: \(summary.readableByOthers.prefix(3).joined(separator: ", "))" + (summary.readableByOthers.count > 3 ? " and \(summary.readableByOthers.count - 3) more" : "")
            }
            return text
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
    /// The facts it yields: those the preparedness file names, and the first
    /// ``EvidenceFolder/listedFacts`` others.
    public var facts: [EvidenceFact]
    /// How many more facts the export holds, named by no entry and past the listing: counted, not kept.
    public var unlistedFacts: Int
    /// Why nothing was judged from it, when it could not be read.
    public var problem: Diagnostic?

    /// Creates an evidence file.
    public init(path: String, format: String?, collected: Date?, collectedFrom: String, sha256: String, facts: [EvidenceFact],
                unlistedFacts: Int = 0, problem: Diagnostic? = nil) {
        self.path = path
        self.format = format
        self.collected = collected
        self.collectedFrom = collectedFrom
        self.sha256 = sha256
        self.facts = facts
        self.unlistedFacts = unlistedFacts
        self.problem = problem
    }
}
