import Foundation
import GRDB

extension AppDatabase {
    /// The schema's history, in order. Shipped migrations are never edited: a change is a new
    /// migration, registered at the end of this list.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createRunTables)
        migrator.registerMigration("v2-integrity", migrate: addIntegrity)
        migrator.registerMigration("v3-review", migrate: addReview)
        migrator.registerMigration("v4-facilitation", migrate: addFacilitation)
        migrator.registerMigration("v5-performance", migrate: addPerformanceIndexes)
        migrator.registerMigration("v6-search-by-run", migrate: indexSearchEntriesByRun)
        migrator.registerMigration("v7-search-after-answers", migrate: indexEventsAfterAnswers)
        migrator.registerMigration("v8-sealed-records", migrate: addSeals)
        migrator.registerMigration("v10-run-evidence", migrate: addRunEvidence)
        migrator.registerMigration("v11-item-history", migrate: addItemHistory)
        // Immediate checks: it adds a table and triggers, so GRDB's check of every foreign key
        // after a deferred migration (15 s on the 100k-run file) would find nothing new.
        migrator.registerMigration("v12-search-findings-after-writes", foreignKeyChecks: .immediate, migrate: indexFindingsAfterWrites)
        migrator.registerMigration("v13-item-action-basis", foreignKeyChecks: .immediate, migrate: addItemActionBasis)
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
        // Rows and plain values only, hashed as the chain's first version hashed them (``V2Chain``):
        // what this migration writes must not change when the application's types do.
        let runs = try Row.fetchAll(db, sql: """
            SELECT id, team, scenarioID, scenarioHash, preparednessHash, preparednessSource, asOf, startedAt, mode, facilitator FROM run
            """)
        for run in runs {
            let runID: String = run["id"]
            var previous = V2Chain.genesis(fields: [
                run["id"], run["team"], run["scenarioID"], run["scenarioHash"], run["preparednessHash"], run["preparednessSource"],
                run["asOf"], String(V2Chain.milliseconds(run["startedAt"])), run["mode"],
            ], facilitator: run["facilitator"])
            let events = try Row.fetchAll(db, sql: """
                SELECT seq, recordedAt, kind, simulatedHours, injectID, promptID, deadlineID, needID, actor, text, answer,
                       points, maxPoints, met, delayHours
                FROM event WHERE runID = ? ORDER BY seq
                """, arguments: [runID])
            for event in events {
                let seq: Int = event["seq"]
                previous = V2Chain.link(previous: previous, seq: seq, recordedAt: event["recordedAt"], kind: event["kind"],
                                        simulatedHours: event["simulatedHours"],
                                        texts: [event["injectID"], event["promptID"], event["deadlineID"], event["needID"], event["actor"],
                                                event["text"], event["answer"]],
                                        points: event["points"], maxPoints: event["maxPoints"], met: event["met"], delayHours: event["delayHours"])
                try db.execute(sql: "UPDATE event SET hash = ? WHERE runID = ? AND seq = ?", arguments: [previous, runID, seq])
            }
            try db.execute(sql: "UPDATE run SET headHash = ? WHERE id = ?", arguments: [previous, runID])
        }
    }

    /// The event chain as migration v2 computed it, frozen here with plain values: the same
    /// hashes ``EventChain`` gives today (a test compares them), kept apart so that a change to
    /// the application's chain can never change what this migration writes.
    enum V2Chain {
        static func genesis(fields: [String], facilitator: String?) -> String {
            var text = "drill-run-v1\n"
            for field in fields { add(field, to: &text) }
            add(facilitator, to: &text)
            return ContentHash.sha256(text)
        }

        static func link(previous: String, seq: Int, recordedAt: Date, kind: String, simulatedHours: Double, texts: [String?],
                         points: Int?, maxPoints: Int?, met: Bool?, delayHours: Double?) -> String {
            var text = "drill-event-v1\n"
            for field in [previous, String(seq), String(milliseconds(recordedAt)), kind, String(simulatedHours.bitPattern)] {
                add(field, to: &text)
            }
            for field in texts { add(field, to: &text) }
            add(points.map(String.init), to: &text)
            add(maxPoints.map(String.init), to: &text)
            add(met.map { $0 ? "1" : "0" }, to: &text)
            add(delayHours.map { String($0.bitPattern) }, to: &text)
            return ContentHash.sha256(text)
        }

        static func milliseconds(_ date: Date) -> Int64 {
            Int64((date.timeIntervalSince1970 * 1000).rounded())
        }

        private static func add(_ field: String?, to text: inout String) {
            guard let field else {
                text += "-\n"
                return
            }
            text += String(field.utf8.count) + ":" + field + "\n"
        }
    }

    /// v3: improvement items (their owners and due dates; everything else about them follows
    /// from the runs), the checks that closed them, and a full-text index over every run's
    /// events and findings, kept current by triggers.
    private static func addReview(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE improvementItem (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                team TEXT NOT NULL,
                scenarioID TEXT NOT NULL,
                needID TEXT NOT NULL,
                openedRunID TEXT NOT NULL,
                pillar TEXT NOT NULL,
                action TEXT NOT NULL,
                owner TEXT,
                dueDate TEXT,
                UNIQUE (team, scenarioID, needID, openedRunID)
            );

            CREATE TABLE checkClosure (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                team TEXT NOT NULL,
                scenarioID TEXT NOT NULL,
                needID TEXT NOT NULL,
                checkedAt DATETIME NOT NULL,
                reason TEXT NOT NULL
            );
            CREATE INDEX checkClosure_on_need ON checkClosure(team, scenarioID, needID);

            CREATE VIRTUAL TABLE searchIndex USING fts5(
                runID UNINDEXED, seq UNINDEXED, needID UNINDEXED, text, answer, actor,
                tokenize = 'porter unicode61 remove_diacritics 2'
            );
            INSERT INTO searchIndex (runID, seq, needID, text, answer, actor)
                SELECT runID, seq, NULL, text, answer, actor FROM event;
            INSERT INTO searchIndex (runID, seq, needID, text, answer, actor)
                SELECT runID, NULL, needID, reason, NULL, NULL FROM finding;
            CREATE TRIGGER searchIndex_on_event AFTER INSERT ON event BEGIN
                INSERT INTO searchIndex (runID, seq, needID, text, answer, actor)
                VALUES (new.runID, new.seq, NULL, new.text, new.answer, new.actor);
            END;
            CREATE TRIGGER searchIndex_on_finding AFTER INSERT ON finding BEGIN
                INSERT INTO searchIndex (runID, seq, needID, text, answer, actor)
                VALUES (new.runID, NULL, new.needID, new.reason, NULL, NULL);
            END;
            CREATE TRIGGER searchIndex_on_run_deleted AFTER DELETE ON run BEGIN
                DELETE FROM searchIndex WHERE runID = old.id;
            END;
            """)
    }

    /// v4: how long a team took to answer each prompt of a timed drill.
    private static func addFacilitation(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE event ADD COLUMN seconds REAL")
    }

    /// v5: `drill runs` without a team lists the newest runs of every team; ordered by
    /// (startedAt, id) it walks this index backwards and stops at the page, where it sorted
    /// every run before (100,000 runs: 1.1 s warm, 6.5 s cold; BENCHMARKS.md).
    private static func addPerformanceIndexes(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX run_on_startedAt_id ON run(startedAt, id)")
    }

    /// v7: events enter the full-text index when their run pauses or ends, before any search,
    /// and in each import batch, not in every answer's transaction: an answer's own transaction
    /// then writes only the event rows and a note that they wait to be indexed (adding each
    /// answer to the index made it 2× a bare insert and commit; BENCHMARKS.md). The index is
    /// derived from the events, so nothing is lost if a drill is killed before it catches up.
    private static func indexEventsAfterAnswers(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE searchPending (
                runID TEXT NOT NULL,
                seq INTEGER NOT NULL,
                PRIMARY KEY (runID, seq)
            ) WITHOUT ROWID;
            DROP TRIGGER searchIndex_on_event;
            CREATE TRIGGER searchPending_on_event AFTER INSERT ON event BEGIN
                INSERT INTO searchPending (runID, seq) VALUES (new.runID, new.seq);
            END;
            DROP TRIGGER searchIndex_on_run_deleted;
            CREATE TRIGGER searchIndex_on_run_deleted AFTER DELETE ON run BEGIN
                DELETE FROM searchIndex WHERE rowid IN (SELECT entry FROM searchIndexRun WHERE runID = old.id);
                DELETE FROM searchIndexRun WHERE runID = old.id;
                DELETE FROM searchPending WHERE runID = old.id;
            END;
            """)
    }

    /// v6: which full-text entries belong to which run. The index cannot look up its `runID`
    /// column (full-text tables index words only), so deleting a run's entries read the whole
    /// index: seconds per run on a 100,000-run store (BENCHMARKS.md). This table maps a run to
    /// its entries' rowids, and deleting a run deletes exactly those.
    private static func indexSearchEntriesByRun(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE searchIndexRun (
                runID TEXT NOT NULL,
                entry INTEGER NOT NULL,
                PRIMARY KEY (runID, entry)
            ) WITHOUT ROWID;
            INSERT INTO searchIndexRun (runID, entry) SELECT runID, rowid FROM searchIndex;
            DROP TRIGGER searchIndex_on_event;
            DROP TRIGGER searchIndex_on_finding;
            DROP TRIGGER searchIndex_on_run_deleted;
            CREATE TRIGGER searchIndex_on_event AFTER INSERT ON event BEGIN
                INSERT INTO searchIndex (runID, seq, needID, text, answer, actor)
                VALUES (new.runID, new.seq, NULL, new.text, new.answer, new.actor);
                INSERT INTO searchIndexRun (runID, entry) VALUES (new.runID, last_insert_rowid());
            END;
            CREATE TRIGGER searchIndex_on_finding AFTER INSERT ON finding BEGIN
                INSERT INTO searchIndex (runID, seq, needID, text, answer, actor)
                VALUES (new.runID, NULL, new.needID, new.reason, NULL, NULL);
                INSERT INTO searchIndexRun (runID, entry) VALUES (new.runID, last_insert_rowid());
            END;
            CREATE TRIGGER searchIndex_on_run_deleted AFTER DELETE ON run BEGIN
                DELETE FROM searchIndex WHERE rowid IN (SELECT entry FROM searchIndexRun WHERE runID = old.id);
                DELETE FROM searchIndexRun WHERE runID = old.id;
            END;
            """)
    }

    /// v10: the evidence a run was judged against (its files' paths, SHA-256, collection times and
    /// facts, as ``RunEvidence``'s stored JSON), one row per run that had any. Runs without a row
    /// were judged on their claims alone, and their seals are what they were.
    private static func addRunEvidence(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE runEvidence (
                runID TEXT NOT NULL PRIMARY KEY REFERENCES run(id) ON DELETE CASCADE,
                evidenceJSON TEXT NOT NULL
            );
            """)
    }

    /// v8: everything a reviewer reads is sealed and anchored outside the file. Each run gets its
    /// seal (a manifest of field digests, its hash, and a signature by the installation's key);
    /// the audit trail becomes a hash chain (`hash`); the ledger chains every run's successive
    /// seals, and deletions, so a run deleted or rolled back is found; the anchor holds both
    /// chains' lengths and heads, signed.
    ///
    /// Plain SQL only, as every migration here should be: it must mean the same when the
    /// application's types change. Rows stored before it are sealed as they stand by the first
    /// drill that opens the file with a key (``AppDatabase`` does it while `sealing.pending` is 1).
    private static func addSeals(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE run ADD COLUMN sealFields TEXT;
            ALTER TABLE run ADD COLUMN sealHash TEXT;
            ALTER TABLE run ADD COLUMN sealKeyID TEXT;
            ALTER TABLE run ADD COLUMN sealSignature TEXT;
            ALTER TABLE audit ADD COLUMN hash TEXT;
            CREATE TABLE ledger (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                runID TEXT NOT NULL,
                action TEXT NOT NULL,
                seal TEXT,
                hash TEXT NOT NULL
            );
            CREATE INDEX ledger_on_runID ON ledger(runID, id);
            CREATE TABLE anchor (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                ledgerCount INTEGER NOT NULL,
                ledgerHead TEXT,
                auditCount INTEGER NOT NULL,
                auditHead TEXT,
                keyID TEXT NOT NULL,
                signature TEXT NOT NULL
            );
            CREATE TABLE sealing (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                pending INTEGER NOT NULL
            );
            INSERT INTO sealing (id, pending) VALUES (1, 1);
            """)
    }

    /// v11: one improvement item per fix, with its history. Items were one per need and per
    /// stretch a gap stayed open, so one fix ("keep configuration in version control") could be
    /// three items, and a gap found again was a new item without its owner or due date. Items
    /// of a team whose gaps name the same fix (the opening finding's `fix`, with "add one" spelled
    /// as the field it adds, else `scenario/need`) merge into the oldest, which keeps the newest
    /// owner and due date any of them had; each merge is an event of the item it went into.
    /// Runs get the day a backfilled drill was played (`playedOn`), checks the evidence behind
    /// the finding that closed an item, and items their notes and accepted risks.
    ///
    /// Plain SQL only. The merged items' rows are re-sealed, and the merged-away ones marked in
    /// the ledger, by the first drill that opens the file with a key (`sealing.pending` is set).
    private static func addItemHistory(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE run ADD COLUMN playedOn TEXT;
            ALTER TABLE checkClosure ADD COLUMN provenance TEXT;

            CREATE TABLE improvementItemEvent (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                itemID INTEGER NOT NULL,
                at DATETIME NOT NULL,
                kind TEXT NOT NULL,
                text TEXT NOT NULL,
                until TEXT,
                author TEXT,
                otherItemID INTEGER
            );
            CREATE INDEX improvementItemEvent_on_item ON improvementItemEvent(itemID, id);

            CREATE TEMP TABLE itemFix AS
                SELECT i.id AS id, i.team AS team,
                       CASE
                           WHEN f.fix IS NULL OR trim(f.fix) = '' THEN i.scenarioID || '/' || i.needID
                           WHEN trim(f.fix) LIKE 'contacts: add one with role %' THEN 'contacts[' || substr(trim(f.fix), 29) || ']'
                           WHEN trim(f.fix) LIKE 'backups: add one with asset %' THEN 'backups[' || substr(trim(f.fix), 29) || ']'
                           ELSE trim(f.fix)
                       END AS fixKey
                FROM improvementItem i
                LEFT JOIN finding f ON f.runID = i.openedRunID AND f.needID = i.needID;
            CREATE TEMP TABLE itemSurvivor AS
                SELECT k.id AS id, (SELECT min(m.id) FROM itemFix m WHERE m.team = k.team AND m.fixKey = k.fixKey) AS survivor, k.fixKey AS fixKey
                FROM itemFix k;

            CREATE TABLE improvementItemMerged (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                team TEXT NOT NULL,
                fixKey TEXT NOT NULL,
                pillar TEXT NOT NULL,
                action TEXT NOT NULL,
                owner TEXT,
                dueDate TEXT,
                UNIQUE (team, fixKey)
            );
            INSERT INTO improvementItemMerged (id, team, fixKey, pillar, action, owner, dueDate)
                SELECT i.id, i.team, s.fixKey, i.pillar, i.action,
                       (SELECT o.owner FROM improvementItem o JOIN itemSurvivor os ON os.id = o.id
                        WHERE os.survivor = s.survivor AND o.owner IS NOT NULL ORDER BY o.id DESC LIMIT 1),
                       (SELECT o.dueDate FROM improvementItem o JOIN itemSurvivor os ON os.id = o.id
                        WHERE os.survivor = s.survivor AND o.dueDate IS NOT NULL ORDER BY o.id DESC LIMIT 1)
                FROM improvementItem i JOIN itemSurvivor s ON s.id = i.id
                WHERE s.id = s.survivor;
            INSERT INTO improvementItemEvent (itemID, at, kind, text, otherItemID)
                SELECT s.survivor, strftime('%Y-%m-%d %H:%M:%f', 'now'), 'merged',
                       'item #' || i.id || ' (' || i.scenarioID || '/' || i.needID || ', opened by run ' || i.openedRunID
                           || coalesce(', owner ' || i.owner, '') || coalesce(', due ' || i.dueDate, '')
                           || ') merged into this one: the same fix, ' || s.fixKey,
                       i.id
                FROM improvementItem i JOIN itemSurvivor s ON s.id = i.id
                WHERE s.id <> s.survivor
                ORDER BY i.id;

            DROP TABLE improvementItem;
            ALTER TABLE improvementItemMerged RENAME TO improvementItem;
            DROP TABLE itemFix;
            DROP TABLE itemSurvivor;
            UPDATE sealing SET pending = 1;
            """)
    }

    /// v12: findings wait to be indexed as events do (v7), and enter the full-text index with
    /// them. A finding written to the index in its run's transaction made the index take part
    /// in every later statement of that transaction: SQLite's full-text index writes what it
    /// holds to disk at each statement's savepoint, so an import batch wrote a small segment per
    /// run and merged them again (a tenth of an import's instructions; BENCHMARKS.md).
    private static func indexFindingsAfterWrites(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE searchPendingFinding (
                runID TEXT NOT NULL,
                needID TEXT NOT NULL,
                PRIMARY KEY (runID, needID)
            ) WITHOUT ROWID;
            DROP TRIGGER searchIndex_on_finding;
            CREATE TRIGGER searchPendingFinding_on_finding AFTER INSERT ON finding BEGIN
                INSERT INTO searchPendingFinding (runID, needID) VALUES (new.runID, new.needID);
            END;
            DROP TRIGGER searchIndex_on_run_deleted;
            CREATE TRIGGER searchIndex_on_run_deleted AFTER DELETE ON run BEGIN
                DELETE FROM searchIndex WHERE rowid IN (SELECT entry FROM searchIndexRun WHERE runID = old.id);
                DELETE FROM searchIndexRun WHERE runID = old.id;
                DELETE FROM searchPending WHERE runID = old.id;
                DELETE FROM searchPendingFinding WHERE runID = old.id;
            END;
            """)
    }

    /// v13: what a merged improvement item's action sentence was made from, so the sentence is
    /// made again when the gaps open under the item change (before, it stayed its first gap's).
    private static func addItemActionBasis(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE improvementItem ADD COLUMN actionBasis TEXT")
    }
}
