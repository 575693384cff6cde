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
}
