import DrillKit
import Foundation
import GRDB
import Testing

/// Everything a reviewer reads, edited as an attacker with the `sqlite3` CLI would, must be found
/// by `verify` and named; so must the same edits with every plain SHA-256 hash recomputed.
@Suite("Tamper suite: every reviewer-visible field, edited with SQL, is found and named")
struct TamperTests {
    static let runID = "20261126-abcd"

    /// A database with one finished run played through the engine (with gaps, so findings and
    /// deadlines are mixed), and the same key's trust.
    func played(key: InstallationKey = .ephemeral()) throws -> AppDatabase {
        let database = try AppDatabase.inMemory(identity: AuditIdentity(user: "ana", host: "laptop"), key: key)
        try ReviewFixture.play(database, id: Self.runID, startedAt: ReviewFixture.day(0), gaps: true, notes: ["kept the timeline"])
        return database
    }

    func execute(_ database: AppDatabase, _ sql: String) throws {
        let writer = try #require(database.reader as? any DatabaseWriter)
        try writer.write { try $0.execute(sql: sql) }
    }

    @Test("A run played and stored as drill does verifies, with every derived value recomputed")
    func untouched() throws {
        let database = try played()
        let report = try database.verifyRecords()
        #expect(report.isIntact, "\(report.allProblems)")
        #expect(report.integrityCheck == ["ok"])
        #expect(report.runs.first?.keyId == database.key.id)
        #expect(report.auditEntries >= 2 && report.ledgerEntries >= 2)
    }

    @Test("Each header, score and finding field edited with SQL is found, and named", arguments: [
        ("UPDATE run SET overallScore = 99", "overallScore"),
        ("UPDATE run SET scoreJSON = replace(scoreJSON, '\"deadlinesMet\":', '\"deadlinesMet\":1')", "scoreJSON"),
        ("UPDATE run SET status = 'paused'", "status"),
        ("UPDATE run SET endedAt = '2027-01-01 00:00:00.000'", "endedAt"),
        ("UPDATE run SET scenarioTitle = 'A calm night'", "scenarioTitle"),
        ("UPDATE run SET scenarioKind = 'platform-degradation'", "scenarioKind"),
        ("UPDATE run SET facilitator = 'Mallory'", "facilitator"),
        ("UPDATE run SET facilitator = NULL", "facilitator"),
        ("UPDATE run SET team = 'Other Team'", "team"),
        ("UPDATE run SET mode = 'onboarding'", "mode"),
        ("UPDATE run SET asOf = '2026-01-01'", "asOf"),
        ("UPDATE run SET startedAt = '2026-01-01 00:00:00.000'", "startedAt"),
        ("UPDATE run SET preparednessSource = 'elsewhere.yaml'", "preparednessSource"),
        ("UPDATE run SET scenarioYAML = scenarioYAML || '\n# edited'", "scenarioYAML"),
        ("UPDATE run SET preparednessYAML = replace(preparednessYAML, '30d', '400d')", "preparednessYAML"),
        ("UPDATE participant SET name = 'Mallory'", "participants"),
        ("UPDATE participant SET role = 'observer'", "participants"),
        ("DELETE FROM participant", "participants"),
        ("UPDATE finding SET status = 'met'", "findings"),
        ("UPDATE finding SET reason = 'All fine.' WHERE position = 0", "findings"),
        ("UPDATE finding SET delayHours = 0", "findings"),
        ("DELETE FROM finding WHERE position = 2", "findings"),
        ("UPDATE run SET sealFields = NULL, sealHash = NULL", "sealHash"),
    ])
    func fieldEdit(sql: String, field: String) throws {
        let database = try played()
        try execute(database, sql)
        let report = try database.verifyRecords()
        #expect(!report.isIntact)
        let problem = try #require(report.runs.first?.problem, "\(sql)")
        #expect(problem.runId == Self.runID)
        #expect(problem.field == field, "\(sql): \(problem)")
    }

    @Test("An event edited with SQL is named by its number", arguments: ["text = 'nothing'", "answer = '2'", "met = CASE WHEN met THEN 0 ELSE 1 END", "actor = 'Mallory'"])
    func eventEdit(assignment: String) throws {
        let database = try played()
        let seq = try #require(try database.events(runID: Self.runID).first { $0.event.kind == .answer }?.seq)
        try execute(database, "UPDATE event SET \(assignment) WHERE runID = '\(Self.runID)' AND seq = \(seq)")
        let problem = try #require(try database.verifyRecords().runs.first?.problem)
        #expect(problem.seq == seq)
    }

    @Test("Improvement items edited, deleted or closed with SQL are found; set through drill, they verify", arguments: [
        ("UPDATE improvementItem SET owner = 'Nobody' WHERE id = 1", "improvementItem"),
        ("UPDATE improvementItem SET dueDate = '2030-01-01' WHERE id = 1", "improvementItem"),
        ("UPDATE improvementItem SET action = 'Nothing to do.' WHERE id = 1", "improvementItem"),
        ("DELETE FROM improvementItem WHERE id = 1", "improvementItem"),
        ("INSERT INTO checkClosure (team, scenarioID, needID, checkedAt, reason) SELECT team, 'review-test', 'partner', '2026-11-30 10:00:00.000', 'met' FROM improvementItem WHERE id = 1", "checkClosure"),
        ("UPDATE improvementItemEvent SET text = 'owner Nobody' WHERE id = 1", "improvementItemEvent"),
        ("DELETE FROM improvementItemEvent WHERE id = 1", "improvementItemEvent"),
        ("INSERT INTO improvementItemEvent (itemID, at, kind, text, until) VALUES (1, '2026-11-30 10:00:00.000', 'accepted', 'fine', '2099-01-01')", "improvementItemEvent"),
    ])
    func itemEdit(sql: String, field: String) throws {
        let database = try played()
        let items = try database.improvementItems()
        #expect(!items.isEmpty)
        _ = try database.updateImprovementItem(id: 1, owner: .some("Priya"), dueDate: .some(CalendarDate(year: 2026, month: 12, day: 31)))
        #expect(try database.verifyRecords().isIntact)
        try execute(database, sql)
        let report = try database.verifyRecords()
        #expect(report.problems.contains { $0.field == field }, "\(report.allProblems)")
    }

    @Test("A cut tail with the head hash reset to the last event kept is found")
    func cutTail() throws {
        let database = try played()
        let events = try database.events(runID: Self.runID)
        let keep = events.count - 3
        try execute(database, "DELETE FROM event WHERE runID = '\(Self.runID)' AND seq > \(keep)")
        try execute(database, "UPDATE run SET headHash = '\(events[keep - 1].hash ?? "")' WHERE id = '\(Self.runID)'")
        let problem = try #require(try database.verifyRecords().runs.first?.problem)
        #expect(problem.field == "headHash")
    }

    @Test("A run deleted with SQL is found by the ledger; one deleted by prune is not a problem")
    func deletedRun() throws {
        let database = try played()
        try ReviewFixture.play(database, id: "20261127-wxyz", startedAt: ReviewFixture.day(1), gaps: false)
        try execute(database, "DELETE FROM run WHERE id = '20261127-wxyz'")
        let report = try database.verifyRecords()
        #expect(report.problems.contains { $0.runId == "20261127-wxyz" && $0.ledgerEntry != nil && $0.detail.contains("outside `drill prune`") })

        let pruned = try played()
        try ReviewFixture.play(pruned, id: "20261127-wxyz", startedAt: ReviewFixture.day(1), gaps: false)
        _ = try pruned.deleteRuns(startedBefore: ReviewFixture.day(1), reason: "test")
        let after = try pruned.verifyRecords()
        #expect(after.isIntact, "\(after.allProblems)")
        #expect(after.runs.map(\.runId) == ["20261127-wxyz"])
    }

    @Test("Audit entries edited, deleted, or cut from the end are found and named", arguments: [
        ("UPDATE audit SET detail = 'nothing happened' WHERE id = 2", Int64(2)),
        ("UPDATE audit SET user = 'mallory' WHERE id = 1", Int64(1)),
        ("DELETE FROM audit WHERE id = 1", Int64(2)),
    ])
    func auditEdit(sql: String, entry: Int64) throws {
        let database = try played()
        try execute(database, sql)
        let report = try database.verifyRecords()
        #expect(report.problems.first?.auditEntry == entry, "\(report.problems)")
    }

    @Test("The audit trail's last entries removed are found against the signed anchor")
    func auditTail() throws {
        let database = try played()
        try execute(database, "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
        let report = try database.verifyRecords()
        #expect(report.problems.contains { $0.field == "audit" })
    }

    @Test("A run rolled back to an earlier sealed state (rows, seal and signature alike) is found by the ledger")
    func rollback() throws {
        let database = try played()
        let before = try #require(try database.reader.read { try Row.fetchOne($0, sql: "SELECT * FROM run WHERE id = ?", arguments: [Self.runID]) })
        try database.setStatus(runID: Self.runID, .paused, endedAt: nil)
        let columns = ["status", "endedAt", "sealFields", "sealHash", "sealKeyID", "sealSignature"]
        let writer = try #require(database.reader as? any DatabaseWriter)
        try writer.write { db in
            try db.execute(sql: "UPDATE run SET " + columns.map { "\($0) = ?" }.joined(separator: ", ") + " WHERE id = ?",
                           arguments: StatementArguments(columns.map { before[$0] as DatabaseValue } + [Self.runID.databaseValue]))
        }
        let problem = try #require(try database.verifyRecords().runs.first?.problem)
        #expect(problem.field == "ledger")
    }

    /// An attacker's script: change an answer's text, then recompute every plain SHA-256 — the
    /// event chain, the head, the seal's manifest and hash, the ledger's and audit trail's links
    /// and the anchor's counts — everything but a signature, which needs the key.
    @Test("A re-hashed edit, every plain hash recomputed, is still found: the signatures do not match")
    func rehashedEdit() throws {
        let database = try played()
        let writer = try #require(database.reader as? any DatabaseWriter)
        try writer.write { db in
            let run = try #require(try RunRecord.fetchOne(db, key: Self.runID))
            var previous = EventChain.genesis(of: run)
            for var record in try EventRecord.filter(EventRecord.Columns.runID == Self.runID).order(EventRecord.Columns.seq).fetchAll(db) {
                if record.kind == .answer { record.text = "We called the partner at once." }
                previous = EventChain.link(previous: previous, seq: record.seq, recordedAt: record.recordedAt, event: record.event)
                try db.execute(sql: "UPDATE event SET text = ?, hash = ? WHERE runID = ? AND seq = ?",
                               arguments: [record.text, previous, Self.runID, record.seq])
            }
            var edited = run
            edited.headHash = previous
            let participants = try ParticipantRecord.filter(ParticipantRecord.Columns.runID == Self.runID).order(ParticipantRecord.Columns.position).fetchAll(db)
            let findings = try FindingRecord.filter(FindingRecord.Columns.runID == Self.runID).order(FindingRecord.Columns.position).fetchAll(db)
            let seal = RunSeal(RunSeal.Content(run: edited, participants: participants, findings: findings))
            try db.execute(sql: "UPDATE run SET headHash = ?, sealFields = ?, sealHash = ? WHERE id = ?",
                           arguments: [previous, seal.manifest, seal.hash, Self.runID])
            // The ledger: append the new seal, as drill would, and move the anchor's head and count.
            let head = try String.fetchOne(db, sql: "SELECT hash FROM ledger ORDER BY id DESC LIMIT 1")
            // The ledger records the seal with its key and signature: the old signature is all the script has.
            let pinned = "\(seal.hash) \(run.id.isEmpty ? "" : try String.fetchOne(db, sql: "SELECT sealKeyID || ' ' || sealSignature FROM run WHERE id = ?", arguments: [Self.runID]) ?? "")"
            let link = RecordChain.ledgerLink(previous: head, runID: Self.runID, action: "run.step", seal: pinned)
            try db.execute(sql: "INSERT INTO ledger (runID, action, seal, hash) VALUES (?, 'run.step', ?, ?)", arguments: [Self.runID, pinned, link])
            try db.execute(sql: "UPDATE anchor SET ledgerCount = ledgerCount + 1, ledgerHead = ?", arguments: [link])
        }
        let report = try database.verifyRecords()
        #expect(report.runs.first?.problem?.field == "sealSignature")
        #expect(report.problems.contains { $0.field == "anchor" })
        // Nor does a later write vouch for it: drill will not extend an anchor it cannot check.
        #expect(throws: StoreError.self) { try database.audit("export", detail: "later") }
        #expect(try database.verifyRecords().runs.first?.problem?.field == "sealSignature")
    }

    @Test("A write never re-seals over an edit: a run changed outside drill, or an anchor signed by a key not trusted, takes no more writes")
    func noLaunderingByLaterWrites() throws {
        let database = try played()
        try execute(database, "UPDATE run SET scenarioTitle = 'A calm night', status = 'paused'")
        #expect(throws: StoreError.self) {
            try database.appendEvent(DrillEvent(kind: .note, simulated: .zero, text: "later"), runID: Self.runID, seq: 999, recordedAt: Date())
        }
        #expect(throws: StoreError.self) { try database.setStatus(runID: Self.runID, .inProgress, endedAt: nil) }
        #expect(try database.verifyRecords().runs.first?.problem?.field == "scenarioTitle")

        // The anchor re-signed with the attacker's own key, over heads they chose.
        let other = try played()
        let attacker = InstallationKey.ephemeral()
        let writer = try #require(other.reader as? any DatabaseWriter)
        try writer.write { db in
            try db.execute(sql: "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM anchor"))
            let head = try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
            let count = (row["auditCount"] as Int) - 1
            let message = RecordChain.anchorMessage(ledgerCount: row["ledgerCount"], ledgerHead: row["ledgerHead"], auditCount: count, auditHead: head)
            try db.execute(sql: "UPDATE anchor SET auditCount = ?, auditHead = ?, keyID = ?, signature = ?",
                           arguments: [count, head, attacker.id, attacker.sign(message)])
        }
        #expect(throws: StoreError.self) { try other.audit("export", detail: "later") }
        let report = try other.verifyRecords()
        #expect(report.problems.contains { $0.field == "anchor" && $0.detail.contains("not trusted") }, "\(report.problems)")
    }

    @Test("90 random bit flips in stored content, anywhere a reviewer or the seals read, are all found")
    func bitFlips() throws {
        var generator = SeededGenerator(seed: 12)
        // Every text column of every table verify reads, but those SQLite or the decoder would
        // refuse outright once a letter changes case (status, kind, pillar: CHECK and enum values).
        let targets = [
            ("run", "team"), ("run", "scenarioID"), ("run", "scenarioTitle"), ("run", "scenarioKind"), ("run", "mode"), ("run", "facilitator"),
            ("run", "scenarioYAML"), ("run", "preparednessYAML"), ("run", "preparednessSource"), ("run", "scoreJSON"), ("run", "headHash"),
            ("run", "scenarioHash"), ("run", "preparednessHash"), ("run", "sealFields"), ("run", "sealHash"), ("run", "sealKeyID"),
            ("run", "sealSignature"), ("event", "injectID"), ("event", "promptID"), ("event", "deadlineID"), ("event", "needID"),
            ("event", "actor"), ("event", "text"), ("event", "answer"), ("event", "hash"), ("finding", "needID"), ("finding", "reason"),
            ("finding", "fix"), ("participant", "name"), ("participant", "role"), ("audit", "action"), ("audit", "runID"),
            ("audit", "detail"), ("audit", "user"), ("audit", "host"), ("audit", "hash"), ("ledger", "runID"), ("ledger", "action"),
            ("ledger", "seal"), ("ledger", "hash"), ("anchor", "ledgerHead"), ("anchor", "auditHead"), ("anchor", "keyID"),
            ("anchor", "signature"),
        ]
        var missed: [String] = []
        for _ in 0..<90 {
            let (table, column) = try #require(targets.randomElement(using: &generator))
            let database = try played()
            let writer = try #require(database.reader as? any DatabaseWriter)
            let flipped = try writer.write { db -> String? in
                let rows = try Row.fetchAll(db, sql: "SELECT rowid AS rid, \(column) AS value FROM \(table) WHERE \(column) IS NOT NULL")
                guard let row = rows.randomElement(using: &generator) else { return nil }
                var bytes = Array((row["value"] as String).utf8)
                // Flip the case bit of one ASCII letter, so the text stays valid UTF-8.
                let positions = bytes.indices.filter { (0x61...0x7A).contains(bytes[$0] | 0x20) }
                guard let position = positions.randomElement(using: &generator) else { return nil }
                bytes[position] ^= 0x20
                try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE rowid = ?", arguments: [String(decoding: bytes, as: UTF8.self), row["rid"] as Int64])
                return "\(table).\(column) byte \(position)"
            }
            guard let flipped else { continue }
            if try database.verifyRecords().isIntact { missed.append(flipped) }
        }
        #expect(missed.isEmpty, "flips not found: \(missed)")
    }

    @Test("A database of the previous version migrates, has its records sealed once, and verifies")
    func previousVersion() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-tamper-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("drill.sqlite").path
        let key = InstallationKey.ephemeral()
        do {
            let database = try AppDatabase.open(path: path, key: key)
            try ReviewFixture.play(database, id: Self.runID, startedAt: ReviewFixture.day(0), gaps: true)
        }
        // Back to the v7 schema, as the previous drill left it.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                DROP TABLE ledger; DROP TABLE anchor; DROP TABLE sealing;
                ALTER TABLE run DROP COLUMN sealFields; ALTER TABLE run DROP COLUMN sealHash;
                ALTER TABLE run DROP COLUMN sealKeyID; ALTER TABLE run DROP COLUMN sealSignature;
                ALTER TABLE audit DROP COLUMN hash;
                DELETE FROM grdb_migrations WHERE identifier = 'v8-sealed-records';
                """)
        }
        try queue.close()
        let reopened = try AppDatabase.open(path: path, key: key)
        let report = try reopened.verifyRecords()
        #expect(report.isIntact, "\(report.allProblems)")
        let sealed = try reopened.auditEntries(AuditFilter(action: "records.sealed"))
        #expect(sealed.count == 1)
        #expect(sealed.first?.detail.contains("1 runs and") == true)
        // Opening again seals nothing more.
        _ = try AppDatabase.open(path: path, key: key)
        #expect(try reopened.auditEntries(AuditFilter(action: "records.sealed")).count == 1)
        try? FileManager.default.removeItem(at: folder)
    }

    @Test("Unsealing an edited run so that drill seals it again as found is itself found")
    func unsealedAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-tamper-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        let key = InstallationKey.ephemeral()
        do {
            let database = try AppDatabase.open(path: path, key: key)
            try ReviewFixture.play(database, id: Self.runID, startedAt: ReviewFixture.day(0), gaps: true)
            try database.close()
        }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                UPDATE run SET overallScore = 99, sealFields = NULL, sealHash = NULL, sealKeyID = NULL, sealSignature = NULL;
                UPDATE sealing SET pending = 1;
                """)
        }
        try queue.close()
        let reopened = try AppDatabase.open(path: path, key: key)
        let report = try reopened.verifyRecords()
        #expect(report.problems.contains { $0.ledgerEntry != nil && $0.detail.contains("sealed as found") }, "\(report.allProblems)")
    }

    @Test("Signatures by a key not trusted are named as such")
    func untrustedKey() throws {
        let database = try played()
        let report = try database.verifyRecords(keys: TrustedKeys([InstallationKey.ephemeral().publicKey]))
        #expect(report.problems.contains { $0.field == "anchor" && $0.detail.contains("not trusted") })
        #expect(report.runs.first?.keyId == database.key.id)
    }
}

/// A small deterministic generator (SplitMix64), so a failing flip can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
