import GRDB

extension AppDatabase {
    /// Adds the events waiting in `searchPending` to the full-text index, in one statement so
    /// the index writes one new segment for all of them, and maps each entry to its run.
    ///
    /// Called in the transaction that pauses or finishes a run, in each import batch, and
    /// before a search (see migration v7-search-after-answers).
    static func indexPendingEvents(_ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM searchPending)") == true else { return }
        // Entries get rowids after the highest in use, numbered in the same order in both
        // statements, so the map names exactly the entries just written.
        let base = try Int64.fetchOne(db, sql: "SELECT rowid FROM searchIndex ORDER BY rowid DESC LIMIT 1") ?? 0
        let numbered = """
            SELECT ? + row_number() OVER (ORDER BY p.runID, p.seq) AS entry, e.runID, e.seq, e.text, e.answer, e.actor
            FROM searchPending p JOIN event e ON e.runID = p.runID AND e.seq = p.seq
            """
        try db.execute(sql: """
            INSERT INTO searchIndex (rowid, runID, seq, needID, text, answer, actor)
            SELECT entry, runID, seq, NULL, text, answer, actor FROM (\(numbered))
            """, arguments: [base])
        try db.execute(sql: "INSERT INTO searchIndexRun (runID, entry) SELECT runID, entry FROM (\(numbered))", arguments: [base])
        try db.execute(sql: "DELETE FROM searchPending")
    }

    /// Indexes the events that wait for it, when there are any: a read when there are none.
    func indexPendingEvents() throws(StoreError) {
        let waiting = try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM searchPending)") == true }
        if waiting { try write { db in try Self.indexPendingEvents(db) } }
    }
}
