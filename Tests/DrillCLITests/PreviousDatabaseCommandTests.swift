import Foundation
import Testing

/// A database the previous drill wrote, with everything that drill recorded: sealed and signed
/// runs, a run played against evidence, a backfilled run, an imported unsigned transcript, a
/// paused run, and an improvement item with an owner, a note and an accepted risk.
///
/// `Tests/Fixtures/v11-database.sql` is a `sqlite3 .dump` of that database (schema
/// `v11-item-history`); `v11-database.KEYS` is the public key of the installation that signed
/// it; `v11-exports/RUN.json` are the transcripts that drill exported from it. Whatever the code
/// becomes, the file opens, verifies, exports the same bytes and takes new writes.
@Suite("A database the previous drill wrote")
struct PreviousDatabaseCommandTests {
    static let fixtures = DrillProcess.packageRoot.appendingPathComponent("Tests/Fixtures")
    static let runs = ["20261126-sl75", "20261130-4b63fnnnbqio", "20261130-jworfe4l6uwo", "20261130-ua2hjydgwsbp"]

    /// A folder holding the database loaded from the dump, and a config folder that trusts its key.
    func workspace() throws -> (folder: URL, env: [String: String]) {
        let folder = try DrillProcess.temporaryFolder()
        let config = folder.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("v11-database.KEYS"), to: config.appendingPathComponent("KEYS"))
        let db = folder.appendingPathComponent("db")
        try FileManager.default.createDirectory(at: db, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = db.appendingPathComponent("drill.sqlite").path
        _ = try DrillProcess.runSQLite(path, ".read " + Self.fixtures.appendingPathComponent("v11-database.sql").path)
        chmod(path, 0o600)
        return (folder, ["DRILL_DB": path, "DRILL_CONFIG_DIR": config.path])
    }

    @Test("It verifies, and exports every run with the same bytes the previous drill exported")
    func verifiesAndExportsTheSameBytes() throws {
        let (folder, env) = try workspace()
        let verified = try DrillProcess.run(["verify"], in: folder, environment: env)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("All intact."), "\(verified.stdout)")
        for run in Self.runs {
            let exported = try DrillProcess.run(["export", run, "--format", "json", "--output", "out"], in: folder, environment: env)
            #expect(exported.status == 0, "\(exported.stderr)")
            let written = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)
            let name = try #require(written.first { $0.hasSuffix("_\(run).json") }, "\(written)")
            let bytes = try Data(contentsOf: folder.appendingPathComponent("out/\(name)"))
            let expected = try Data(contentsOf: Self.fixtures.appendingPathComponent("v11-exports/\(run).json"))
            #expect(bytes == expected, "run \(run) exports differently from the previous drill")
        }
    }

    @Test("Its items keep their owner, note and accepted risk; its paused run resumes, finishes and verifies")
    func carriesOn() throws {
        let (folder, env) = try workspace()
        let first = try DrillProcess.run(["actions", "show", "1"], in: folder, environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Priya") && first.stdout.contains("2027-01-31") && first.stdout.contains("Asked Tom for his cover plan"),
                "\(first.stdout)")
        let second = try DrillProcess.run(["actions", "show", "2"], in: folder, environment: env)
        #expect(second.stdout.contains("Contract ends in March") && second.stdout.contains("2027-03-31"), "\(second.stdout)")

        let answers = String(repeating: "y\n2\n24\nm\n", count: 40)  // every kind of prompt, and a grade for free text
        let resumed = try DrillProcess.run(["resume", "20261130-ua2hjydgwsbp"], in: folder, environment: env, input: answers)
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        let shown = try DrillProcess.run(["show", "20261130-ua2hjydgwsbp", "--format", "json"], in: folder, environment: env)
        let run = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(run["status"] as? String == "finished", "\(shown.stdout.prefix(400))")
        let verified = try DrillProcess.run(["verify"], in: folder, environment: env)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }
}
