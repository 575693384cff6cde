import Foundation
import Testing

@Suite("drill verify, audit and prune, end to end")
struct IntegrityCommandTests {
    let runs = RunCommandTests()

    func played(_ folder: URL) throws {
        let result = try DrillProcess.run(["run", "drill-test"], in: folder, environment: runs.env(folder), input: RunCommandTests.answers.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
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
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
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
        #expect(json["quickCheck"] as? [String] == ["ok"])
        #expect((json["runs"] as? [[String: Any]])?.count == 1)
        let audit = try DrillProcess.run(["audit", "--action", "verify"], in: folder, environment: runs.env(folder))
        #expect(audit.stdout.contains("1 runs intact"))
    }
}
