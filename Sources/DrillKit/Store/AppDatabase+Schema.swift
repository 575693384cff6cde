import GRDB

extension AppDatabase {
    /// The schema's history, in order. Shipped migrations are never edited: a change is a new
    /// migration, registered at the end of this list.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createRunTables)
        migrator.registerMigration("v2-integrity", migrate: addIntegrity)
        return migrator
    }

    /// v1: runs, their participants, events and findings.
    private static func createRunTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE run (
                id TEXT NOT NULL PRIMARY KEY,
                team TEXT NOT NULL,
                scenarioID TEXT NOT NULL,
                scenarioTitle TEXT NOT NULL,
                scenarioKind TEXT NOT NULL,
                mode TEXT NOT NULL,
                facilitator TEXT,
                status TEXT NOT NULL CHECK (status IN ('in-progress', 'paused', 'finished')),
                startedAt DATETIME NOT NULL,
                endedAt DATETIME,
                asOf TEXT NOT NULL,
                scenarioYAML TEXT NOT NULL,
                scenarioHash TEXT NOT NULL,
                preparednessYAML TEXT NOT NULL,
                preparednessHash TEXT NOT NULL,
                preparednessSource TEXT NOT NULL,
                overallScore INTEGER,
                scoreJSON TEXT
            );
            CREATE INDEX run_on_team_startedAt ON run(team, startedAt);
            CREATE INDEX run_on_scenarioID ON run(scenarioID);
            CREATE INDEX run_on_status ON run(status);

            CREATE TABLE participant (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                role TEXT,
                position INTEGER NOT NULL
            );
            CREATE INDEX participant_on_runID_position ON participant(runID, position);

            CREATE TABLE event (
                runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL CHECK (seq >= 1),
                kind TEXT NOT NULL,
                simulatedHours REAL NOT NULL,
                recordedAt DATETIME NOT NULL,
                injectID TEXT,
                promptID TEXT,
                deadlineID TEXT,
                needID TEXT,
                actor TEXT,
                text TEXT NOT NULL,
                answer TEXT,
                points INTEGER,
                maxPoints INTEGER,
                met BOOLEAN,
                delayHours REAL,
                PRIMARY KEY (runID, seq)
            );

            CREATE TABLE finding (
                runID TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                needID TEXT NOT NULL,
                position INTEGER NOT NULL,
                pillar TEXT NOT NULL,
                status TEXT NOT NULL,
                reason TEXT NOT NULL,
                delayHours REAL NOT NULL,
                evidenceLossHours REAL NOT NULL,
                fix TEXT,
                PRIMARY KEY (runID, needID)
            );
            """)
    }

    /// v2: the audit trail, and a hash chain over each run's events (existing runs are chained as they stand).
    private static func addIntegrity(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE run ADD COLUMN headHash TEXT;
            ALTER TABLE event ADD COLUMN hash TEXT;
            CREATE TABLE audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at DATETIME NOT NULL,
                action TEXT NOT NULL,
                runID TEXT,
                detail TEXT NOT NULL,
                user TEXT NOT NULL,
                host TEXT NOT NULL
            );
            CREATE INDEX audit_on_at ON audit(at);
            CREATE INDEX audit_on_runID ON audit(runID);
            """)
        for run in try RunRecord.fetchAll(db) {
            var previous = EventChain.genesis(of: run)
            let events = try EventRecord.filter(EventRecord.Columns.runID == run.id).order(EventRecord.Columns.seq).fetchAll(db)
            for record in events {
                previous = EventChain.link(previous: previous, seq: record.seq, recordedAt: record.recordedAt, event: record.event)
                try db.execute(sql: "UPDATE event SET hash = ? WHERE runID = ? AND seq = ?", arguments: [previous, run.id, record.seq])
            }
            try db.execute(sql: "UPDATE run SET headHash = ? WHERE id = ?", arguments: [previous, run.id])
        }
    }
}
