import Foundation
import GRDB

extension AppDatabase {
    /// The run with this id, else the only run whose id starts with it (ignoring case).
    ///
    /// Throws ``StoreError/runNotFound(_:)`` when none matches and
    /// ``StoreError/ambiguousRun(_:matches:)`` (with the matching ids, in order) when several do.
    public func run(matching idOrPrefix: String) throws(StoreError) -> RunRecord {
        try read { db in
            if let run = try RunRecord.fetch(db, id: idOrPrefix) { return run }
            let prefix = idOrPrefix.lowercased()
            guard !prefix.isEmpty else { throw StoreError.runNotFound(idOrPrefix) }
            // instr, not LIKE: a prefix holding `%` or `_` must not act as a pattern.
            let ids = try String.fetchAll(db, sql: "SELECT id FROM run WHERE instr(id, ?) = 1 ORDER BY id", arguments: [prefix])
            guard let id = ids.first else { throw StoreError.runNotFound(idOrPrefix) }
            guard ids.count == 1 else { throw StoreError.ambiguousRun(idOrPrefix, matches: ids) }
            guard let run = try RunRecord.fetch(db, id: id) else { throw StoreError.runNotFound(idOrPrefix) }
            return run
        }
    }

    /// Stored runs matching the filter, newest first.
    public func runs(_ filter: RunFilter = RunFilter()) throws(StoreError) -> [RunHeader] {
        var conditions: [String] = []
        var arguments = StatementArguments()
        func condition(_ sql: String, _ value: some DatabaseValueConvertible) {
            conditions.append(sql)
            arguments += [value]
        }
        if let team = filter.team { condition("team = ?", team) }
        if let scenarioID = filter.scenarioID { condition("scenarioID = ?", scenarioID) }
        if let status = filter.status { condition("status = ?", status.rawValue) }
        if let since = filter.since { condition("startedAt >= ?", since) }
        if let until = filter.until { condition("startedAt < ?", until) }
        var sql = "SELECT \(RunHeader.columns) FROM run"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY startedAt DESC, id DESC"
        if let limit = filter.limit { sql += " LIMIT \(max(0, limit))" }
        return try read { db in try RunHeader.fetchAll(db, sql: sql, arguments: arguments) }
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
            try Self.events(runID: runID, in: db)
        }
    }

    /// Hands a run's events to `body` one at a time, in order of `seq`, without holding them all:
    /// for exporting runs of any length in flat memory. Errors from `body` are rethrown as they
    /// are; the store's own as ``StoreError``.
    public func forEachEvent(runID: String, _ body: (EventRecord) throws -> Void) throws {
        var bodyError: (any Error)?
        try read { db in
            let cursor = try EventRecord.fetchCursor(db.cachedStatement(sql: Self.eventsSQL), arguments: [runID])
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
            try Self.participants(runID: runID, in: db)
        }
    }

    /// A run's findings, in the scenario's order of needs.
    public func findings(runID: String) throws(StoreError) -> [FindingRecord] {
        try read { db in
            try Self.findings(runID: runID, in: db)
        }
    }

    // A run's rows in order, read the one way every reader uses (verify, sealing, import, the
    // reads above): statements prepared once per connection, since verify and every write to a
    // run read them for each run.
    static let eventsSQL = "SELECT * FROM event WHERE runID = ? ORDER BY seq"

    /// A run's events in order of `seq`.
    static func events(runID: String, in db: Database) throws -> [EventRecord] {
        try EventRecord.fetchAll(db.cachedStatement(sql: eventsSQL), arguments: [runID])
    }

    /// A run's participants, in the order they were named.
    static func participants(runID: String, in db: Database) throws -> [ParticipantRecord] {
        try ParticipantRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM participant WHERE runID = ? ORDER BY position"), arguments: [runID])
    }

    /// A run's findings, in the scenario's order of needs.
    static func findings(runID: String, in db: Database) throws -> [FindingRecord] {
        try FindingRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM finding WHERE runID = ? ORDER BY position"), arguments: [runID])
    }
}

extension StoredRunRows {
    /// The rows of the stored run `run`: its participants, findings and events in order, and its evidence.
    init(_ run: RunRecord, in db: Database) throws {
        self.init(run: run, participants: try AppDatabase.participants(runID: run.id, in: db),
                  findings: try AppDatabase.findings(runID: run.id, in: db), events: try AppDatabase.events(runID: run.id, in: db),
                  evidenceJSON: try AppDatabase.evidenceJSON(runID: run.id, in: db))
    }
}
