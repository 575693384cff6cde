import DrillKit
import Foundation
import GRDB
import Testing

@Suite("Tamper evidence and the audit trail")
struct IntegrityTests {
    let identity = AuditIdentity(user: "ana", host: "laptop")

    func playedRun(_ database: AppDatabase, id: String = "20261126-abcd", events: Int = 5) throws -> RunRecord {
        let run = RunRecord(id: id, team: "Team", scenarioID: "s", scenarioTitle: "S", scenarioKind: "data-exposure",
                            startedAt: Date(timeIntervalSince1970: 1_790_000_000.123), asOf: Fixture.asOf,
                            scenarioYAML: "id: s", preparednessYAML: "team: Team", preparednessSource: "preparedness.yaml")
        try database.createRun(run, participants: [], findings: [])
        for seq in 1...events {
            try database.appendEvent(DrillEvent(kind: .answer, simulated: .hours(Double(seq)), actor: "Kim", text: "answer \(seq)", answer: "\(seq)"),
                                     runID: id, seq: seq, recordedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(seq) * 1.0007))
        }
        return try database.run(matching: id)
    }

    @Test("An untouched run verifies, and its head hash is its last event's")
    func intactChain() throws {
        let database = try AppDatabase.inMemory(identity: identity)
        let run = try playedRun(database)
        let report = try database.verify()
        #expect(report.isIntact)
        #expect(report.integrityCheck == ["ok"])
        #expect(run.headHash == (try database.events(runID: run.id).last?.hash))
        #expect(run.headHash?.count == 64)
    }

    @Test("verify checks runs in batches while it reads the next: every run listed once, in start order, and an edit in a late batch named")
    func batchesOverlapped() throws {
        let database = try AppDatabase.inMemory()
        // More than two batches of 256, so a batch is checked while the next is read, and the last is partial.
        let count = 2 * 256 + 90
        var ids: [String] = []
        for index in 0..<count {
            let id = String(format: "20261126-b%05d", index)
            ids.append(id)
            let run = RunRecord(id: id, team: "Team", scenarioID: "s", scenarioTitle: "S", scenarioKind: "data-exposure",
                                startedAt: Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), asOf: Fixture.asOf,
                                scenarioYAML: "id: s", preparednessYAML: "team: Team", preparednessSource: "preparedness.yaml")
            try database.createRun(run, participants: [], findings: [])
        }
        let edited = ids[2 * 256 + 40]
        try tamper(database, "UPDATE run SET scenarioTitle = 'forged' WHERE id = '\(edited)'")
        let report = try database.verify()
        #expect(report.runs.map(\.runId) == ids)
        #expect(report.runs.filter { !$0.intact }.map(\.runId) == [edited])
        #expect(report.runs.first { !$0.intact }?.problem?.field == "scenarioTitle")
    }

    @Test("Changing any stored field of any event breaks the chain at that event", arguments: [
        "text = 'nothing'", "answer = 'x'", "actor = 'Mallory'", "simulatedHours = 99", "points = 10", "met = 1", "kind = 'note'",
    ])
    func alteredField(assignment: String) throws {
        let database = try AppDatabase.inMemory()
        let run = try playedRun(database)
        try database.reader.read { _ in }
        try tamper(database, "UPDATE event SET \(assignment) WHERE runID = '\(run.id)' AND seq = 3")
        let check = try #require(try database.verify().runs.first)
        #expect(check.problem?.seq == 3)
        #expect(check.problem?.detail.contains("event 3") == true)
    }

    @Test("Removing the last events, or editing the run's header, is found too")
    func truncationAndHeader() throws {
        let database = try AppDatabase.inMemory()
        let run = try playedRun(database)
        try tamper(database, "DELETE FROM event WHERE runID = '\(run.id)' AND seq >= 4")
        #expect(try database.verify().runs.first?.problem?.seq == nil)
        #expect(try database.verify().runs.first?.problem?.field == "headHash")
        #expect(try database.verify().runs.first?.intact == false)

        let other = try AppDatabase.inMemory()
        let second = try playedRun(other)
        try tamper(other, "UPDATE run SET team = 'Someone else' WHERE id = '\(second.id)'")
        #expect(try other.verify().runs.first?.problem?.field == "team")
    }

    @Test("A chain link covers its predecessor: the same event after a different history hashes differently")
    func linksChain() {
        let event = DrillEvent(kind: .note, simulated: .zero, text: "x")
        let date = Date(timeIntervalSince1970: 1_000)
        #expect(EventChain.link(previous: "a", seq: 1, recordedAt: date, event: event) != EventChain.link(previous: "b", seq: 1, recordedAt: date, event: event))
        // Length prefixes: moving text between fields changes the hash.
        let split = DrillEvent(kind: .note, simulated: .zero, actor: "ab", text: "c")
        let joined = DrillEvent(kind: .note, simulated: .zero, actor: "a", text: "bc")
        #expect(EventChain.link(previous: "a", seq: 1, recordedAt: date, event: split) != EventChain.link(previous: "a", seq: 1, recordedAt: date, event: joined))
    }

    @Test("Starting, pausing, resuming, finishing and deleting runs are audited with user and host")
    func auditTrail() throws {
        let database = try AppDatabase.inMemory(identity: identity)
        let run = try playedRun(database)
        try database.setStatus(runID: run.id, .paused, endedAt: nil)
        try database.setStatus(runID: run.id, .inProgress, endedAt: nil)
        try database.finishRun(runID: run.id, score: DrillScore(responsePoints: 1, responsePossible: 2, contacts: 100, logs: 100, backups: 100, deadlinesMet: 0, deadlinesTotal: 0), endedAt: Date())
        let deleted = try database.deleteRuns(startedBefore: Date(timeIntervalSince1970: 1_800_000_000), reason: "test")
        #expect(deleted.map(\.id) == [run.id])
        let entries = try database.auditEntries()
        #expect(entries.map(\.action) == ["run.deleted", "run.finished", "run.resumed", "run.paused", "run.started"])
        #expect(entries.allSatisfy { $0.user == "ana" && $0.host == "laptop" && $0.runID == run.id })
        #expect(entries[0].detail.contains(run.headHash ?? "missing"))
        #expect(try database.auditEntries(AuditFilter(action: "run.p")).map(\.action) == ["run.paused"])
    }

    @Test("Control characters in audit fields are stored verbatim")
    func auditVerbatim() throws {
        let database = try AppDatabase.inMemory(identity: AuditIdentity(user: "eve\n2026-01-01 forged", host: "h\u{1B}[2J"))
        try database.audit("export", detail: "line one\nline two\r\u{1B}]0;x\u{07}")
        let entry = try #require(try database.auditEntries().first)
        #expect(entry.detail == "line one\nline two\r\u{1B}]0;x\u{07}")
        #expect(entry.user == "eve\n2026-01-01 forged")
        #expect(!entry.detail.terminalSafeLine.contains("\n") && !entry.user.terminalSafeLine.contains("\n"))
    }

    func tamper(_ database: AppDatabase, _ sql: String) throws {
        guard let writer = database.reader as? any DatabaseWriter else {
            Issue.record("the store's reader is not writable")
            return
        }
        try writer.write { try $0.execute(sql: sql) }
    }
}
