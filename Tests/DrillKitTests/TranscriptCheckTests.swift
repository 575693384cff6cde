import DrillKit
import Foundation
import Testing

@Suite("A transcript checked against the database")
struct TranscriptCheckTests {
    func exported(_ database: AppDatabase, _ id: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("transcript-check-\(UUID().uuidString).json")
        try RunTranscript(runID: id, from: database).jsonData().write(to: url)
        return url
    }

    @Test("The run's own export is intact and identical to the database")
    func identical() throws {
        let database = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(database, id: "20261124-abcd", startedAt: ReviewFixture.day(0), gaps: true)
        let check = try TranscriptCheck.check(fileAt: try exported(database, "20261124-abcd"), displayPath: "t.json", against: database,
                                              keys: TrustedKeys([ReviewFixture.key.publicKey]))
        #expect(check.intact, "\(check.problems)")
        #expect(check.matchesDatabase == true)
        #expect(check.runId == "20261124-abcd")
    }

    @Test("An export of an earlier state differs from the database's run, from the first event that differs")
    func differs() throws {
        let earlier = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(earlier, id: "20261124-abcd", startedAt: ReviewFixture.day(0), gaps: true, answers: ["1"])
        let file = try exported(earlier, "20261124-abcd")
        let later = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(later, id: "20261124-abcd", startedAt: ReviewFixture.day(0), gaps: true, answers: ["2", "1", "yes"])
        let check = try TranscriptCheck.check(fileAt: file, displayPath: "t.json", against: later, keys: TrustedKeys([ReviewFixture.key.publicKey]))
        #expect(check.matchesDatabase == false)
        #expect(check.problems.contains { $0.hasPrefix("it differs from run 20261124-abcd in the database") }, "\(check.problems)")
    }

    @Test("A file that is not a transcript is a check with problems; a missing file throws")
    func notATranscript() throws {
        let database = try AppDatabase.inMemory(key: ReviewFixture.key)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("transcript-check-\(UUID().uuidString).json")
        try Data("{ \"id\": 3 }".utf8).write(to: url)
        let check = try TranscriptCheck.check(fileAt: url, displayPath: "bad.json", against: database, keys: TrustedKeys())
        #expect(!check.intact && check.signature == "invalid" && check.runId == nil)
        #expect(throws: LoadFailure.self) {
            try TranscriptCheck.check(fileAt: url.appendingPathExtension("missing"), displayPath: "missing.json", against: database, keys: TrustedKeys())
        }
    }
}
