import Foundation
import Testing

@Suite("drill lint, init and scenarios, end to end")
struct LintInitCommandTests {
    @Test("The shipped library lints clean")
    func shippedLibraryLintsClean() throws {
        let result = try DrillProcess.run(["lint", "scenarios"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("with problems (0 errors)") || result.stdout.contains("0 with problems"))
    }

    @Test("A broken scenario gets every problem as path:line:column and exit 65")
    func brokenScenario() throws {
        let folder = try DrillProcess.temporaryFolder()
        let broken = CLIFixtures.simpleScenario
            .replacingOccurrences(of: "onset: 30d", with: "onset: a while")
            .replacingOccurrences(of: "needs: [vendor]", with: "needs: [vender]")
            .replacingOccurrences(of: "title: Start", with: "titel: Start")
        try broken.write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let result = try DrillProcess.run(["lint", "broken.yaml"], in: folder)
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("broken.yaml:5:8: error: onset 'a while' is not a duration") })
        #expect(lines.contains { $0.hasPrefix("broken.yaml:16:") && $0.contains("unknown key 'titel'") })
        #expect(lines.contains { $0.contains("missing 'title'") })
    }

    @Test("Linting a missing path exits 66")
    func missingPath() throws {
        let result = try DrillProcess.run(["lint", "/nonexistent/thing.yaml"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no such file or folder"))
    }

    @Test("Lint tells preparedness files from scenarios")
    func lintsPreparedness() throws {
        let folder = try DrillProcess.temporaryFolder()
        try "team: T\nlogs:\n  - source: x\n    retention: forever\n".write(to: folder.appendingPathComponent("team.yaml"), atomically: true, encoding: .utf8)
        let result = try DrillProcess.run(["lint", "team.yaml"], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr.contains("team.yaml:4:16: error: retention 'forever' is not a duration"))
        #expect(result.stderr.contains("team.yaml:3:5: error: a log source is missing 'covers'"))
    }

    @Test("init writes a template that lints clean and refuses to overwrite it")
    func initTemplate() throws {
        let folder = try DrillProcess.temporaryFolder()
        let first = try DrillProcess.run(["init"], in: folder)
        #expect(first.status == 0)
        let written = try String(contentsOf: folder.appendingPathComponent("preparedness.yaml"), encoding: .utf8)
        #expect(written.contains("# "))
        #expect(try DrillProcess.run(["lint", "preparedness.yaml"], in: folder).status == 0)
        let again = try DrillProcess.run(["init"], in: folder)
        #expect(again.status == 64)
        #expect(again.stderr.contains("already exists"))
        #expect(try DrillProcess.run(["init", "--force"], in: folder).status == 0)
        let check = try DrillProcess.run(["check", "--scenarios", DrillProcess.packageRoot.appendingPathComponent("scenarios").path], in: folder)
        #expect(check.status == 0)
        #expect(!check.stderr.contains("embedded example team"))
    }

    @Test("scenarios lists every scenario with its kind and needs")
    func listsScenarios() throws {
        let result = try DrillProcess.run(["scenarios"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ID"))
        #expect(result.stdout.contains("data-exposure"))
        #expect(result.stdout.contains("platform-degradation"))
        #expect(result.stdout.contains("app-compromise"))
    }
}
