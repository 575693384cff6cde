import DrillKit
import Foundation
import Testing

@Suite("Transcripts: importing many files in batches")
struct ReviewImportBatchTests {
    /// A folder of exported transcripts: runs `ids` of teams `teams` (one per run, cycled), in name order.
    static func exportedFolder(ids: [String], teams: [String] = ["Review Team"]) throws -> (URL, [TranscriptFile]) {
        let source = try AppDatabase.inMemory(key: ReviewFixture.key)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-import-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [TranscriptFile] = []
        for (index, id) in ids.enumerated() {
            try ReviewFixture.play(source, id: id, startedAt: ReviewFixture.day(index), team: teams[index % teams.count], gaps: index.isMultiple(of: 2))
            let url = folder.appendingPathComponent("\(index)-\(id).json")
            try RunTranscript(runID: id, from: source).jsonData().write(to: url)
            files.append(TranscriptFile(url: url, displayPath: url.lastPathComponent))
        }
        return (folder, files)
    }

    /// Run ids `2026112N-` + `tag` + a letter, one per day from the 20th.
    static func ids(_ count: Int, tag: String) -> [String] {
        (0..<count).map { "2026112\($0)-\(tag)" + String(Array("abcdefgh")[$0]) }
    }

    /// Every result of an import, in the order reported.
    static func importAll(_ files: [TranscriptFile], into database: AppDatabase, cache: TranscriptContentCache = .init(),
                          batching: ImportBatching = .init(), workers: Int = 2) throws -> [(String, TranscriptImportResult)] {
        var results: [(String, TranscriptImportResult)] = []
        try database.importTranscripts(files, cache: cache, batching: batching, workers: workers) { file, result in
            results.append((file.displayPath, result))
        }
        return results
    }

    static func isImported(_ result: TranscriptImportResult) -> Bool {
        if case .stored(_, .imported) = result { return true }
        return false
    }

    @Test("A bad transcript in the middle of a batch is refused alone; the files around it are stored", arguments: [1, 2])
    func badFileIsRefusedAlone(workers: Int) throws {
        let ids = ["20261124-aaaa", "20261124-bbbb", "20261124-cccc", "20261124-dddd"]
        let (folder, files) = try Self.exportedFolder(ids: ids)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Edit one event's text: the hash chain no longer holds.
        let edited = String(decoding: try Data(contentsOf: files[1].url), as: UTF8.self)
            .replacingOccurrences(of: "\"text\" : \"", with: "\"text\" : \"edited ")
        try Data(edited.utf8).write(to: files[1].url)
        let missing = TranscriptFile(url: folder.appendingPathComponent("gone.json"), displayPath: "gone.json")

        let database = try AppDatabase.inMemory(key: ReviewFixture.key)
        let results = try Self.importAll([files[0], files[1], missing, files[2], files[3]], into: database,
                                         batching: ImportBatching(maxFiles: 10), workers: workers)

        #expect(results.map(\.0) == [files[0].displayPath, files[1].displayPath, "gone.json", files[2].displayPath, files[3].displayPath])
        #expect(Self.isImported(results[0].1) && Self.isImported(results[3].1) && Self.isImported(results[4].1))
        guard case let .refused(.invalid(diagnostics)) = results[1].1 else {
            Issue.record("the edited file was not refused as invalid: \(results[1].1)")
            return
        }
        #expect(diagnostics.contains { $0.message.contains("hash chain breaks") })
        guard case .refused(.missing) = results[2].1 else {
            Issue.record("the missing file was not reported missing: \(results[2].1)")
            return
        }
        #expect(Set(try database.runs().map(\.id)) == [ids[0], ids[2], ids[3]])
        #expect(try database.verify().isIntact)
    }

    @Test("Importing the same files again, in batches of any size, stores nothing twice")
    func reimportIsIdempotent() throws {
        let ids = Self.ids(5, tag: "abc")
        let (folder, files) = try Self.exportedFolder(ids: ids)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase.inMemory(key: ReviewFixture.key)
        let first = try Self.importAll(files, into: database, batching: ImportBatching(maxFiles: 2))
        #expect(first.allSatisfy { Self.isImported($0.1) })
        let stored = try ids.map { try RunTranscript(runID: $0, from: database).jsonData() }

        for maxFiles in [1, 3, 100] {
            let again = try Self.importAll(files, into: database, batching: ImportBatching(maxFiles: maxFiles))
            #expect(again.allSatisfy { if case .stored(_, .alreadyStored) = $0.1 { true } else { false } })
        }
        #expect(try ids.map { try RunTranscript(runID: $0, from: database).jsonData() } == stored)
        // Stored exactly as exported.
        #expect(try ids.indices.allSatisfy { try stored[$0] == Data(contentsOf: files[$0].url) })
        #expect(try database.runs().count == ids.count)
    }

    @Test("Each file is reported after its batch is committed, in file order")
    func reportsFollowCommits() throws {
        let ids = Self.ids(5, tag: "cde")
        let (folder, files) = try Self.exportedFolder(ids: ids)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        let database = try AppDatabase.open(path: path, key: ReviewFixture.key)
        var seen: [String] = []
        try database.importTranscripts(files, batching: ImportBatching(maxFiles: 2)) { file, _ in
            seen.append(file.displayPath)
            // Another connection sees the run: it is committed, not only written.
            let committed = (try? AppDatabase.open(path: path).runs().count) ?? 0
            #expect(committed >= seen.count)
        }
        #expect(seen == files.map(\.displayPath))
    }

    @Test("Transcripts that share a scenario and a team parse each text once")
    func sharedTextsParseOnce() throws {
        let ids = Self.ids(6, tag: "efg")
        let (folder, files) = try Self.exportedFolder(ids: ids, teams: ["Team A", "Team B"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = TranscriptContentCache()
        let results = try Self.importAll(files, into: try AppDatabase.inMemory(key: ReviewFixture.key), cache: cache, workers: 1)
        #expect(results.allSatisfy { Self.isImported($0.1) })
        // One scenario text and two preparedness texts (one per team), each parsed once.
        #expect(cache.lookups.misses == 3)
        #expect(cache.lookups.hits == 2 * ids.count - 3)
    }

    @Test("A cache full of teams' texts keeps the scenario every transcript uses: the entry used least recently goes first")
    func cacheKeepsWhatEveryTranscriptUses() throws {
        let teams = (0..<12).map { ExampleTeam.yaml.replacingOccurrences(of: "team: Lighthouse Apps (example)", with: "team: Team \($0)") }
        // Room for the scenario and about two teams' texts.
        let cache = TranscriptContentCache(maxTextBytes: ReviewFixture.scenarioYAML.utf8.count + 5 * ExampleTeam.yaml.utf8.count / 2)
        for team in teams + teams {
            _ = try cache.storedContent(scenarioYAML: ReviewFixture.scenarioYAML, preparednessYAML: team)
        }
        // The scenario is parsed once; each team twice (the cache holds two of twelve).
        #expect(cache.lookups.misses == 1 + 2 * teams.count)
        #expect(cache.lookups.hits == 2 * teams.count - 1)
    }

    @Test("A cache too small for every text still checks every transcript the same way")
    func smallCacheGivesSameResults() throws {
        let ids = Self.ids(4, tag: "ghi")
        let (folder, files) = try Self.exportedFolder(ids: ids, teams: ["Team A", "Team B", "Team C"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = TranscriptContentCache(maxTextBytes: 1)
        let results = try Self.importAll(files, into: try AppDatabase.inMemory(key: ReviewFixture.key), cache: cache)
        #expect(results.allSatisfy { Self.isImported($0.1) })
        // It keeps only its newest text: how often a text is parsed again depends on how the two
        // workers interleave, but every distinct text (one scenario, three teams) is parsed.
        #expect(cache.lookups.misses >= 1 + 3)
        #expect(cache.lookups.hits < 2 * ids.count - 3)
    }
}
