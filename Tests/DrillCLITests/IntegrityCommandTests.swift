import Foundation
import Testing

@Suite("drill verify, audit and prune, end to end")
struct IntegrityCommandTests {
    let runs = RunCommandTests()

    func played(_ folder: URL) throws {
        let result = try DrillProcess.run(["run", "drill-test"], in: folder, environment: runs.env(folder), input: RunCommandTests.answers.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
    }

    /// The umask is per process: set in the test process it would loosen every file other
    /// tests create meanwhile, so only the drill under test gets umask 0, through a shell.
    @Test("A new database gets a 0700 folder and 0600 files even under umask 0")
    func permissionsUnderUmaskZero() throws {
        let folder = try runs.workspace()
        let database = folder.appendingPathComponent("db/nested/drill.sqlite").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask 0; exec \"$0\" \"$@\"", DrillProcess.binary.path, "run", "drill-test", "--db", database]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { $1 }
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // While drill waits for the first answer its database is open, with -wal and -shm beside it.
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: database + "-shm") && Date() < deadline { usleep(20_000) }
        func mode(_ path: String) -> Int {
            var info = stat()
            return stat(path, &info) == 0 ? Int(info.st_mode) & 0o777 : -1
        }
        #expect(mode(folder.appendingPathComponent("db").path) == 0o700)
        #expect(mode(folder.appendingPathComponent("db/nested").path) == 0o700)
        for file in [database, database + "-wal", database + "-shm"] {
            #expect(mode(file) == 0o600, "\(file)")
        }
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test("prune keeps runs younger than 12 months unless forced, and audits what it deletes")
    func prune() throws {
        let folder = try runs.workspace()
        try played(folder)
        try played(folder)
        let database = folder.appendingPathComponent("db/drill.sqlite").path
        _ = try DrillProcess.runSQLite(database, "UPDATE run SET startedAt = '2024-03-01 10:00:00.000' WHERE rowid = (SELECT min(rowid) FROM run)")
        let refused = try DrillProcess.run(["prune", "--before", "2099-01-01"], in: folder, environment: runs.env(folder))
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("younger than 12 months"))
        let pruned = try DrillProcess.run(["prune", "--before", "2025-01-01"], in: folder, environment: runs.env(folder))
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.contains("1 run started before 2025-01-01 deleted"))
        let audit = try DrillProcess.run(["audit", "--action", "run.deleted", "--format", "json"], in: folder, environment: runs.env(folder))
        let list = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        #expect(list["schemaVersion"] as? Int == 1)
        #expect(list["cutShort"] as? Bool == false)
        let entries = try #require(list["entries"] as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["runId"] is String && entries.first?["runID"] == nil)
        #expect((entries.first?["detail"] as? String)?.contains("drill prune --before 2025-01-01") == true)
        let forced = try DrillProcess.run(["prune", "--before", "2099-01-01", "--force"], in: folder, environment: runs.env(folder))
        #expect(forced.status == 0)
        #expect(try DrillProcess.runSQLite(database, "SELECT count(*) FROM run") == "0")
    }

    @Test("verify --format json reports every run, and the check itself is audited")
    func verifyJSON() throws {
        let folder = try runs.workspace()
        try played(folder)
        let result = try DrillProcess.run(["verify", "--format", "json"], in: folder, environment: runs.env(folder))
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["intact"] as? Bool == true)
        #expect(json["schemaVersion"] as? Int == 1)
        let database = try #require(json["database"] as? [String: Any])
        #expect(database["integrityCheck"] as? [String] == ["ok"])
        let checks = try #require(database["runs"] as? [[String: Any]])
        #expect(checks.count == 1)
        #expect(checks.first?["runId"] is String && checks.first?["runID"] == nil)
        let audit = try DrillProcess.run(["audit", "--action", "verify"], in: folder, environment: runs.env(folder))
        #expect(audit.stdout.contains("1 runs and 0 transcripts intact"))
    }

    @Test("An exported transcript verifies against itself and the database; a hand edit is found and named", arguments: [
        "actor", "text", "scenario", "dropped",
    ])
    func transcriptVerification(edit: String) throws {
        let folder = try runs.workspace()
        try played(folder)
        let list = try #require(DrillProcess.list(try DrillProcess.run(["runs", "--format", "json"], in: folder, environment: runs.env(folder)).stdout, "runs"))
        let id = try #require(list.first?["id"] as? String)
        let exported = try DrillProcess.run(["export", id, "--output", "out"], in: folder, environment: runs.env(folder))
        #expect(exported.status == 0, "\(exported.stderr)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).first { $0.hasSuffix(".json") })
        let path = "out/" + file
        let clean = try DrillProcess.run(["verify", path], in: folder, environment: runs.env(folder))
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(clean.stdout.contains("intact and identical to the database"), "\(clean.stdout)")

        let url = folder.appendingPathComponent(path)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var events = try #require(json["events"] as? [[String: Any]])
        switch edit {
        case "actor": events[3]["actor"] = "Mallory"
        case "text": events[0]["text"] = "Nothing to see"
        case "scenario": json["scenarioYAML"] = (json["scenarioYAML"] as? String ?? "") + "\n# edited"
        default: events.removeLast()
        }
        json["events"] = events
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        let result = try DrillProcess.run(["verify", path], in: folder, environment: runs.env(folder))
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("✗ \(path)"))
    }
}
