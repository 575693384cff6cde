import GRDB

extension AppDatabase {
    /// Adds the events and findings waiting in `searchPending` and `searchPendingFinding` to
    /// the full-text index, in one statement so the index writes one new segment for all of
    /// them, and maps each entry to its run.
    ///
    /// Called in the transaction that pauses or finishes a run, in each import batch, and
    /// before a search (see migrations v7-search-after-answers and v12-search-findings-after-writes).
    /// Call it last in a transaction: once the index holds new entries, it writes them to disk
    /// at every later statement's savepoint.
    static func indexPendingEntries(_ db: Database) throws {
        guard try Bool.fetchOne(db, sql: Self.anyPendingSQL) == true else { return }
        // Entries get rowids after the highest in use, numbered in the same order in both
        // statements, so the map names exactly the entries just written.
        let base = try Int64.fetchOne(db, sql: "SELECT rowid FROM searchIndex ORDER BY rowid DESC LIMIT 1") ?? 0
        let numbered = """
            SELECT ? + row_number() OVER (ORDER BY kind, runID, place) AS entry, runID, seq, needID, text, answer, actor FROM (
                SELECT 0 AS kind, e.runID, e.seq AS place, e.seq, NULL AS needID, e.text, e.answer, e.actor
                FROM searchPending p JOIN event e ON e.runID = p.runID AND e.seq = p.seq
                UNION ALL
                SELECT 1, f.runID, f.position, NULL, f.needID, f.reason, NULL, NULL
                FROM searchPendingFinding p JOIN finding f ON f.runID = p.runID AND f.needID = p.needID
            )
            """
        try db.execute(sql: """
            INSERT INTO searchIndex (rowid, runID, seq, needID, text, answer, actor)
            SELECT entry, runID, seq, needID, text, answer, actor FROM (\(numbered))
            """, arguments: [base])
        try db.execute(sql: "INSERT INTO searchIndexRun (runID, entry) SELECT runID, entry FROM (\(numbered))", arguments: [base])
        try db.execute(sql: "DELETE FROM searchPending; DELETE FROM searchPendingFinding")
    }

    /// Whether anything waits to be indexed.
    private static let anyPendingSQL = "SELECT EXISTS (SELECT 1 FROM searchPending) OR EXISTS (SELECT 1 FROM searchPendingFinding)"

    /// Indexes the events and findings that wait for it, when there are any: a read when there are none.
    func indexPendingEntries() throws(StoreError) {
        let waiting = try read { db in try Bool.fetchOne(db, sql: Self.anyPendingSQL) == true }
        if waiting { try write { db in try Self.indexPendingEntries(db) } }
    }
}
