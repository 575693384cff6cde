import Foundation
import Testing

@Suite("The database file: read-only commands, checkpoint on exit, the audit trail's user")
struct StoreFileCommandTests {
    let runs = RunCommandTests()

    @Test("runs, audit and show never create a database, nor a signing key", arguments: [["runs"], ["audit"], ["show", "20261126-abcd"], ["runs", "--format", "json"]])
    func readOnlyCommands(arguments: [String]) throws {
        let folder = try runs.workspace()
        let config = folder.appendingPathComponent("config")
        let result = try DrillProcess.run(arguments, in: folder, environment: runs.env(folder).merging(["DRILL_CONFIG_DIR": config.path]) { $1 })
        #expect(result.status == (arguments.first == "show" ? 66 : 0), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("db").path))
        // Nor a signing key: nothing was signed.
        #expect(!FileManager.default.fileExists(atPath: config.path))
    }

    @Test("After a drill, the database file alone holds the run: the log was checkpointed on exit")
    func checkpointOnExit() throws {
        let folder = try runs.workspace()
        let played = try DrillProcess.run(["run", "drill-test"], in: folder, environment: runs.env(folder), input: RunCommandTests.answers.joined(separator: "\n") + "\n")
        #expect(played.status == 0, "\(played.stderr)")
        let database = folder.appendingPathComponent("db/drill.sqlite").path
        let wal = (try? FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0)
        let copy = folder.appendingPathComponent("copy/drill.sqlite")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(atPath: database, toPath: copy.path)
        let listed = try DrillProcess.run(["runs", "--db", copy.path], in: folder)
        #expect(listed.stdout.contains("drill-test"), "\(listed.stdout)")
        #expect(try DrillProcess.run(["verify", "--db", copy.path], in: folder).status == 0)
    }

    @Test("The audit trail's user is the account's name from the system, not $USER")
    func auditUser() throws {
        let folder = try runs.workspace()
        let env = runs.env(folder).merging(["USER": "mallory", "LOGNAME": "mallory"]) { $1 }
        #expect(try DrillProcess.run(["run", "drill-test"], in: folder, environment: env, input: RunCommandTests.answers.joined(separator: "\n") + "\n").status == 0)
        let audit = try DrillProcess.run(["audit", "--format", "json"], in: folder, environment: env)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        let users = (list["entries"] as? [[String: Any]] ?? []).compactMap { $0["user"] as? String }
        #expect(!users.isEmpty)
        #expect(users.allSatisfy { $0 == Self.accountName() }, "\(users)")
        #expect(!users.contains("mallory"))
    }

    /// The name of the account running the tests, from the system's user database (as drill reads it), else `uid N`.
    static func accountName() -> String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name, name.pointee != 0 else { return "uid \(getuid())" }
        return String(cString: name)
    }
}

@Suite("drill backup")
struct BackupCommandTests {
    let runs = RunCommandTests()

    @Test("backup copies the live database to a new 0600 file that holds every run and verifies; it never overwrites")
    func backup() throws {
        let folder = try runs.workspace()
        #expect(try DrillProcess.run(["run", "drill-test"], in: folder, environment: runs.env(folder), input: RunCommandTests.answers.joined(separator: "\n") + "\n").status == 0)
        let copy = folder.appendingPathComponent("backups/drill-copy.sqlite").path
        let result = try DrillProcess.run(["backup", copy], in: folder, environment: runs.env(folder))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Backed up 1 run"))
        let mode = (try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int) ?? -1
        #expect(mode == 0o600)
        #expect(try DrillProcess.run(["runs", "--db", copy], in: folder).stdout.contains("drill-test"))
        #expect(try DrillProcess.run(["verify", "--db", copy], in: folder).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let again = try DrillProcess.run(["backup", copy], in: folder, environment: runs.env(folder))
        #expect(again.status == 74)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
    }
}
