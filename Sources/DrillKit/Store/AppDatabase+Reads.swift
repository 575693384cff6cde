import Foundation
import GRDB

extension AppDatabase {
    /// The run with this id, else the only run whose id starts with it (ignoring case).
    ///
    /// Throws ``StoreError/runNotFound(_:)`` when none matches and
    /// ``StoreError/ambiguousRun(_:matches:)`` (with the matching ids, in order) when several do.
    public func run(matching idOrPrefix: String) throws(StoreError) -> RunRecord {
        try read { db in
            if let run = try RunRecord.fetchOne(db, key: idOrPrefix) { return run }
            let prefix = idOrPrefix.lowercased()
            guard !prefix.isEmpty else { throw StoreError.runNotFound(idOrPrefix) }
            // instr, not LIKE: a prefix holding `%` or `_` must not act as a pattern.
            let ids = try String.fetchAll(db, sql: "SELECT id FROM run WHERE instr(id, ?) = 1 ORDER BY id", arguments: [prefix])
            guard let id = ids.first else { throw StoreError.runNotFound(idOrPrefix) }
            guard ids.count == 1 else { throw StoreError.ambiguousRun(idOrPrefix, matches: ids) }
            guard let run = try RunRecord.fetchOne(db, key: id) else { throw StoreError.runNotFound(idOrPrefix) }
            return run
        }
    }

    /// Stored runs matching the filter, newest first.
    public func runs(_ filter: RunFilter = RunFilter()) throws(StoreError) -> [RunRecord] {
        try read { db in
            var request = RunRecord.all()
            if let team = filter.team { request = request.filter(RunRecord.Columns.team == team) }
            if let scenarioID = filter.scenarioID { request = request.filter(RunRecord.Columns.scenarioID == scenarioID) }
            if let status = filter.status { request = request.filter(RunRecord.Columns.status == status.rawValue) }
            if let since = filter.since { request = request.filter(RunRecord.Columns.startedAt >= since) }
            if let until = filter.until { request = request.filter(RunRecord.Columns.startedAt < until) }
            request = request.order(RunRecord.Columns.startedAt.desc, RunRecord.Columns.id.desc)
            if let limit = filter.limit { request = request.limit(max(0, limit)) }
            return try request.fetchAll(db)
        }
    }

    /// For each run of a team, the pillars its scenario had needs in, from its stored findings:
    /// a pillar with no finding was not tested by that run.
    public func testedPillars(team: String) throws(StoreError) -> [String: Set<Pillar>] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT DISTINCT finding.runID, finding.pillar FROM finding
                JOIN run ON run.id = finding.runID WHERE run.team = ?
                """, arguments: [team])
            var tested: [String: Set<Pillar>] = [:]
            for row in rows {
                guard let runID: String = row["runID"], let pillar = (row["pillar"] as String?).flatMap(Pillar.init(rawValue:)) else { continue }
                tested[runID, default: []].insert(pillar)
            }
            return tested
        }
    }

    /// A run's events in order of `seq`; empty for a run without events or not stored.
    public func events(runID: String) throws(StoreError) -> [EventRecord] {
        try read { db in
            try EventRecord.filter(EventRecord.Columns.runID == runID).order(EventRecord.Columns.seq).fetchAll(db)
        }
    }

    /// Hands a run's events to `body` one at a time, in order of `seq`, without holding them all:
    /// for exporting runs of any length in flat memory. Errors from `body` are rethrown as they
    /// are; the store's own as ``StoreError``.
    public func forEachEvent(runID: String, _ body: (EventRecord) throws -> Void) throws {
        var bodyError: (any Error)?
        try read { db in
            let cursor = try EventRecord.filter(EventRecord.Columns.runID == runID).order(EventRecord.Columns.seq).fetchCursor(db)
            while let record = try cursor.next() {
                do {
                    try body(record)
                } catch {
                    bodyError = error
                    return
                }
            }
        }
        if let bodyError { throw bodyError }
    }

    /// A run's participants, in the order they were named.
    public func participants(runID: String) throws(StoreError) -> [ParticipantRecord] {
        try read { db in
            try ParticipantRecord.filter(ParticipantRecord.Columns.runID == runID).order(ParticipantRecord.Columns.position).fetchAll(db)
        }
    }

    /// A run's findings, in the scenario's order of needs.
    public func findings(runID: String) throws(StoreError) -> [FindingRecord] {
        try read { db in
            try FindingRecord.filter(FindingRecord.Columns.runID == runID).order(FindingRecord.Columns.position).fetchAll(db)
        }
    }
}
