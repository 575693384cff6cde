import Foundation
import Testing

/// The fault suite: each row passes with nothing acknowledged lost.
@Suite("Faults survived", .serialized)
struct FaultTests {
    let runs = RunCommandTests()

    func answers(in output: String) -> Int { output.components(separatedBy: "\n  → ").count - 1 }

    func json(_ folder: URL, _ arguments: [String]) throws -> Any {
        let result = try DrillProcess.run(arguments + ["--format", "json"], in: folder, environment: runs.env(folder))
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    @Test("SIGKILL at random points of 50 drills loses no acknowledged answer; every run resumes to the end")
    func randomKills() throws {
        var generator = SplitMix64(seed: 20261126)
        for round in 0..<50 {
            let folder = try runs.workspace()
            let process = try DrillProcess.start(["run", "drill-test", "--participant", "Kim"], in: folder, environment: runs.env(folder))
            try process.send(RunCommandTests.answers.joined(separator: "\n") + "\n")
            usleep(UInt32.random(in: 0...100_000, using: &generator))
            process.kill()
            let acknowledged = answers(in: process.remainingOutput())
            let list = try #require((try json(folder, ["runs"]) as? [String: Any])?["runs"] as? [[String: Any]])
            guard let id = list.first?["id"] as? String else {
                #expect(acknowledged == 0, "round \(round): answers shown but no run stored")
                continue
            }
            let database = folder.appendingPathComponent("db/drill.sqlite").path
            #expect(try DrillProcess.runSQLite(database, "PRAGMA quick_check") == "ok", "round \(round)")
            let stored = try #require(try json(folder, ["show", id]) as? [String: Any])
            let storedAnswers = (stored["events"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "answer" }
            #expect(storedAnswers.count >= acknowledged, "round \(round): \(acknowledged) shown, \(storedAnswers.count) stored")
            if stored["status"] as? String != "finished" {
                let rest = RunCommandTests.answers.dropFirst(storedAnswers.count).joined(separator: "\n") + "\n"
                let resumed = try DrillProcess.run(["resume", id], in: folder, environment: runs.env(folder), input: rest)
                #expect(resumed.status == 0, "round \(round): \(resumed.stderr)")
            }
            let final = try #require(try json(folder, ["show", id]) as? [String: Any])
            #expect(final["status"] as? String == "finished", "round \(round)")
            let finalAnswers = (final["events"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "answer" }.compactMap { $0["answer"] as? String }
            #expect(finalAnswers == ["contain", "contact:1", "yes", "40", "We found and fixed it.", "a,c"], "round \(round)")
            let verify = try DrillProcess.run(["verify"], in: folder, environment: runs.env(folder))
            #expect(verify.status == 0, "round \(round): \(verify.stdout)")
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test("Four drills writing one new database at once all finish; nobody sees 'database is locked'")
    func concurrentDrills() throws {
        let folder = try runs.workspace()
        let script = zip(["first", "call", "notify", "days", "notice", "steps"], RunCommandTests.answers).map { "\($0): \"\($1)\"" }.joined(separator: "\n")
        try script.write(to: folder.appendingPathComponent("answers.yaml"), atomically: true, encoding: .utf8)
        let processes = try (0..<4).map { _ in
            try DrillProcess.start(["run", "drill-test", "--answers", "answers.yaml"], in: folder, environment: runs.env(folder), captureErrors: true)
        }
        for process in processes {
            process.process.waitUntilExit()
            #expect(process.process.terminationStatus == 0)
            #expect(!process.errorOutput().contains("locked"))
        }
        let list = try #require((try json(folder, ["runs"]) as? [String: Any])?["runs"] as? [[String: Any]])
        #expect(list.count == 4)
        #expect(list.allSatisfy { $0["status"] as? String == "finished" })
        #expect(try DrillProcess.run(["verify"], in: folder, environment: runs.env(folder)).status == 0)
    }

    @Test("Files that are not drill databases are refused with a plain message and left byte-identical", arguments: [
        "random", "zero", "foreign", "truncated", "newer",
    ])
    func refusedDatabases(kind: String) throws {
        let folder = try runs.workspace()
        let path = folder.appendingPathComponent("db.sqlite").path
        switch kind {
        case "random":
            var generator = SplitMix64(seed: 7)
            try Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: URL(fileURLWithPath: path))
        case "zero":
            try Data().write(to: URL(fileURLWithPath: path))
        case "foreign":
            _ = try DrillProcess.runSQLite(path, "CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos(name) VALUES ('cat');")
        case "truncated", "newer":
            let made = try DrillProcess.run(["run", "drill-test", "--db", path], in: folder, input: "1\n1\nyes\n")
            #expect(made.status == 0)
            _ = try DrillProcess.runSQLite(path, "PRAGMA wal_checkpoint(TRUNCATE)")
            if kind == "truncated" {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
            } else {
                _ = try DrillProcess.runSQLite(path, "INSERT INTO grdb_migrations VALUES ('v99-from-the-future'); PRAGMA wal_checkpoint(TRUNCATE);")
            }
        default:
            Issue.record("unknown kind")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try DrillProcess.run(["runs", "--db", path], in: folder)
        #expect([65, 74].contains(result.status), "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "))
        #expect(!result.stderr.contains("Fatal") && result.stderr.split(separator: "\n").count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("Hostile scenario and preparedness files get a clear error, never a crash", arguments: [
        "10 MB scalar", "100 MB file", "nesting 10,000 deep", "alias bomb", "invalid UTF-8", "duplicate keys",
    ])
    func hostileFiles(kind: String) throws {
        let folder = try DrillProcess.temporaryFolder()
        let url = folder.appendingPathComponent("hostile.yaml")
        switch kind {
        case "10 MB scalar":
            try ("id: x\ntitle: " + String(repeating: "a", count: 10 << 20) + "\n").write(to: url, atomically: true, encoding: .utf8)
        case "100 MB file":
            let handle = try { () throws -> FileHandle in
                FileManager.default.createFile(atPath: url.path, contents: nil)
                return try FileHandle(forWritingTo: url)
            }()
            let chunk = Data(String(repeating: "# padding line for a very large file\n", count: 28_000).utf8)
            for _ in 0..<100 { handle.write(chunk) }
            try handle.close()
        case "nesting 10,000 deep":
            try ("team: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n").write(to: url, atomically: true, encoding: .utf8)
        case "alias bomb":
            var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            for level in 1...12 {
                let name = "l\(level)", previous = level == 1 ? "a" : "l\(level - 1)"
                yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            }
            try yaml.write(to: url, atomically: true, encoding: .utf8)
        case "invalid UTF-8":
            try (Data("team: Caf".utf8) + Data([0xC3, 0x28]) + Data("\n".utf8)).write(to: url)
        case "duplicate keys":
            try "team: A\nteam: B\n".write(to: url, atomically: true, encoding: .utf8)
        default:
            Issue.record("unknown kind")
        }
        let result = try DrillProcess.run(["lint", url.path])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("hostile.yaml"))
        #expect(result.stderr.contains(": error: "))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("Escape sequences, C1 controls, CR and bidi characters are stored verbatim and shown neutralised")
    func hostileText() throws {
        let folder = try runs.workspace()
        let evil = "Evil\u{1B}[31mRed\u{1B}]0;title\u{07}\u{9B}2J\r\u{202E}gnp.exe"
        let team = CLIFixtures.fullyPreparedTeam
            .replacingOccurrences(of: "team: Prepared", with: "team: \"Evil\\e[31mRed\\e]0;title\\a\\u009B2J\\r\\u202Egnp.exe\"")
            .replacingOccurrences(of: "- role: platform-vendor", with: "- role: incident-response-partner")
        try team.write(to: folder.appendingPathComponent("preparedness.yaml"), atomically: true, encoding: .utf8)
        let answerText = "We said \u{1B}[2Jnothing\u{202E}"
        let input = ["1", "1", "yes", "40", answerText, "1,3"].joined(separator: "\n") + "\n"
        let result = try DrillProcess.run(["run", "drill-test"], in: folder, environment: runs.env(folder), input: input)
        #expect(result.status == 0, "\(result.stderr)")
        for output in [result.stdout, try DrillProcess.run(["runs"], in: folder, environment: runs.env(folder)).stdout] {
            #expect(!output.unicodeScalars.contains { [0x1B, 0x07, 0x9B, 0x0D, 0x202E].contains($0.value) })
        }
        let database = folder.appendingPathComponent("db/drill.sqlite").path
        #expect(try DrillProcess.runSQLite(database, "SELECT hex(team) FROM run") == Data(evil.utf8).map { String(format: "%02X", $0) }.joined())
        #expect(try DrillProcess.runSQLite(database, "SELECT hex(text) FROM event WHERE kind = 'answer' AND promptID = 'notice'")
                == Data(answerText.utf8).map { String(format: "%02X", $0) }.joined())
        let audit = try DrillProcess.run(["audit"], in: folder, environment: runs.env(folder))
        #expect(!audit.stdout.unicodeScalars.contains { [0x1B, 0x07, 0x9B, 0x0D, 0x202E].contains($0.value) })
        #expect(audit.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("20") })
    }

    @Test("Rows changed with the sqlite3 CLI are found by verify, which names the first altered step", arguments: [
        "UPDATE event SET answer = 'wipe' WHERE seq = 4",
        "DELETE FROM event WHERE seq = 5",
        "DELETE FROM event WHERE seq = (SELECT max(seq) FROM event)",
        "UPDATE run SET team = 'Someone Else'",
        "UPDATE event SET recordedAt = '2020-01-01 00:00:00.000' WHERE seq = 2",
    ])
    func tampering(sql: String) throws {
        let folder = try runs.workspace()
        let played = try DrillProcess.run(["run", "drill-test"], in: folder, environment: runs.env(folder), input: RunCommandTests.answers.joined(separator: "\n") + "\n")
        #expect(played.status == 0)
        #expect(try DrillProcess.run(["verify"], in: folder, environment: runs.env(folder)).status == 0)
        _ = try DrillProcess.runSQLite(folder.appendingPathComponent("db/drill.sqlite").path, sql)
        let verify = try DrillProcess.run(["verify"], in: folder, environment: runs.env(folder))
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("✗ run "))
    }
}

/// A small seeded generator, so that random fault tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
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
