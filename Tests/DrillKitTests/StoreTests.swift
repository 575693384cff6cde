import DrillKit
import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builders for the store tests: whole-second dates, because the store keeps milliseconds.
enum StoreFixture {
    static let started = Date(timeIntervalSince1970: 1_795_510_800)  // 2026-11-24 09:00:00 UTC

    static func run(_ id: String = "20261124-abcd", team: String = "Test Team", scenarioID: String = "stolen-ci-token",
                    status: RunStatus = .inProgress, startedAt: Date = started) -> RunRecord {
        RunRecord(id: id, team: team, scenarioID: scenarioID, scenarioTitle: "A stolen CI token", scenarioKind: "app-compromise",
                  mode: "drill", facilitator: "Grace", status: status, startedAt: startedAt, asOf: Fixture.asOf,
                  scenarioYAML: "id: \(scenarioID)\n", preparednessYAML: "team: \(team)\n",
                  preparednessSource: "examples/preparedness.yaml")
    }

    /// An event with every optional field set, and awkward values in each.
    static let fullEvent = DrillEvent(kind: .answer, simulated: .hours(1.0 / 3.0), injectID: "first-alert", promptID: "contain",
                                      deadlineID: "regulator-72h", needID: "ir-partner", actor: "Ada Lovelace",
                                      text: "Isolate the runner — “now” ✓\nsecond line", answer: "a,c", points: 3, maxPoints: 5,
                                      met: false, delay: .hours(2.75))

    static let events: [DrillEvent] = [
        DrillEvent(kind: .inject, simulated: .zero, injectID: "first-alert", text: "A token leaks"),
        DrillEvent(kind: .prompt, simulated: .hours(0.25), injectID: "first-alert", promptID: "contain", text: "What now?"),
        fullEvent,
        DrillEvent(kind: .deadline, simulated: .hours(72), deadlineID: "regulator-72h", text: "Regulator told", met: true),
        DrillEvent(kind: .note, simulated: .hours(72), actor: "Grace", text: ""),
        DrillEvent(kind: .ended, simulated: .hours(96.5), text: "Score 71/100", points: 0, maxPoints: 0, met: true, delay: .zero),
    ]

    static let findings: [Finding] = [
        Finding(needID: "ir-partner", pillar: .contacts, status: .partial,
                reasons: ["The incident-response partner was last confirmed 14 months ago."], delay: .hours(6),
                fix: "contacts[incident-response-partner].confirmed"),
        Finding(needID: "admin-logs", pillar: .logs, status: .unmet,
                reasons: ["Admin-action logs reach back 30 days; the intrusion began 94 days before discovery."],
                delay: .zero, evidenceLoss: .days(64), fix: nil),
        Finding(needID: "source", pillar: .backups, status: .met, reasons: ["Source code is in version control."]),
    ]

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("drill-store-\(UUID().uuidString)", isDirectory: true)
    }

    static func permissions(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
    }

    static func bytes(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// A drill database file with one run and enough events to span several pages, closed cleanly.
    static func drillFile(at path: String) throws {
        let database = try AppDatabase.open(path: path)
        try database.createRun(run(), participants: [], findings: findings)
        for seq in 1...200 {
            try database.appendEvent(DrillEvent(kind: .note, simulated: .hours(Double(seq)), text: String(repeating: "x", count: 200)),
                                     runID: "20261124-abcd", seq: seq, recordedAt: started)
        }
    }
}

@Suite("Storing runs, events and findings")
struct StoreTests {
    // MARK: Round trips

    @Test("A run with its participants, findings and events reads back exactly as stored")
    func roundTrip() throws {
        let database = try AppDatabase.inMemory()
        let run = StoreFixture.run()
        let people = [ParticipantRecord(name: "Grace", role: "facilitator"), ParticipantRecord(name: "Ada", role: nil),
                      ParticipantRecord(name: "Linus", role: "comms")]
        try database.createRun(run, participants: people, findings: StoreFixture.findings)
        for (index, event) in StoreFixture.events.enumerated() {
            try database.appendEvent(event, runID: run.id, seq: index + 1, recordedAt: StoreFixture.started.addingTimeInterval(Double(index)))
        }

        var expected = run
        expected.headHash = try database.events(runID: run.id).last?.hash
        #expect(try database.run(matching: run.id) == expected)
        let participants = try database.participants(runID: run.id)
        #expect(participants.map(\.name) == ["Grace", "Ada", "Linus"])
        #expect(participants.map(\.role) == ["facilitator", nil, "comms"])
        #expect(participants.map(\.position) == [0, 1, 2])
        #expect(participants.allSatisfy { $0.runID == run.id && $0.id != nil })
        #expect(try database.findings(runID: run.id).map(\.finding) == StoreFixture.findings)
        let stored = try database.events(runID: run.id)
        #expect(stored.map(\.event) == StoreFixture.events)
        #expect(stored.map(\.seq) == Array(1...StoreFixture.events.count))
        #expect(stored.map(\.recordedAt) == StoreFixture.events.indices.map { StoreFixture.started.addingTimeInterval(Double($0)) })
    }

    @Test("Every field of an event survives the database, set or unset", arguments: [
        StoreFixture.fullEvent,
        DrillEvent(kind: .resumed, simulated: .hours(12.125), text: "Resumed"),
    ])
    func eventFields(event: DrillEvent) throws {
        let database = try AppDatabase.inMemory()
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        try database.appendEvent(event, runID: "20261124-abcd", seq: 1, recordedAt: StoreFixture.started)
        let stored = try #require(try database.events(runID: "20261124-abcd").first)
        #expect(stored.event == event)
        #expect(EventRecord(event: event, runID: "r", seq: 1, recordedAt: StoreFixture.started).event == event)
    }

    @Test("A run or event row with a value drill does not know is an error naming the column, not a crash", arguments: [
        "UPDATE run SET status = 'exploded'",
        "UPDATE run SET asOf = '26/11/2026'",
        "UPDATE event SET kind = 'teleport'",
    ])
    func unknownColumnValues(sql: String) throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        let database = try AppDatabase.open(path: path)
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        try database.appendEvent(StoreFixture.fullEvent, runID: "20261124-abcd", seq: 1, recordedAt: StoreFixture.started)
        let column = sql.split(separator: " ")[3]
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: sql)
        }
        let error = #expect(throws: StoreError.self) {
            _ = try database.runs()
            _ = try database.run(matching: "20261124-abcd")
            _ = try database.events(runID: "20261124-abcd")
        }
        #expect(error?.message.contains("column \(column)") == true)
    }

    @Test("Runs, scores and hashes are stored as the schema says: UTC dates, hours, text")
    func storedShape() throws {
        let database = try AppDatabase.inMemory()
        let run = StoreFixture.run()
        try database.createRun(run, participants: [], findings: StoreFixture.findings)
        try database.appendEvent(StoreFixture.fullEvent, runID: run.id, seq: 1, recordedAt: StoreFixture.started)
        let row = try #require(try database.reader.read { try Row.fetchOne($0, sql: "SELECT * FROM run") })
        let startedAt: String? = row["startedAt"]
        let asOf: String? = row["asOf"]
        let status: String? = row["status"]
        let scenarioHash: String? = row["scenarioHash"]
        #expect(startedAt == "2026-11-24 09:00:00.000")
        #expect(asOf == "2026-11-26")
        #expect(status == "in-progress")
        #expect(scenarioHash == ContentHash.sha256(run.scenarioYAML))
        let event = try #require(try database.reader.read { try Row.fetchOne($0, sql: "SELECT * FROM event") })
        let simulatedHours: Double? = event["simulatedHours"]
        let delayHours: Double? = event["delayHours"]
        let kind: String? = event["kind"]
        #expect(simulatedHours == 1.0 / 3.0)
        #expect(delayHours == 2.75)
        #expect(kind == "answer")
        let finding = try #require(try database.reader.read {
            try Row.fetchOne($0, sql: "SELECT * FROM finding WHERE needID = 'admin-logs'")
        })
        let evidenceLossHours: Double? = finding["evidenceLossHours"]
        let pillar: String? = finding["pillar"]
        let findingStatus: String? = finding["status"]
        #expect(evidenceLossHours == TimeSpan.days(64).hours)
        #expect(pillar == "logs")
        #expect(findingStatus == "unmet")
    }

    // MARK: Events

    @Test("Events come back in seq order whatever order they were written in")
    func seqOrder() throws {
        let database = try AppDatabase.inMemory()
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        for (index, seq) in [3, 1, 4, 2].enumerated() {
            try database.appendEvent(DrillEvent(kind: .note, simulated: .hours(Double(seq)), text: "event \(seq)"),
                                     runID: "20261124-abcd", seq: seq, recordedAt: StoreFixture.started.addingTimeInterval(Double(index)))
        }
        let stored = try database.events(runID: "20261124-abcd")
        #expect(stored.map(\.seq) == [1, 2, 3, 4])
        #expect(stored.map(\.event.text) == ["event 1", "event 2", "event 3", "event 4"])
    }

    @Test("A second event with the same seq is refused, and the first one is kept")
    func duplicateSeq() throws {
        let database = try AppDatabase.inMemory()
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        let first = DrillEvent(kind: .note, simulated: .zero, text: "first writer")
        try database.appendEvent(first, runID: "20261124-abcd", seq: 1, recordedAt: StoreFixture.started)
        #expect(throws: StoreError.duplicateEvent(runID: "20261124-abcd", seq: 1)) {
            try database.appendEvent(DrillEvent(kind: .note, simulated: .zero, text: "second writer"),
                                     runID: "20261124-abcd", seq: 1, recordedAt: StoreFixture.started)
        }
        #expect(try database.events(runID: "20261124-abcd").map(\.event) == [first])
    }

    @Test("An event for a run that is not stored is refused")
    func eventWithoutRun() throws {
        let database = try AppDatabase.inMemory()
        #expect(throws: StoreError.runNotFound("20261124-zzzz")) {
            try database.appendEvent(StoreFixture.fullEvent, runID: "20261124-zzzz", seq: 1, recordedAt: StoreFixture.started)
        }
    }

    @Test("Each appended event is committed before appendEvent returns")
    func appendCommits() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        let database = try AppDatabase.open(path: path)
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        var config = Configuration()
        config.readonly = true
        let observer = try DatabaseQueue(path: path, configuration: config)
        for seq in 1...3 {
            try database.appendEvent(StoreFixture.fullEvent, runID: "20261124-abcd", seq: seq, recordedAt: StoreFixture.started)
            #expect(try observer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM event") } == seq)
        }
    }

    @Test("A step's events are stored together, chained in order, or not at all")
    func appendStep() throws {
        let database = try AppDatabase.inMemory()
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        let step = Array(StoreFixture.events.prefix(4))
        try database.appendEvents(step, runID: "20261124-abcd", firstSeq: 1, recordedAt: StoreFixture.started)
        #expect(try database.events(runID: "20261124-abcd").map(\.event) == step)
        #expect(try database.verify().isIntact)

        // Another writer took seq 7: the next step (5–8) collides in its middle and is refused whole.
        try database.appendEvent(StoreFixture.fullEvent, runID: "20261124-abcd", seq: 7, recordedAt: StoreFixture.started)
        #expect(throws: StoreError.duplicateEvent(runID: "20261124-abcd", seq: 7)) {
            try database.appendEvents(step, runID: "20261124-abcd", firstSeq: 5, recordedAt: StoreFixture.started)
        }
        #expect(try database.events(runID: "20261124-abcd").map(\.seq) == [1, 2, 3, 4, 7])
    }

    @Test("A step after any other write to the file checks the run against its seal again: an edit between two steps, by another connection or by this one, is refused")
    func stepAfterEdit() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        let database = try AppDatabase.open(path: path)
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        let events = StoreFixture.events
        try database.appendEvents([events[0]], runID: "20261124-abcd", firstSeq: 1, recordedAt: StoreFixture.started)
        try database.appendEvents([events[1]], runID: "20261124-abcd", firstSeq: 2, recordedAt: StoreFixture.started)

        // Another connection (the sqlite3 CLI, another drill) edits the title between two steps.
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "UPDATE run SET scenarioTitle = 'A calm night'") }
        #expect(throws: StoreError.self) {
            try database.appendEvents([events[2]], runID: "20261124-abcd", firstSeq: 3, recordedAt: StoreFixture.started)
        }
        try other.write { try $0.execute(sql: "UPDATE run SET scenarioTitle = ?", arguments: [StoreFixture.run().scenarioTitle]) }
        try database.appendEvents([events[2]], runID: "20261124-abcd", firstSeq: 3, recordedAt: StoreFixture.started)

        // This value's own connection, outside its write methods.
        let writer = try #require(database.reader as? any DatabaseWriter)
        try writer.write { try $0.execute(sql: "UPDATE run SET facilitator = 'Mallory'") }
        #expect(throws: StoreError.self) {
            try database.appendEvents([events[3]], runID: "20261124-abcd", firstSeq: 4, recordedAt: StoreFixture.started)
        }
        #expect(try database.events(runID: "20261124-abcd").map(\.seq) == [1, 2, 3])
    }

    // MARK: Runs

    @Test("A run is stored with its opening events in one transaction: numbered from 1, chained from the run, sealed once")
    func createWithOpening() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        let database = try AppDatabase.open(path: path)
        let opening = Array(StoreFixture.events.prefix(2))
        try database.createRun(StoreFixture.run(), participants: [ParticipantRecord(name: "Ada", role: "lead")],
                               findings: StoreFixture.findings, opening: opening)
        let stored = try database.events(runID: "20261124-abcd")
        #expect(stored.map(\.seq) == [1, 2])
        #expect(stored.map(\.event) == opening)
        #expect(try database.participants(runID: "20261124-abcd").map(\.name) == ["Ada"])
        #expect(try database.verify().isIntact)
        // One seal for the run's start, then the next step goes on from 3 and verifies.
        let observer = try DatabaseQueue(path: path)
        #expect(try observer.read { try String.fetchAll($0, sql: "SELECT action FROM ledger WHERE runID = '20261124-abcd'") } == ["run.started"])
        try database.appendEvents(Array(StoreFixture.events.dropFirst(2).prefix(2)), runID: "20261124-abcd", firstSeq: 3,
                                  recordedAt: StoreFixture.started.addingTimeInterval(60))
        #expect(try database.events(runID: "20261124-abcd").map(\.seq) == [1, 2, 3, 4])
        #expect(try database.verify().isIntact)
    }

    @Test("A step's seal, the checked seal with the new head, is the seal its rows give")
    func stepSealIsTheRowsSeal() {
        let content = RunSeal.Content(run: StoreFixture.run(), participants: [ParticipantRecord(name: "Ada", role: "lead")], findings: [])
        var moved = content
        moved.headHash = String(repeating: "b", count: 64)
        let stepped = RunSeal(content).replacingHeadHash(moved.headHash)
        #expect(stepped.manifest == RunSeal(moved).manifest)
        #expect(stepped.hash != RunSeal(content).hash)
    }

    @Test("Writes seal a run from its sealed columns alone, and verify, from the whole record, finds the same seal")
    func sealFromColumnsIsTheRecordsSeal() throws {
        let database = try AppDatabase.inMemory()
        let crew = [ParticipantRecord(name: "Ada", role: "commander"), ParticipantRecord(name: "Lin")]
        // Every sealed column set: facilitator, participants, findings, events, end time and score, and a paused run.
        try ReviewFixture.play(database, id: "20261124-done", startedAt: ReviewFixture.day(0), gaps: true, participants: crew)
        try ReviewFixture.play(database, id: "20261124-half", startedAt: ReviewFixture.day(0), gaps: false, answers: ["1"], participants: crew)
        let report = try database.verifyRecords()
        #expect(report.isIntact, "\(report)")
        #expect(report.runs.count == 2)
    }

    @Test("A run with an id already stored is refused")
    func duplicateRun() throws {
        let database = try AppDatabase.inMemory()
        try database.createRun(StoreFixture.run(), participants: [ParticipantRecord(name: "Ada")], findings: [])
        #expect(throws: StoreError.runExists("20261124-abcd")) {
            try database.createRun(StoreFixture.run(team: "Other"), participants: [ParticipantRecord(name: "Eve")], findings: [])
        }
        #expect(try database.participants(runID: "20261124-abcd").map(\.name) == ["Ada"])
    }

    @Test("Pausing, resuming and ending set the status and end time")
    func statusUpdates() throws {
        let database = try AppDatabase.inMemory()
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        let paused = StoreFixture.started.addingTimeInterval(600)
        try database.setStatus(runID: "20261124-abcd", .paused, endedAt: paused)
        var run = try database.run(matching: "20261124-abcd")
        #expect(run.status == .paused)
        #expect(run.endedAt == paused)
        try database.setStatus(runID: "20261124-abcd", .inProgress, endedAt: nil)
        run = try database.run(matching: "20261124-abcd")
        #expect(run.status == .inProgress)
        #expect(run.endedAt == nil)
        #expect(throws: StoreError.runNotFound("20261124-zzzz")) {
            try database.setStatus(runID: "20261124-zzzz", .paused, endedAt: nil)
        }
    }

    @Test("Finishing a run stores its status, end time, overall score and the whole score")
    func finishRun() throws {
        let database = try AppDatabase.inMemory()
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        let score = DrillScore(responsePoints: 7, responsePossible: 10, contacts: 50, logs: 0, backups: 100, deadlinesMet: 1, deadlinesTotal: 2)
        let ended = StoreFixture.started.addingTimeInterval(3600)
        try database.finishRun(runID: "20261124-abcd", score: score, endedAt: ended)
        let run = try database.run(matching: "20261124-abcd")
        #expect(run.status == .finished)
        #expect(run.endedAt == ended)
        #expect(run.overallScore == score.overall)
        #expect(run.score == score)
        let decoded = try JSONDecoder().decode(DrillScore.self, from: Data(try #require(run.scoreJSON).utf8))
        #expect(decoded == score)
        #expect(throws: StoreError.runNotFound("nope")) {
            try database.finishRun(runID: "nope", score: score, endedAt: ended)
        }
    }

    @Test("A run is found by its id or by a unique prefix of it, in either case")
    func prefixLookup() throws {
        let database = try AppDatabase.inMemory()
        for id in ["20261124-abcd", "20261124-abxy", "20261201-qrst"] {
            try database.createRun(StoreFixture.run(id), participants: [], findings: [])
        }
        #expect(try database.run(matching: "20261124-abcd").id == "20261124-abcd")
        #expect(try database.run(matching: "20261124-abc").id == "20261124-abcd")
        #expect(try database.run(matching: "20261124-ABX").id == "20261124-abxy")
        #expect(try database.run(matching: "202612").id == "20261201-qrst")
    }

    @Test("A prefix of several runs is ambiguous and names them; an unknown one is not found")
    func prefixFailures() throws {
        let database = try AppDatabase.inMemory()
        for id in ["20261124-abcd", "20261124-abxy", "20261201-qrst"] {
            try database.createRun(StoreFixture.run(id), participants: [], findings: [])
        }
        #expect(throws: StoreError.ambiguousRun("20261124-ab", matches: ["20261124-abcd", "20261124-abxy"])) {
            try database.run(matching: "20261124-ab")
        }
        #expect(throws: StoreError.runNotFound("20261125")) { try database.run(matching: "20261125") }
        #expect(throws: StoreError.runNotFound("2026%")) { try database.run(matching: "2026%") }
        #expect(throws: StoreError.runNotFound("")) { try database.run(matching: "") }
        #expect(StoreError.ambiguousRun("20261124-ab", matches: ["20261124-abcd", "20261124-abxy"]).message.contains("20261124-abxy"))
    }

    @Test("Runs are listed newest first, filtered by team, scenario, status, dates and limit")
    func runFilters() throws {
        let database = try AppDatabase.inMemory()
        let day = 86_400.0
        let runs = [
            StoreFixture.run("20261124-aaaa", team: "Blue", scenarioID: "leak", status: .finished, startedAt: StoreFixture.started),
            StoreFixture.run("20261125-bbbb", team: "Blue", scenarioID: "outage", status: .paused,
                             startedAt: StoreFixture.started.addingTimeInterval(day)),
            StoreFixture.run("20261126-cccc", team: "Red", scenarioID: "leak", status: .inProgress,
                             startedAt: StoreFixture.started.addingTimeInterval(2 * day)),
            StoreFixture.run("20261127-dddd", team: "Blue", scenarioID: "leak", status: .finished,
                             startedAt: StoreFixture.started.addingTimeInterval(3 * day)),
        ]
        for run in runs { try database.createRun(run, participants: [], findings: []) }
        func ids(_ filter: RunFilter) throws -> [String] { try database.runs(filter).map(\.id) }

        #expect(try ids(RunFilter()) == ["20261127-dddd", "20261126-cccc", "20261125-bbbb", "20261124-aaaa"])
        #expect(try ids(RunFilter(team: "Blue")) == ["20261127-dddd", "20261125-bbbb", "20261124-aaaa"])
        #expect(try ids(RunFilter(scenarioID: "leak")) == ["20261127-dddd", "20261126-cccc", "20261124-aaaa"])
        #expect(try ids(RunFilter(status: .finished)) == ["20261127-dddd", "20261124-aaaa"])
        #expect(try ids(RunFilter(team: "Blue", scenarioID: "leak", status: .finished)) == ["20261127-dddd", "20261124-aaaa"])
        #expect(try ids(RunFilter(since: StoreFixture.started.addingTimeInterval(day))) == ["20261127-dddd", "20261126-cccc", "20261125-bbbb"])
        #expect(try ids(RunFilter(until: StoreFixture.started.addingTimeInterval(day))) == ["20261124-aaaa"])
        #expect(try ids(RunFilter(since: StoreFixture.started.addingTimeInterval(day),
                                  until: StoreFixture.started.addingTimeInterval(3 * day))) == ["20261126-cccc", "20261125-bbbb"])
        #expect(try ids(RunFilter(limit: 2)) == ["20261127-dddd", "20261126-cccc"])
        #expect(try ids(RunFilter(limit: nil)).count == 4)
        #expect(try ids(RunFilter(team: "Green")).isEmpty)
    }

    @Test("The default filter lists at most 50 runs")
    func defaultLimit() throws {
        let database = try AppDatabase.inMemory()
        for index in 0..<55 {
            try database.createRun(StoreFixture.run(String(format: "20261124-%04d", index),
                                                    startedAt: StoreFixture.started.addingTimeInterval(Double(index))),
                                   participants: [], findings: [])
        }
        let listed = try database.runs(RunFilter())
        #expect(listed.count == 50)
        #expect(listed.first?.id == "20261124-0054")
    }

    @Test("A run id is the UTC start date and twelve base32 characters")
    func runID() throws {
        let lastSecond = Date(timeIntervalSince1970: 1_795_737_599)  // 2026-11-26 23:59:59 UTC
        var ids = Set<String>()
        for _ in 0..<200 {
            let id = RunRecord.makeID(startedAt: lastSecond)
            #expect(id.count == 21)
            #expect(id.hasPrefix("20261126-"))
            #expect(id.dropFirst(9).allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
            #expect(RunTranscript.isRunID(id))
            ids.insert(id)
        }
        #expect(ids.count == 200)
        #expect(RunRecord.makeID(startedAt: lastSecond.addingTimeInterval(1)).hasPrefix("20261127-"))
        #expect(RunRecord.makeID(startedAt: Date(timeIntervalSince1970: -1)).hasPrefix("19691231-"))
    }

    @Test("200,000 runs started on one day all get different ids (four characters refused one in six)")
    func runIDsOfOneBusyDay() {
        let day = Date(timeIntervalSince1970: 1_795_651_200)  // 2026-11-26 00:00:00 UTC
        var ids = Set<String>()
        ids.reserveCapacity(200_000)
        for second in 0..<200_000 { ids.insert(RunRecord.makeID(startedAt: day.addingTimeInterval(Double(second % 86_400)))) }
        #expect(ids.count == 200_000)
    }

    @Test("Old four-character run ids keep working: stored, found by prefix, valid in transcripts")
    func oldRunIDs() throws {
        #expect(RunTranscript.isRunID("20261124-abcd"))
        #expect(RunTranscript.isRunID("20261124-abcdefghijkl"))
        #expect(!RunTranscript.isRunID("20261124-abc"))
        #expect(!RunTranscript.isRunID("20261124-abcdefghijklmnopq"))
        #expect(!RunTranscript.isRunID("20261124-ABCD"))
        let database = try AppDatabase.inMemory()
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        var newID = RunRecord.makeID(startedAt: StoreFixture.started)
        while newID.hasPrefix("20261124-ab") { newID = RunRecord.makeID(startedAt: StoreFixture.started) }
        try database.createRun(StoreFixture.run(newID), participants: [], findings: [])
        #expect(try database.run(matching: "20261124-ab").id == "20261124-abcd")
        #expect(try database.run(matching: String(newID.prefix(14))).id == newID)
        #expect(try database.run(matching: newID).id == newID)
        #expect(try database.verify().isIntact)
    }

    @Test("Content hashes are lowercase SHA-256 hex of the UTF-8 text")
    func contentHash() {
        #expect(ContentHash.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentHash.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.sha256("café") != ContentHash.sha256("cafe\u{301}"))
    }

    // MARK: Where the database lives

    @Test("The default path is $DRILL_DB, else under $XDG_DATA_HOME, else under ~/.local/share", arguments: [
        (["DRILL_DB": "/x/my.sqlite", "XDG_DATA_HOME": "/data", "HOME": "/home/ada"], "/x/my.sqlite"),
        (["DRILL_DB": "", "XDG_DATA_HOME": "/data", "HOME": "/home/ada"], "/data/drill/drill.sqlite"),
        (["XDG_DATA_HOME": "/data/", "HOME": "/home/ada"], "/data/drill/drill.sqlite"),
        (["XDG_DATA_HOME": "relative", "HOME": "/home/ada"], "/home/ada/.local/share/drill/drill.sqlite"),
        (["HOME": "/home/ada"], "/home/ada/.local/share/drill/drill.sqlite"),
    ])
    func defaultPath(environment: [String: String], expected: String) {
        #expect(AppDatabase.defaultPath(environment: environment) == expected)
    }

    // MARK: Files

    @Test("Opening an existing database tightens its permissions to 0600")
    func tightensExisting() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        do { _ = try AppDatabase.open(path: path) }
        #expect(chmod(path, 0o644) == 0)
        _ = try AppDatabase.open(path: path)
        #expect(try StoreFixture.permissions(path) == 0o600)
    }

    @Test("A file database is in WAL mode, synchronous FULL, with foreign keys and drill's application id")
    func pragmas() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase.open(path: folder.appendingPathComponent("drill.sqlite").path)
        func pragma<Value: DatabaseValueConvertible>(_ name: String, as type: Value.Type) throws -> Value? {
            try database.reader.read { try Value.fetchOne($0, sql: "PRAGMA \(name)") }
        }
        #expect(try pragma("synchronous", as: Int.self) == 2)
        #expect(try pragma("journal_mode", as: String.self) == "wal")
        #expect(try pragma("foreign_keys", as: Int.self) == 1)
        #expect(try pragma("application_id", as: Int32.self) == 0x4452_494C)
        #expect(try AppDatabase.inMemory().reader.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }

    @Test("Runs stored in a file are there when it is opened again")
    func reopen() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        try StoreFixture.drillFile(at: path)
        let database = try AppDatabase.open(path: path)
        #expect(try database.run(matching: "20261124").id == "20261124-abcd")
        #expect(try database.events(runID: "20261124-abcd").count == 200)
    }

    @Test("A zero-byte file is refused and left as it is: drill never makes one")
    func zeroByteFile() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("drill.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(throws: StoreError.notADrillDatabase(path: path)) { try AppDatabase.open(path: path) }
        #expect(try StoreFixture.bytes(path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["drill.sqlite"])
    }

    @Test("A database other users can write is refused with the fix stated")
    func writableByOthers() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db/drill.sqlite").path
        _ = try AppDatabase.open(path: path)
        #expect(chmod(path, 0o666) == 0)
        #expect(throws: StoreError.writableByOthers(path: path, mode: 0o666, isFolder: false)) { try AppDatabase.open(path: path) }
        #expect(StoreError.writableByOthers(path: path, mode: 0o666, isFolder: false).message.contains("chmod 600"))
        #expect(chmod(path, 0o600) == 0)
        _ = try AppDatabase.open(path: path)
    }

    @Test("An SQLite file with no tables and no application id is adopted")
    func emptySQLiteFile() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("drill.sqlite").path
        do {
            let other = try DatabaseQueue(path: path)
            try other.write { try $0.execute(sql: "PRAGMA user_version = 7") }
        }
        #expect(try StoreFixture.bytes(path).count > 0)
        let database = try AppDatabase.open(path: path)
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        #expect(try database.run(matching: "20261124-abcd").team == "Test Team")
    }

    /// Files drill must refuse, each made by a function given the path.
    enum ForeignFile: String, CaseIterable, CustomTestStringConvertible {
        case randomBytes, otherProgramsDatabase, otherProgramsWALDatabase, otherApplicationID, truncatedDrillDatabase, drillHeaderOnly

        var testDescription: String { rawValue }

        /// Whether another program made it (rather than drill, before it was damaged).
        var isForeign: Bool { self != .truncatedDrillDatabase && self != .drillHeaderOnly }

        func make(at path: String) throws {
            switch self {
            case .randomBytes:
                var generator = SystemRandomNumberGenerator()
                let bytes = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }
                try Data(bytes).write(to: URL(fileURLWithPath: path))
            case .otherProgramsDatabase:
                let other = try DatabaseQueue(path: path)
                try other.write { db in
                    try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')")
                }
            case .otherProgramsWALDatabase:
                var config = Configuration()
                config.journalMode = .wal
                let other = try DatabaseQueue(path: path, configuration: config)
                try other.write { db in
                    try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')")
                }
            case .otherApplicationID:
                let other = try DatabaseQueue(path: path)
                try other.writeWithoutTransaction { try $0.execute(sql: "PRAGMA application_id = 305419896") }
            case .truncatedDrillDatabase:
                try StoreFixture.drillFile(at: path)
                let whole = try StoreFixture.bytes(path)
                try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))
            case .drillHeaderOnly:
                try StoreFixture.drillFile(at: path)
                try StoreFixture.bytes(path).prefix(100).write(to: URL(fileURLWithPath: path))
            }
        }
    }

    @Test("A file drill did not make, or a damaged one, is refused and left byte-identical", arguments: ForeignFile.allCases)
    func refusesForeignFile(kind: ForeignFile) throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("drill.sqlite").path
        try kind.make(at: path)
        let before = try StoreFixture.bytes(path)
        let permissionsBefore = try StoreFixture.permissions(path)
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!before.isEmpty)

        let error = #expect(throws: StoreError.self) { try AppDatabase.open(path: path) }

        switch error {
        case let .notADrillDatabase(named)?, let .unreadable(named, _)?:
            #expect(named == path)
        default:
            Issue.record("expected notADrillDatabase or unreadable, got \(String(describing: error))")
        }
        #expect(error?.message.contains(path) == true)
        #expect(try StoreFixture.bytes(path) == before)
        #expect(try StoreFixture.permissions(path) == permissionsBefore)
        if kind.isForeign {
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == filesBefore, "nothing is left beside it")
        }
    }

    @Test("Other programs' files are refused as not drill's, not as unreadable", arguments: ForeignFile.allCases.filter(\.isForeign))
    func foreignIsNotADrillDatabase(kind: ForeignFile) throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("drill.sqlite").path
        try kind.make(at: path)
        #expect(throws: StoreError.notADrillDatabase(path: path)) { try AppDatabase.open(path: path) }
    }

    @Test("Another program's database that is open right now is refused, and its file left as it was")
    func foreignDatabaseInUse() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("drill.sqlite").path
        var config = Configuration()
        config.journalMode = .wal
        let other = try DatabaseQueue(path: path, configuration: config)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        let before = try StoreFixture.bytes(path)

        #expect(throws: StoreError.notADrillDatabase(path: path)) { try AppDatabase.open(path: path) }

        #expect(try StoreFixture.bytes(path) == before)
        #expect(try other.read { try String.fetchAll($0, sql: "SELECT body FROM notes") } == ["mine"])
    }

    @Test("Another program's database left with an unmerged write-ahead log is refused, and neither file changes")
    func foreignDatabaseAfterCrash() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("live"), withIntermediateDirectories: true)
        let live = folder.appendingPathComponent("live/other.sqlite").path
        let path = folder.appendingPathComponent("drill.sqlite").path
        var config = Configuration()
        config.journalMode = .wal
        let other = try DatabaseQueue(path: live, configuration: config)
        try other.write { db in
            try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')")
        }
        // Copying the files while the other program has them open leaves what a crash would.
        try FileManager.default.copyItem(atPath: live, toPath: path)
        try FileManager.default.copyItem(atPath: live + "-wal", toPath: path + "-wal")
        let before = try StoreFixture.bytes(path)
        let walBefore = try StoreFixture.bytes(path + "-wal")

        #expect(throws: StoreError.notADrillDatabase(path: path)) { try AppDatabase.open(path: path) }

        #expect(try StoreFixture.bytes(path) == before)
        #expect(try StoreFixture.bytes(path + "-wal") == walBefore)
    }

    @Test("A database a newer drill has migrated is refused without being migrated")
    func newerSchema() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        do { _ = try AppDatabase.open(path: path) }
        do {
            let newer = try DatabaseQueue(path: path)
            try newer.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2-from-the-future')")
            }
        }
        let before = try StoreFixture.bytes(path)

        #expect(throws: StoreError.newerSchema(path: path)) { try AppDatabase.open(path: path) }

        #expect(try StoreFixture.bytes(path) == before)
        #expect(StoreError.newerSchema(path: path).message
            == "\(path) was made by a newer drill; upgrade drill or pass --db to use another file.")
    }

    @Test("A folder where the database should be is refused")
    func folderAtPath() throws {
        let folder = StoreFixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(throws: StoreError.notADrillDatabase(path: folder.path)) { try AppDatabase.open(path: folder.path) }
    }

    @Test("Every store error's message is one sentence naming what it is about", arguments: [
        StoreError.notADrillDatabase(path: "/p/drill.sqlite"), .newerSchema(path: "/p/drill.sqlite"),
        .unreadable(path: "/p/drill.sqlite", detail: "disk I/O error"), .writeFailed(path: "/p/drill.sqlite", detail: "disk full"),
        .busy(path: "/p/drill.sqlite"), .notDurable(path: "/p/drill.sqlite", synchronous: 1),
        .runNotFound("/p/drill.sqlite"), .ambiguousRun("/p/drill.sqlite", matches: ["a", "b"]), .runExists("/p/drill.sqlite"),
        .duplicateEvent(runID: "/p/drill.sqlite", seq: 4),
    ])
    func messages(error: StoreError) {
        #expect(error.message.contains("/p/drill.sqlite"))
        #expect(error.message.hasSuffix("."))
        #expect(error.message.filter { $0 == "\n" }.isEmpty)
        #expect(error.message.contains(";"), "says what to do after the semicolon")
    }
}
