import DrillKit
import Foundation
import Testing

@Suite("Transcripts: export, import, round trips")
struct ReviewTranscriptTests {
    @Test("Export, import into an empty database and export again gives byte-identical JSON")
    func roundTripIsByteIdentical() throws {
        let source = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(source, id: "20261124-abcd", startedAt: ReviewFixture.day(0), gaps: true, notes: ["legal asked about the DPA clock ✓ “quotes”"])
        let exported = try RunTranscript(runID: "20261124-abcd", from: source).jsonData()

        let transcript = try RunTranscript.load(json: String(decoding: exported, as: UTF8.self), displayPath: "t.json")
        let target = try AppDatabase.inMemory(key: ReviewFixture.key)
        #expect(try target.importTranscript(transcript, source: "t.json") == .imported)
        let again = try RunTranscript(runID: "20261124-abcd", from: target).jsonData()
        #expect(again == exported)
    }

    @Test("Streamed JSON, one event at a time from the store, is byte for byte the whole transcript's JSON")
    func streamedJSONIsIdentical() throws {
        let database = try AppDatabase.inMemory(key: ReviewFixture.key)
        _ = try ReviewFixture.play(database, id: "20261124-abcd", startedAt: ReviewFixture.day(0), gaps: true, notes: ["a \"events\" : [ note\n  ]"])
        let whole = try RunTranscript(runID: "20261124-abcd", from: database)
        let stream = TranscriptJSONStream(header: try RunTranscript(headerOf: "20261124-abcd", from: database))
        var streamed = stream.head
        var count = 0
        try database.forEachEvent(runID: "20261124-abcd") { event in
            streamed.append(stream.element(event, index: count))
            count += 1
        }
        streamed.append(stream.ending(afterEvents: count))
        #expect(count == whole.events.count && count > 5)
        #expect(streamed == whole.jsonData())

        // The committed samples, and a run with no events at all.
        let folder = Fixture.packageRoot.appendingPathComponent("transcripts")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".json") }) {
            let sample = try RunTranscript.load(fileAt: folder.appendingPathComponent(file), displayPath: file)
            #expect(TranscriptJSONStream(header: sample).assemble(sample.events) == sample.jsonData())
        }
        var empty = whole
        empty.events = []
        #expect(TranscriptJSONStream(header: whole).assemble([]) == empty.jsonData())
    }

    @Test("An error while writing a streamed event stops the stream and is rethrown as it is")
    func streamedErrorsPassThrough() throws {
        struct DiskFull: Error {}
        let database = try AppDatabase.inMemory(key: ReviewFixture.key)
        _ = try ReviewFixture.play(database, id: "20261124-abcd", startedAt: ReviewFixture.day(0), gaps: true)
        var seen = 0
        #expect(throws: DiskFull.self) {
            try database.forEachEvent(runID: "20261124-abcd") { _ in
                seen += 1
                if seen == 3 { throw DiskFull() }
            }
        }
        #expect(seen == 3)
    }

    @Test("A paused run round-trips too, and can be shown and resumed from the imported copy")
    func pausedRunRoundTrips() throws {
        let source = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(source, id: "20261124-paus", startedAt: ReviewFixture.day(0), gaps: false, answers: ["1"])
        let exported = try RunTranscript(runID: "20261124-paus", from: source).jsonData()
        let target = try AppDatabase.inMemory(key: ReviewFixture.key)
        _ = try target.importTranscript(try RunTranscript.load(json: String(decoding: exported, as: UTF8.self), displayPath: "t.json"), source: "t.json")
        #expect(try RunTranscript(runID: "20261124-paus", from: target).jsonData() == exported)
        let stored = try StoredRun("20261124-paus", from: target)
        #expect(stored.session.pendingPrompt?.id == "call")
        #expect(try target.verify().isIntact)
    }

    @Test("Importing the same run twice stores it once and changes nothing")
    func importIsIdempotent() throws {
        let source = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(source, id: "20261124-twic", startedAt: ReviewFixture.day(0), gaps: true)
        let transcript = try RunTranscript(runID: "20261124-twic", from: source)
        let target = try AppDatabase.inMemory(key: ReviewFixture.key)
        #expect(try target.importTranscript(transcript, source: "a.json") == .imported)
        let before = try RunTranscript(runID: "20261124-twic", from: target).jsonData()
        #expect(try target.importTranscript(transcript, source: "a.json") == .alreadyStored)
        #expect(try target.runs().count == 1)
        #expect(try target.events(runID: "20261124-twic").count == transcript.events.count)
        #expect(try target.findings(runID: "20261124-twic").count == transcript.findings.count)
        #expect(try RunTranscript(runID: "20261124-twic", from: target).jsonData() == before)
    }

    @Test("Importing a later state of a paused run adds the events it lacks; an earlier state changes nothing")
    func laterStateExtendsEarlierOne() throws {
        let source = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(source, id: "20261124-grow", startedAt: ReviewFixture.day(0), gaps: true, answers: ["1"])
        let paused = try RunTranscript(runID: "20261124-grow", from: source)
        // Continue the same run to its end, as `drill resume` would.
        let stored = try StoredRun("20261124-grow", from: source)
        var session = stored.session
        var seq = paused.events.count
        for answer in ["1", "yes"] {
            for index in try session.answer(answer, by: "Priya") {
                seq += 1
                try source.appendEvent(session.events[index], runID: "20261124-grow", seq: seq, recordedAt: ReviewFixture.day(0).addingTimeInterval(Double(seq)))
            }
        }
        try source.finishRun(runID: "20261124-grow", score: session.score, endedAt: ReviewFixture.day(0).addingTimeInterval(999))
        let finished = try RunTranscript(runID: "20261124-grow", from: source)

        let target = try AppDatabase.inMemory(key: ReviewFixture.key)
        #expect(try target.importTranscript(paused, source: "p.json") == .imported)
        #expect(try target.importTranscript(finished, source: "f.json") == .extended(newEvents: finished.events.count - paused.events.count))
        #expect(try RunTranscript(runID: "20261124-grow", from: target).jsonData() == finished.jsonData())
        #expect(try target.importTranscript(paused, source: "p.json") == .newerStored)
        #expect(try target.verify().isIntact)
    }

    @Test("A different run under a stored run's id is refused, not merged")
    func conflictingRunIsRefused() throws {
        let source = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(source, id: "20261124-same", startedAt: ReviewFixture.day(0), gaps: true)
        let other = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(other, id: "20261124-same", startedAt: ReviewFixture.day(0), gaps: false)
        let target = try AppDatabase.inMemory(key: ReviewFixture.key)
        _ = try target.importTranscript(try RunTranscript(runID: "20261124-same", from: source), source: "a.json")
        let outcome = try target.importTranscript(try RunTranscript(runID: "20261124-same", from: other), source: "b.json")
        guard case .conflict = outcome else {
            Issue.record("expected a conflict, got \(outcome)")
            return
        }
        #expect(try RunTranscript(runID: "20261124-same", from: target).preparednessYAML.contains("retention: 30d"))
    }

    @Test("The committed sample transcripts, from shipped scenarios, load, import and export back byte for byte")
    func samplesRoundTrip() throws {
        let folder = Fixture.packageRoot.appendingPathComponent("transcripts")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count == 2)
        for file in files {
            let url = folder.appendingPathComponent(file)
            let transcript = try RunTranscript.load(fileAt: url, displayPath: file)
            #expect(file == transcript.fileStem + ".json")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(transcript.fileStem + ".md").path))
            #expect(FileManager.default.fileExists(atPath: Fixture.packageRoot.appendingPathComponent("scenarios/\(transcript.scenarioId).yaml").path))
            let database = try AppDatabase.inMemory(key: ReviewFixture.key)
            #expect(try database.importTranscript(transcript, source: file) == .imported)
            // Exported again, a sample carries the seal this database gave it; the rest is byte for byte.
            var again = try RunTranscript(runID: transcript.id, from: database)
            #expect(again.seal?.keyId == database.key.id)
            again.seal = nil
            #expect(again.jsonData() == (try Data(contentsOf: url)))
        }
    }

    @Test("Transcript JSON has ISO 8601 times, lowerCamelCase keys, hours, the head hash and a format version")
    func jsonShape() throws {
        let database = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(database, id: "20261124-shap", startedAt: ReviewFixture.day(0), gaps: true)
        let data = try RunTranscript(runID: "20261124-shap", from: database).jsonData()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["formatVersion"] as? Int == 1)
        #expect(object["startedAt"] as? String == "2026-11-24T09:00:00.000Z")
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(events.first?["recordedAt"] as? String == "2026-11-24T09:00:07.123Z")
        #expect((object["headHash"] as? String)?.count == 64)
        #expect(events.allSatisfy { ($0["hash"] as? String)?.count == 64 })
        let keys = Set(object.keys).union(events.flatMap(\.keys))
        #expect(keys.allSatisfy { $0.first?.isLowercase == true && !$0.contains("_") })
        #expect(String(decoding: data, as: UTF8.self).hasSuffix("}\n"))
    }

    @Test("ISO 8601 times format and parse as exact inverses at the millisecond", arguments: [
        "1970-01-01T00:00:00.000Z", "2026-11-24T09:00:07.123Z", "1969-12-31T23:59:59.999Z", "2026-02-28T23:59:59.001Z",
    ])
    func timestampsRoundTrip(_ text: String) throws {
        let date = try #require(Timestamp8601.date(text))
        #expect(Timestamp8601.string(date) == text)
    }

    @Test("Offsets are understood and rewritten in UTC; malformed times are refused")
    func timestampOffsets() {
        #expect(Timestamp8601.date("2026-11-24T10:00:00+01:00").map(Timestamp8601.string) == "2026-11-24T09:00:00.000Z")
        for bad in ["2026-11-24", "2026-11-24T25:00:00Z", "2026-11-24T09:00:00.1234Z", "2026-11-24T09:00:00", "yesterday", "2026-02-30T00:00:00Z"] {
            #expect(Timestamp8601.date(bad) == nil, "\(bad)")
        }
    }

    @Test("Export file names start with the UTC start time and name the team, scenario and run")
    func fileNames() throws {
        let database = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(database, id: "20261124-name", startedAt: ReviewFixture.day(0), team: "Acme Apps / EU (ops)", gaps: true)
        let transcript = try RunTranscript(runID: "20261124-name", from: database)
        #expect(transcript.fileStem == "2026-11-24T0900Z_acme-apps-eu-ops_review-test_20261124-name")
    }
}

@Suite("Transcripts: refusing malformed and edited ones")
struct ReviewImportValidationTests {
    static func exported() throws -> String {
        let database = try AppDatabase.inMemory(key: ReviewFixture.key)
        try ReviewFixture.play(database, id: "20261124-good", startedAt: ReviewFixture.day(0), gaps: true)
        return String(decoding: try RunTranscript(runID: "20261124-good", from: database).jsonData(), as: UTF8.self)
    }

    /// The diagnostics for a transcript, or none when it loads.
    static func problems(_ json: String) -> [Diagnostic] {
        do {
            _ = try RunTranscript.load(json: json, displayPath: "t.json")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test("An exported transcript loads without problems")
    func validLoads() throws {
        #expect(Self.problems(try Self.exported()).isEmpty)
    }

    @Test("Broken or edited transcripts are refused with a located, specific message", arguments: [
        ("truncated", "not valid JSON"),
        ("not an object", "expected a JSON object"),
        ("no version", "no formatVersion"),
        ("typo key", "did you mean 'facilitator'"),
        ("wrong type", "should be a whole number"),
        ("unknown kind", "expected one of inject"),
        ("bad time", "is not a time"),
        ("edited answer text", "hash chain breaks"),
        ("edited score", "differs from the score"),
        ("edited scenario", "does not match scenarioYAML"),
        ("bad id", "is not a run id"),
        ("duplicate key", "appears twice"),
    ])
    func refused(_ edit: String, _ expected: String) throws {
        let good = try Self.exported()
        let json: String = switch edit {
        case "truncated": String(good.prefix(good.count / 2))
        case "not an object": "[1, 2, 3]"
        case "no version": good.replacingOccurrences(of: "\"formatVersion\" : 1,", with: "")
        case "typo key": good.replacingOccurrences(of: "\"facilitator\"", with: "\"facilitater\"")
        case "wrong type": good.replacingOccurrences(of: "\"seq\" : 3,", with: "\"seq\" : \"three\",")
        case "unknown kind": good.replacingOccurrences(of: "\"kind\" : \"prompt\"", with: "\"kind\" : \"teleport\"")
        case "bad time": good.replacingOccurrences(of: "2026-11-24T09:00:00.000Z", with: "last Tuesday")
        case "edited answer text": good.replacingOccurrences(of: "\"text\" : \"Contain and preserve\"", with: "\"text\" : \"Wipe the server\"")
        case "edited score": good.replacingOccurrences(of: "\"overall\" : ", with: "\"overall\" : 9")
        case "edited scenario": good.replacingOccurrences(of: "Odd exports in the audit log.\\n", with: "Nothing happened.\\n")
        case "bad id": good.replacingOccurrences(of: "\"id\" : \"20261124-good\"", with: "\"id\" : \"..\\/..\\/etc\"")
        default: good.replacingOccurrences(of: "\"mode\" : \"drill\",", with: "\"mode\" : \"drill\", \"mode\" : \"drill\",")
        }
        #expect(json != good, "the edit did not apply")
        let problems = Self.problems(json)
        #expect(!problems.isEmpty)
        #expect(problems.contains { $0.message.contains(expected) }, "\(problems.map(\.description))")
        #expect(problems.allSatisfy { $0.path == "t.json" })
    }

    @Test("Problems carry the line and column of the offending value")
    func problemsAreLocated() throws {
        let good = try Self.exported()
        let json = good.replacingOccurrences(of: "\"kind\" : \"prompt\"", with: "\"kind\" : \"teleport\"")
        let problem = try #require(Self.problems(json).first)
        let line = try #require(problem.line)
        let lines = json.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[line - 1].contains("teleport"))
        #expect(problem.description.hasPrefix("t.json:\(line):"))
    }

    @Test("Random damage to a transcript never crashes the loader", arguments: 0..<40)
    func randomDamageIsRefusedCleanly(_ seed: Int) throws {
        var generator = ReviewDamageGenerator(seed: UInt64(seed) &+ 1)
        var bytes = Array(try Self.exported().utf8)
        for _ in 0..<(1 + seed % 4) {
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[index] = UInt8.random(in: 0x20...0x7E, using: &generator)
        }
        // Either it still loads (the damage hit whitespace or a harmless spot) or it is refused with diagnostics.
        _ = Self.problems(String(decoding: bytes, as: UTF8.self))
    }
}

/// A small deterministic generator for the damage tests (a linear congruential step, xor-shifted).
struct ReviewDamageGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
