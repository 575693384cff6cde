import DrillKit
import Foundation
import GRDB
import Testing

@Suite("The schema's version in the file's header")
struct StoreVersionTests {
    func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("drill-version-\(UUID().uuidString)/drill.sqlite").path
    }

    @Test("Opening sets user_version to the number of migrations this build knows")
    func userVersionIsSet() throws {
        let path = path()
        let database = try AppDatabase.open(path: path)
        try database.close()
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.read { try Int32.fetchOne($0, sql: "PRAGMA user_version") } == AppDatabase.schemaVersion)
        #expect(AppDatabase.schemaVersion >= 8)
        try queue.close()
    }

    @Test("A file with a newer user_version is refused as a newer drill's, and left byte-identical")
    func newerUserVersionIsRefused() throws {
        let path = path()
        try AppDatabase.open(path: path).close()
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = \(AppDatabase.schemaVersion + 1)") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.newerSchema(path: path)) { try AppDatabase.open(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("Closing checkpoints the write-ahead log: the database file alone holds every run")
    func closeCheckpoints() throws {
        let path = path()
        let database = try AppDatabase.open(path: path)
        try ReviewFixture.play(database, id: "20261126-abcd", startedAt: ReviewFixture.day(0), gaps: true)
        try database.close()
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let copy = path + ".copy"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let reopened = try AppDatabase.open(path: copy)
        #expect(try reopened.runs().map(\.id) == ["20261126-abcd"])
    }

    @Test("A database the previous drill wrote (a dump of one, v7) migrates, is sealed once as it stood, and verifies")
    func previousDrillsDatabase() throws {
        let dump = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("Tests/Fixtures/v7-database.sql"), encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-v7-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: dump) }
        try queue.close()
        chmod(path, 0o600)

        let database = try AppDatabase.open(path: path)
        let report = try database.verifyRecords()
        #expect(report.isIntact, "\(report.allProblems)")
        #expect(report.runs.count == 2)
        #expect(try database.runs().map(\.status).sorted { $0.rawValue < $1.rawValue } == [.finished, .paused])
        let sealed = try database.auditEntries(AuditFilter(action: "records.sealed"))
        #expect(sealed.count == 1)
        #expect(sealed.first?.detail.hasPrefix("2 runs and 4 audit entries") == true)
        // v8 first; later migrations (v10-run-evidence, …) follow it in the same entry.
        #expect(try database.auditEntries(AuditFilter(action: "schema.migrated")).first?.detail.hasPrefix("applied v8-sealed-records") == true)
        // It carries on as any database: the paused run resumes and verifies.
        let paused = try #require(try database.runs(RunFilter(status: .paused)).first)
        let stored = try StoredRun(paused.id, from: database)
        try database.appendEvent(DrillEvent(kind: .resumed, simulated: stored.session.now, text: "resumed"), runID: paused.id,
                                 seq: (stored.events.last?.seq ?? 0) + 1, recordedAt: Date())
        #expect(try database.verifyRecords().isIntact)
    }
}

