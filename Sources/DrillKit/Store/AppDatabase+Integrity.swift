import Foundation
import GRDB

/// What `drill verify` found in a database.
public struct IntegrityReport: Hashable, Sendable, Codable {
    /// One run's chain.
    public struct RunCheck: Hashable, Sendable, Codable {
        /// The run.
        public var runID: String
        /// Events checked.
        public var events: Int
        /// Where the chain first breaks, if it does.
        public var problem: EventChain.Break?
        /// Whether the chain is intact.
        public var intact: Bool { problem == nil }
    }

    /// SQLite's own verdict (`PRAGMA quick_check`): `ok`, or what is damaged.
    public var quickCheck: [String]
    /// Every run checked, oldest first.
    public var runs: [RunCheck]

    /// Whether nothing is wrong.
    public var isIntact: Bool { quickCheck == ["ok"] && runs.allSatisfy(\.intact) }
}

extension AppDatabase {
    /// Checks the file (`PRAGMA quick_check`) and recomputes every run's hash chain, or only the given runs'.
    public func verify(runIDs: [String]? = nil) throws(StoreError) -> IntegrityReport {
        try read { db in
            let quickCheck = try String.fetchAll(db, sql: "PRAGMA quick_check")
            var request = RunRecord.order(RunRecord.Columns.startedAt, RunRecord.Columns.id)
            if let runIDs { request = request.filter(runIDs.contains(RunRecord.Columns.id)) }
            var checks: [IntegrityReport.RunCheck] = []
            for run in try request.fetchAll(db) {
                let events = try EventRecord.filter(EventRecord.Columns.runID == run.id).order(EventRecord.Columns.seq).fetchAll(db)
                let problem = EventChain.check(
                    genesis: EventChain.genesis(of: run),
                    events: events.map { ($0.seq, $0.recordedAt, $0.event, $0.hash) }, head: run.headHash)
                checks.append(.init(runID: run.id, events: events.count, problem: problem))
            }
            return IntegrityReport(quickCheck: quickCheck, runs: checks)
        }
    }

    /// Audit entries, newest first.
    public func auditEntries(_ filter: AuditFilter = AuditFilter()) throws(StoreError) -> [AuditRecord] {
        try read { db in
            var request = AuditRecord.order(AuditRecord.Columns.id.desc)
            if let action = filter.action {
                request = request.filter(sql: "substr(action, 1, length(?)) = ?", arguments: [action, action])
            }
            if let runID = filter.runID { request = request.filter(AuditRecord.Columns.runID == runID) }
            if let since = filter.since { request = request.filter(AuditRecord.Columns.at >= since) }
            if let until = filter.until { request = request.filter(AuditRecord.Columns.at < until) }
            if let limit = filter.limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// Deletes runs started before a time, with everything stored about them, and records each
    /// deletion in the audit trail. Returns the ids deleted.
    public func deleteRuns(startedBefore cutoff: Date, reason: String) throws(StoreError) -> [RunRecord] {
        try write { db in
            let runs = try RunRecord.filter(RunRecord.Columns.startedAt < cutoff).order(RunRecord.Columns.startedAt).fetchAll(db)
            for run in runs {
                _ = try run.delete(db)
                try record("run.deleted", runID: run.id,
                           detail: "\(run.scenarioID) for \(run.team), started \(run.startedAt), head \(run.headHash ?? "none"); \(reason)", in: db)
            }
            return runs
        }
    }
}
