import DrillKit
import Foundation
import Testing

/// The store under load and at its edges: many writers at once, over-long input lines, a kill
/// during the hot wash, a database reached through a symbolic link, leftovers of a killed creation.
@Suite("The store under load, long lines, the hot wash after a kill, links and leftovers", .serialized)
struct StoreLoadCommandTests {
    let runs = RunCommandTests()

    /// The answers to drill-test, piped, then end of input (the hot wash is skipped).
    static var pipedAnswers: String { RunCommandTests.answers.joined(separator: "\n") + "\n" }

    /// The run id a drill's opening names (`… · run ID`), finished or not.
    static func runID(in output: String) throws -> String {
        let range = try #require(output.range(of: #"run \d{8}-[a-z2-7]{12}"#, options: .regularExpression))
        return String(output[range].dropFirst("run ".count))
    }

    /// `count` JSON transcripts in `folder`: one drill played and exported, then its id rewritten
    /// to a fresh one per file and its hash chain recomputed. The seal is dropped (a signature
    /// cannot be remade without the key), so each reads as a transcript exported before runs
    /// were signed: import still replays every answer and checks every chain.
    func writeTranscripts(_ count: Int, into folder: URL, from workspace: URL) throws {
        let seed = workspace.appendingPathComponent("seed.sqlite").path
        let played = try DrillProcess.run(["run", "drill-test", "--db", seed], in: workspace, input: Self.pipedAnswers)
        #expect(played.status == 0, "\(played.stderr)")
        let id = try Self.runID(in: played.stdout)
        let shown = try DrillProcess.run(["show", id, "--db", seed, "--format", "json"], in: workspace)
        var transcript = try JSONDecoder().decode(RunTranscript.self, from: Data(shown.stdout.utf8))
        transcript.seal = nil
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var ids = Set<String>()
        while ids.count < count { ids.insert(RunRecord.makeID(startedAt: transcript.startedAt)) }
        for (index, id) in ids.sorted().enumerated() {
            transcript.id = id
            var previous = transcript.genesisHash
            for position in transcript.events.indices {
                let event = transcript.events[position]
                previous = EventChain.link(previous: previous, seq: event.seq, recordedAt: event.recordedAt, event: event.event)
                transcript.events[position].hash = previous
            }
            transcript.headHash = previous
            try transcript.jsonData().write(to: folder.appendingPathComponent(String(format: "%05d-%@.json", index, id)))
        }
    }

    /// How many transcripts the load test imports. The issue's case is 2,000; the debug build
    /// imports one in about 40 ms on an idle machine and 165 ms with its cores busy, so 2,000
    /// would keep this test busy for minutes. The 2,000-transcript case is run by hand
    /// (`Scripts/load-drills-import.sh`, BENCHMARKS.md); here the import starts first and runs
    /// about as long as the 8 drills, so their steps wait on its transactions.
    static let loadTranscripts = 200

    @Test("8 piped drills and an import of transcripts at once, cores busy: all finish, nobody sees 'database is locked'")
    func drillsDuringAnImport() throws {
        let folder = try runs.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let transcripts = folder.appendingPathComponent("incoming")
        try writeTranscripts(Self.loadTranscripts, into: transcripts, from: folder)

        // Keep both cores busy for as long as the load runs.
        let busy = LoadFlag()
        for _ in 0..<ProcessInfo.processInfo.activeProcessorCount {
            Thread.detachNewThread {
                var spin = 0
                while busy.isSet { spin &+= 1 }
            }
        }
        defer { busy.clear() }

        let outputs = OutputList()
        let group = DispatchGroup()
        func start(_ arguments: [String], input: String?) {
            group.enter()
            Thread.detachNewThread {
                let result = try? DrillProcess.run(arguments, in: folder, environment: runs.env(folder), input: input)
                outputs.append(arguments, result)
                group.leave()
            }
        }
        start(["import", transcripts.path], input: nil)
        // The drills start while the import is storing its first batches.
        usleep(300_000)
        for _ in 0..<8 { start(["run", "drill-test"], input: Self.pipedAnswers) }
        #expect(group.wait(timeout: .now() + 120) == .success)
        busy.clear()

        let results = outputs.all
        #expect(results.count == 9)
        for (arguments, result) in results {
            let result = try #require(result, "\(arguments) did not run")
            #expect(result.status == 0, "\(arguments): \(result.stderr.suffix(500))")
            #expect(!result.stderr.contains("locked") && !result.stdout.contains("locked"), "\(arguments): \(result.stderr.suffix(500))")
        }
        let imported = try #require(results.first { $0.0.first == "import" }?.1)
        #expect(imported.stderr.contains("\(Self.loadTranscripts) imported"), "\(imported.stderr.suffix(300))")
        let database = folder.appendingPathComponent("db/drill.sqlite").path
        #expect(try DrillProcess.runSQLite(database, "SELECT status, COUNT(*) FROM run GROUP BY status") == "finished|\(Self.loadTranscripts + 8)")
        let verify = try DrillProcess.run(["verify"], in: folder, environment: runs.env(folder))
        #expect(verify.status == 0, "\(verify.stdout.suffix(500))")
    }

    @Test("A piped line far over the cap is refused without being echoed whole, and the drill goes on")
    func overlongLine() throws {
        let folder = try runs.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let huge = String(repeating: "x", count: 5_000_000)
        let long = String(repeating: "y", count: 3_000)
        let input = ([huge] + RunCommandTests.answers.prefix(4) + [long] + RunCommandTests.answers.dropFirst(4) + [long, "Calm heads."])
            .joined(separator: "\n") + "\n"
        let result = try DrillProcess.run(["run", "drill-test"], in: folder, environment: runs.env(folder), input: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.count < 200_000, "\(result.stdout.count) characters of output")
        #expect(!result.stdout.contains(String(repeating: "x", count: 100)))
        #expect(!result.stdout.contains(String(repeating: "y", count: 100)))
        #expect(result.stdout.contains("that line is 5000000 bytes long and was not kept; answers are at most 2000 characters"))
        #expect(result.stdout.contains("that answer is 3000 characters long; keep it under 2000"))
        // The hot wash states its cap, and refuses a longer answer rather than cutting it.
        #expect(result.stdout.contains("each answer up to 2000 characters"))
        #expect(result.stdout.contains("that answer is 3000 characters long and was not kept; keep it under 2000 (Enter skips)"))
        let transcript = try runs.transcript(folder, try Self.runID(in: result.stdout))
        #expect(transcript["status"] as? String == "finished")
        let events = transcript["events"] as? [[String: Any]] ?? []
        let answers = events.filter { $0["kind"] as? String == "answer" }.compactMap { $0["answer"] as? String }
        #expect(answers == ["contain", "contact:1", "yes", "40", "We found and fixed it.", "a,c"])
        let hotWash = events.filter { $0["kind"] as? String == "hot-wash" }.compactMap { $0["text"] as? String }
        #expect(hotWash == ["Calm heads."])
    }

    @Test("A drill killed during the hot wash resumes into the questions not yet answered, then the debrief")
    func hotWashAfterKill() throws {
        let folder = try runs.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = try DrillProcess.start(["run", "drill-test"], in: folder, environment: runs.env(folder))
        try process.send(Self.pipedAnswers)
        try process.waitForOutput(count: 1, of: "What went well? >")
        try process.send("We called the partner at once.\n")
        try process.waitForOutput(count: 1, of: "What should we improve? >")
        process.kill()
        let id = try Self.runID(in: process.remainingOutput())
        let killed = try runs.transcript(folder, id)
        #expect(killed["status"] as? String == "in-progress")

        let resumed = try DrillProcess.run(["resume", id], in: folder, environment: runs.env(folder), input: "Keep the contact list off the platform.\n\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(!resumed.stdout.contains("What went well? >"))
        #expect(resumed.stdout.contains("What should we improve? >"))
        #expect(resumed.stdout.contains("What surprised us? >"))
        #expect(resumed.stdout.contains("We called the partner at once."), "the debrief lists the hot wash given before the kill")
        let final = try runs.transcript(folder, id)
        #expect(final["status"] as? String == "finished")
        let hotWash = (final["events"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "hot-wash" }
        #expect(hotWash.compactMap { $0["promptId"] as? String } == ["went-well", "to-improve"])
        #expect(try DrillProcess.run(["verify"], in: folder, environment: runs.env(folder)).status == 0)
    }

    @Test("A database reached through a symbolic link is used where the link leads, created there when missing")
    func symbolicLink() throws {
        let folder = try runs.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("data/drill.sqlite")
        let link = folder.appendingPathComponent("link.sqlite")
        try FileManager.default.createDirectory(at: real.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // A dangling link: the database is created where it leads.
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "data/drill.sqlite")
        let first = try DrillProcess.run(["run", "drill-test", "--db", link.path], in: folder, input: Self.pipedAnswers)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: real.path))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == "data/drill.sqlite")

        // A second drill leaves its log beside the real file; a third command, through the link, reads both.
        let process = try DrillProcess.start(["run", "drill-test", "--db", link.path], in: folder)
        try process.send(RunCommandTests.answers.prefix(3).joined(separator: "\n") + "\n")
        try process.waitForOutput(count: 1, of: "How many days back?")
        let listed = try DrillProcess.run(["runs", "--db", link.path, "--format", "json"], in: folder)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(!listed.stderr.contains("backup"))
        #expect(DrillProcess.list(listed.stdout, "runs")?.count == 2)
        process.kill()
        let verified = try DrillProcess.run(["verify", "--db", link.path], in: folder)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(!verified.stderr.contains("backup"))
    }

    @Test("Files left by a drill killed while creating the database are removed; a live drill's are kept")
    func orphanedTemporaries() throws {
        let folder = try runs.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("db")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // A process id no process has (the kernel's limit is below it), and this test's own.
        let gone = ["drill.sqlite.new-2147483646-17", "drill.sqlite.new-2147483646-17-wal", "drill.sqlite.new-2147483646-17-shm"]
        let live = "drill.sqlite.new-\(getpid())-18"
        for name in gone + [live] { try Data("half made".utf8).write(to: data.appendingPathComponent(name)) }
        let result = try DrillProcess.run(["run", "drill-test"], in: folder, environment: runs.env(folder), input: Self.pipedAnswers)
        #expect(result.status == 0, "\(result.stderr)")
        let left = try FileManager.default.contentsOfDirectory(atPath: data.path).sorted()
        #expect(left.filter { $0.contains(".new-") } == [live], "\(left)")
        #expect(left.contains("drill.sqlite"))
    }
}

/// A flag the load test's busy threads watch.
final class LoadFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = true
    var isSet: Bool { lock.withLock { value } }
    func clear() { lock.withLock { value = false } }
}

/// The commands' results, collected from their threads.
final class OutputList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [([String], DrillProcess.Output?)] = []
    func append(_ arguments: [String], _ output: DrillProcess.Output?) { lock.withLock { items.append((arguments, output)) } }
    var all: [([String], DrillProcess.Output?)] { lock.withLock { items } }
}
