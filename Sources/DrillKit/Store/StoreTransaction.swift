import Foundation
import GRDB

/// One write transaction of the store, for code outside Store that composes several of its row
/// operations into one atomic change (importing a transcript, numbering improvement items). It
/// offers operations on rows, never SQL, so its users need neither GRDB nor the schema.
struct StoreTransaction {
    /// The database written.
    let database: AppDatabase
    /// GRDB's connection, inside the transaction.
    let db: Database
}

extension AppDatabase {
    /// Runs `body` in one write transaction; any failure rolls it all back and becomes a ``StoreError``.
    func transaction<T>(_ body: (StoreTransaction) throws -> T) throws(StoreError) -> T {
        try write { db in try body(StoreTransaction(database: self, db: db)) }
    }
}

// MARK: - Runs

extension StoreTransaction {
    /// A stored run's rows (participants, findings and events in order, and its evidence), or `nil` when no run has the id.
    func runRows(id: String) throws -> StoredRunRows? {
        guard let run = try RunRecord.fetch(db, id: id) else { return nil }
        return try StoredRunRows(run, in: db)
    }

    /// Stores a run that is not stored yet exactly as given: its row (with its outcome and head
    /// hash), evidence, participants, findings and events, each event with its link
    /// (``EventRecord/hash``). The run, its findings and events go through cached statements
    /// several rows at a time: an import writes millions of rows.
    func insertRun(_ rows: StoredRunRows) throws {
        let run = rows.run
        let statement = try db.cachedStatement(sql: """
            INSERT INTO run (id, team, scenarioID, scenarioTitle, scenarioKind, mode, facilitator, status, startedAt, endedAt, asOf,
                             scenarioYAML, scenarioHash, preparednessYAML, preparednessHash, preparednessSource, overallScore, scoreJSON, headHash,
                             playedOn)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let values: [(any DatabaseValueConvertible)?] = [
            run.id, run.team, run.scenarioID, run.scenarioTitle, run.scenarioKind, run.mode, run.facilitator, run.status.rawValue,
            RecordColumn.time(run.startedAt), RecordColumn.time(run.endedAt), run.asOf.description, run.scenarioYAML, run.scenarioHash, run.preparednessYAML,
            run.preparednessHash, run.preparednessSource, run.overallScore, run.scoreJSON, run.headHash, run.playedOn?.description,
        ]
        try statement.execute(arguments: StatementArguments(values))
        if let evidence = rows.evidenceJSON {
            try db.cachedStatement(sql: "INSERT INTO runEvidence (runID, evidenceJSON) VALUES (?, ?)").execute(arguments: [run.id, evidence])
        }
        // Numbered by SQLite, as ``ParticipantRecord`` is stored.
        try insertRows(rows.participants, table: "participant", columns: ["runID", "name", "role", "position"]) { participant in
            [participant.runID, participant.name, participant.role, participant.position]
        }
        try insertRows(rows.findings, table: "finding", columns: ["runID", "needID", "position", "pillar", "status", "reason", "delayHours",
                                                                  "evidenceLossHours", "fix"]) { finding in
            // As ``FindingRecord`` writes them.
            [finding.runID, finding.needID, finding.position, finding.pillar.rawValue, finding.status.rawValue, finding.reason,
             finding.delayHours, finding.evidenceLossHours, finding.fix]
        }
        try insertEvents(rows.events)
    }

    /// Adds events (each with its link) to a stored run and sets the run's outcome from `run`:
    /// its status, end time, score and head hash.
    func extendRun(_ run: RunRecord, with events: [EventRecord]) throws {
        try insertEvents(events)
        try RunRecord.filter(RunRecord.Columns.id == run.id).updateAll(db, [
            RunRecord.Columns.status.set(to: run.status.rawValue),
            RunRecord.Columns.endedAt.set(to: run.endedAt),
            RunRecord.Columns.overallScore.set(to: run.overallScore),
            RunRecord.Columns.scoreJSON.set(to: run.scoreJSON),
            Column("headHash").set(to: run.headHash),
        ])
    }

    /// Seals a run's rows as they now stand, keeping `signature` when it signs exactly them (see ``AppDatabase/seal(runID:action:keeping:in:)``).
    func seal(runID: String, action: String, keeping signature: StoredSeal? = nil) throws {
        try database.seal(runID: runID, action: action, keeping: signature, in: db)
    }

    /// Throws when a run's rows no longer match its seal, so nothing is added to an edited run.
    func checkSealed(runID: String) throws {
        try database.checkSealed(runID: runID, in: db)
    }

    /// Records an administrative action in the audit trail.
    func audit(_ action: String, runID: String?, detail: String) throws {
        try database.record(action, runID: runID, detail: detail, in: db)
    }

    /// Adds the events stored since the search index was last brought up to date.
    func indexPendingEntries() throws {
        try AppDatabase.indexPendingEntries(db)
    }

    /// Stores events with their links, the columns as ``EventRecord`` writes them.
    func insertEvents(_ events: [EventRecord]) throws {
        let columns = ["runID", "seq", "kind", "simulatedHours", "recordedAt", "injectID", "promptID", "deadlineID", "needID", "actor",
                       "text", "answer", "points", "maxPoints", "met", "delayHours", "seconds", "hash"]
        try insertRows(events, table: "event", columns: columns) { event in
            [event.runID, event.seq, event.kind.rawValue, event.simulatedHours, RecordColumn.time(event.recordedAt), event.injectID, event.promptID,
             event.deadlineID, event.needID, event.actor, event.text, event.answer, event.points, event.maxPoints, event.met,
             event.delayHours, event.seconds, event.hash]
        }
    }

    /// Most rows one `INSERT` statement stores.
    private static let rowsPerStatement = 64

    /// Stores rows several per statement. Each statement that fires the search index's trigger
    /// makes SQLite's full-text index write out what it holds, once per statement: with one
    /// statement per event and finding, that was a third of an import's time. Statements hold a
    /// power of two of rows, so at most seven per table are prepared and cached.
    private func insertRows<Row>(_ rows: [Row], table: String, columns: [String],
                                 values: (Row) -> [(any DatabaseValueConvertible)?]) throws {
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var start = 0
        while start < rows.count {
            var size = Self.rowsPerStatement
            while size > rows.count - start { size /= 2 }
            let statement = try db.cachedStatement(
                sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                    + Array(repeating: placeholders, count: size).joined(separator: ", "))
            var arguments: [(any DatabaseValueConvertible)?] = []
            arguments.reserveCapacity(columns.count * size)
            for row in rows[start..<start + size] { arguments += values(row) }
            try statement.execute(arguments: StatementArguments(arguments))
            start += size
        }
    }
}

// MARK: - Improvement items

/// What improvement items follow from, as the store holds it: runs, their findings, and the
/// needs `drill check` found met.
struct ItemSourceRows {
    /// A stored run, as items need it.
    struct Run {
        var id: String
        var team: String
        var scenarioID: String
        /// When it was played (see ``RunRecord/playedAt(startedAt:playedOn:)``).
        var playedAt: Date
        /// A finished drill (not onboarding, not unfinished): what counts toward an item's age.
        var isFinishedDrill: Bool
    }

    /// A need `drill check` found met for a team.
    struct Closure {
        var team: String
        var scenarioID: String
        var needID: String
        var checkedAt: Date
        var reason: String
        /// The evidence behind the finding (its files and SHA-256).
        var provenance: [Provenance]
    }

    var runs: [Run]
    var findings: [FindingRecord]
    var closures: [Closure]
}

extension StoreTransaction {
    /// Every run, finding and check closure (only `team`'s when given). A team's rows alone are
    /// read for one team: reading every finding took seconds on a database of 100,000 runs
    /// (BENCHMARKS.md, `report --team`).
    func itemSources(team: String?) throws -> ItemSourceRows {
        let teamFilter = team == nil ? "" : " WHERE run.team = :team"
        let arguments: StatementArguments = team.map { ["team": $0] } ?? [:]
        let runs = try Row.fetchAll(db, sql: "SELECT id, team, scenarioID, startedAt, playedOn, mode, status FROM run" + teamFilter, arguments: arguments)
            .map { row in
                let startedAt: Date = row["startedAt"]
                return ItemSourceRows.Run(
                    id: row["id"], team: row["team"], scenarioID: row["scenarioID"],
                    playedAt: RunRecord.playedAt(startedAt: startedAt, playedOn: (row["playedOn"] as String?).flatMap(CalendarDate.init(parsing:))),
                    isFinishedDrill: row["mode"] as String == "drill" && row["status"] as String == RunStatus.finished.rawValue)
            }
        let findings = try FindingRecord.fetchAll(
            db, sql: "SELECT finding.* FROM finding" + (team == nil ? "" : " JOIN run ON run.id = finding.runID" + teamFilter), arguments: arguments)
        let closureSQL = "SELECT team, scenarioID, needID, checkedAt, reason, provenance FROM checkClosure" + (team == nil ? "" : " WHERE team = :team")
        let closures = try Row.fetchAll(db, sql: closureSQL, arguments: arguments).map { row in
            ItemSourceRows.Closure(
                team: row["team"], scenarioID: row["scenarioID"], needID: row["needID"], checkedAt: row["checkedAt"], reason: row["reason"],
                provenance: (row["provenance"] as String?).flatMap { try? JSONDecoder().decode([Provenance].self, from: Data($0.utf8)) } ?? [])
        }
        return ItemSourceRows(runs: runs, findings: findings, closures: closures)
    }

    /// The stored items (only `team`'s when given), in the order stored.
    func itemRecords(team: String?) throws -> [ImprovementItemRecord] {
        var request = ImprovementItemRecord.all()
        if let team { request = request.filter(ImprovementItemRecord.Columns.team == team) }
        return try request.fetchAll(db)
    }

    /// One stored item by number.
    func itemRecord(id: Int64) throws -> ImprovementItemRecord? {
        try ImprovementItemRecord.fetchOne(db, key: id)
    }

    /// Stores a new item, numbered and sealed.
    func insertItem(_ record: inout ImprovementItemRecord) throws {
        try record.insert(db)
        try database.sealItem(record, in: db)
    }

    /// Writes an item's changes and seals them.
    func updateItem(_ record: ImprovementItemRecord) throws {
        try record.update(db)
        try database.sealItem(record, in: db)
    }

    /// Deletes an item and what people recorded on it, each deletion entered in the ledger.
    func deleteItem(_ record: ImprovementItemRecord) throws {
        _ = try record.delete(db)
        guard let id = record.id else { return }
        try database.appendLedger(runID: AppDatabase.itemKey(id), action: "item.deleted", seal: nil, in: db)
        for event in try ImprovementItemEventRecord.filter(Column("itemID") == id).fetchAll(db) {
            _ = try event.delete(db)
            if let eventID = event.id { try database.appendLedger(runID: AppDatabase.itemEventKey(eventID), action: "itemEvent.deleted", seal: nil, in: db) }
        }
    }

    /// What people recorded on the given items, by item, oldest first.
    func itemEvents(itemIDs: [Int64]) throws -> [Int64: [ImprovementItemEventRecord]] {
        var events: [Int64: [ImprovementItemEventRecord]] = [:]
        guard !itemIDs.isEmpty else { return events }
        for event in try ImprovementItemEventRecord.filter(itemIDs.contains(Column("itemID"))).order(Column("id")).fetchAll(db) {
            events[event.itemID, default: []].append(event)
        }
        return events
    }

    /// Records something people did to an item, at millisecond precision, by the audit trail's
    /// user unless it names one, and seals it.
    func addItemEvent(_ event: ImprovementItemEventRecord) throws {
        var event = event
        event.at = EventChain.storable(event.at)
        event.author = event.author ?? database.identity.user
        try event.insert(db)
        try database.sealItemEvent(event, in: db)
    }

    /// Records that `drill check` found a team's need met, with the evidence behind it, and seals the record.
    func addCheckClosure(team: String, scenarioID: String, needID: String, checkedAt: Date, reason: String, provenance: [Provenance]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let provenanceJSON = provenance.isEmpty ? nil : String(decoding: try encoder.encode(provenance), as: UTF8.self)
        try db.execute(
            sql: "INSERT INTO checkClosure (team, scenarioID, needID, checkedAt, reason, provenance) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [team, scenarioID, needID, EventChain.storable(checkedAt), reason, provenanceJSON])
        try database.sealClosure(id: db.lastInsertedRowID, in: db)
    }

    /// A stored run's row, or `nil` when no run has the id.
    func runRecord(id: String) throws -> RunRecord? {
        try RunRecord.fetch(db, id: id)
    }
}
