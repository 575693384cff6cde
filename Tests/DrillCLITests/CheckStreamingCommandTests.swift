import Foundation
import Testing

/// `drill check` and `drill lint` load one file at a time: what they print must not change.
///
/// The snapshots in `Tests/Snapshots` were recorded from `drill check` before it streamed;
/// re-record them on purpose with `DRILL_RECORD_SNAPSHOTS=1 swift test --filter CheckStreaming`.
@Suite("drill check and lint, one file at a time")
struct CheckStreamingCommandTests {
    let shipped = DrillProcess.packageRoot.appendingPathComponent("scenarios").path

    /// A database path where none exists: a check then touches no improvement items.
    func noDatabase() throws -> String {
        try DrillProcess.temporaryFolder().appendingPathComponent("none.sqlite").path
    }

    /// Compares with a snapshot, printing the first differing line on mismatch.
    func expectSnapshot(_ actual: String, _ name: String) throws {
        let url = DrillProcess.packageRoot.appendingPathComponent("Tests/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["DRILL_RECORD_SNAPSHOTS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard actual != expected else { return }
        let (a, e) = (actual.components(separatedBy: "\n"), expected.components(separatedBy: "\n"))
        let line = Array(zip(a, e)).firstIndex { $0 != $1 } ?? min(a.count, e.count)
        Issue.record("\(name) differs at line \(line + 1):\n  expected: \(line < e.count ? e[line] : "<end>")\n  actual:   \(line < a.count ? a[line] : "<end>")")
    }

    /// The awkward folder of `StreamingTests`: names not in id order, a duplicate id, broken files.
    func awkwardFolder() throws -> URL {
        let folder = try DrillProcess.temporaryFolder().appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func copy(_ scenario: String, to name: String) throws {
            try FileManager.default.copyItem(atPath: shipped + "/" + scenario + ".yaml", toPath: folder.appendingPathComponent(name).path)
        }
        try copy("public-export-bucket", to: "0-last-by-id.yaml")
        try copy("silent-backup-failure", to: "a-first.yaml")
        try copy("leaked-webhook-secret", to: "b-second.yml")
        try copy("silent-backup-failure", to: "c-duplicate.yaml")
        try "id: broken\ntitle: [unclosed\n".write(to: folder.appendingPathComponent("d-broken.yaml"), atomically: true, encoding: .utf8)
        try "id: incomplete\ntitle: x\nkind: weird\n".write(to: folder.appendingPathComponent("e-incomplete.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("Text output over the shipped scenarios is what check printed before it streamed")
    func textSnapshot() throws {
        let result = try DrillProcess.run(["check", "--scenarios", shipped, "--as-of", "2026-11-26", "--db", noDatabase()], in: DrillProcess.temporaryFolder())
        #expect(result.status == 0, "\(result.stderr)")
        try expectSnapshot(result.stdout, "check-shipped-scenarios.txt")
    }

    @Test("JSON output over the shipped scenarios is what check printed before it streamed")
    func jsonSnapshot() throws {
        let result = try DrillProcess.run(["check", "--scenarios", shipped, "--format", "json", "--as-of", "2026-11-26", "--db", noDatabase()],
                                          in: DrillProcess.temporaryFolder())
        #expect(result.status == 0, "\(result.stderr)")
        try expectSnapshot(result.stdout, "check-shipped-scenarios.json")
    }

    @Test("Scenarios are listed by id whatever their files are called; problems follow in file order and exit 65")
    func idOrderAndDiagnostics() throws {
        let folder = try awkwardFolder()
        let result = try DrillProcess.run(["check", "--scenarios", folder.path, "--as-of", "2026-11-26", "--db", noDatabase()], in: DrillProcess.temporaryFolder())
        #expect(result.status == 65)
        let headings = result.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") && $0.contains(" · ") && !$0.contains("records judged") }.map { String($0.split(separator: " ")[0]) }
        #expect(headings == ["leaked-webhook-secret", "public-export-bucket", "silent-backup-failure"])
        #expect(result.stdout.contains(" · 3 scenarios · "))
        #expect(result.stdout.contains("Summary: 3 scenarios;"))
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.first == "\(folder.path)/c-duplicate.yaml:1:1: error: scenario id 'silent-backup-failure' is already used by \(folder.path)/a-first.yaml")
        #expect(errors.dropFirst().first?.hasPrefix("\(folder.path)/d-broken.yaml:3:1: error: invalid YAML") == true)
        #expect(errors.dropFirst(2).allSatisfy { $0.hasPrefix("\(folder.path)/e-incomplete.yaml:") })
        #expect(errors.count == 8)
    }

    @Test("JSON over the awkward folder lists the same scenarios by id")
    func jsonIDOrder() throws {
        let folder = try awkwardFolder()
        let result = try DrillProcess.run(["check", "--scenarios", folder.path, "--format", "json", "--as-of", "2026-11-26", "--db", noDatabase()])
        #expect(result.status == 65)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let ids = try #require(json["scenarios"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids == ["leaked-webhook-secret", "public-export-bucket", "silent-backup-failure"])
    }

    @Test("Named scenarios only; an unknown id exits 66 before printing anything")
    func namedScenarios() throws {
        let named = try DrillProcess.run(["check", "--scenarios", shipped, "silent-backup-failure", "leaked-webhook-secret", "--as-of", "2026-11-26", "--db", noDatabase()])
        #expect(named.status == 0)
        #expect(named.stdout.contains(" · 2 scenarios · "))
        #expect(named.stdout.contains("\nleaked-webhook-secret · ") && named.stdout.contains("\nsilent-backup-failure · "))
        let unknown = try DrillProcess.run(["check", "--scenarios", shipped, "silent-backup-failure", "no-such-scenario", "--db", noDatabase()])
        #expect(unknown.status == 66)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr.contains("no scenario with id 'no-such-scenario'"))
    }

    @Test("An empty folder checks no scenarios, in text and JSON")
    func emptyFolder() throws {
        let folder = try DrillProcess.temporaryFolder()
        let text = try DrillProcess.run(["check", "--scenarios", folder.path, "--as-of", "2026-11-26", "--db", noDatabase()])
        #expect(text.status == 0)
        // The summary wraps to the width; read it as one line.
        #expect(text.stdout.replacingOccurrences(of: "\n  ", with: " ").hasSuffix("· 0 scenarios · records judged on 2026-11-26\n\nSummary: 0 scenarios; contacts sufficient in 0, logs in 0, backups in 0; 0 needs unmet, 0 partial, 0 met; 0 of 0 deadlines missed.\n"))
        let json = try DrillProcess.run(["check", "--scenarios", folder.path, "--format", "json", "--as-of", "2026-11-26", "--db", noDatabase()])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["scenarios"] as? [Any])?.isEmpty == true)
    }

    @Test("A folder where nothing loads still reports, in JSON, and exits 65")
    func nothingLoads() throws {
        let folder = try DrillProcess.temporaryFolder()
        try "id: broken\ntitle: [unclosed\n".write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let result = try DrillProcess.run(["check", "--scenarios", folder.path, "--format", "json", "--strict", "--as-of", "2026-11-26", "--db", noDatabase()])
        #expect(result.status == 65)
        #expect(result.stderr.contains("broken.yaml:3:1: error: invalid YAML"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["scenarios"] as? [Any])?.isEmpty == true)
    }

    @Test("Lint prints every file's problems in file order and counts them")
    func lintOrder() throws {
        let folder = try awkwardFolder()
        let result = try DrillProcess.run(["lint", folder.path])
        #expect(result.status == 65)
        let files = result.stderr.split(separator: "\n").map { $0.split(separator: ":")[0] }
        #expect(files == files.sorted())
        #expect(result.stdout == "6 files checked: 4 valid, 2 with problems (7 errors).\n")
    }
}
