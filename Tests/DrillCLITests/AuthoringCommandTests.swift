import Foundation
import Testing

@Suite("Authoring: drill scenarios graph, drill new scenario, lint warnings")
struct AuthoringCommandTests {
    static let shipped = DrillProcess.packageRoot.appendingPathComponent("scenarios").path

    @Test("scenarios graph draws a shipped scenario as Mermaid and as dot")
    func graphOfShippedScenario() throws {
        let mermaid = try DrillProcess.run(["scenarios", "graph", "leaked-webhook-secret", "--scenarios", Self.shipped])
        #expect(mermaid.status == 0, "\(mermaid.stderr)")
        #expect(mermaid.stdout.hasPrefix("flowchart TD\n"))
        #expect(mermaid.stdout.contains("drill_end((\"end\"))"))
        #expect(mermaid.stdout.contains("-->|\""), "a branch with its label: \(mermaid.stdout)")
        #expect(!mermaid.stdout.contains("unreachable"))
        let dot = try DrillProcess.run(["scenarios", "graph", "leaked-webhook-secret", "--scenarios", Self.shipped, "--format", "dot"])
        #expect(dot.status == 0, "\(dot.stderr)")
        #expect(dot.stdout.hasPrefix("digraph \"leaked-webhook-secret\" {\n"))
        #expect(dot.stdout.hasSuffix("}\n"))
        // The same edges in both.
        #expect(mermaid.stdout.components(separatedBy: " --> ").count + mermaid.stdout.components(separatedBy: " -->|").count
            == dot.stdout.components(separatedBy: " -> ").count + 1)
    }

    @Test("scenarios graph of an unknown id exits 66; a bad format is a usage error")
    func graphOfUnknownScenario() throws {
        let unknown = try DrillProcess.run(["scenarios", "graph", "no-such-thing", "--scenarios", Self.shipped])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("no scenario with id 'no-such-thing'"))
        #expect(try DrillProcess.run(["scenarios", "graph", "leaked-webhook-secret", "--format", "svg"]).status == 64)
    }

    @Test("drill scenarios still lists, as text and as JSON, without naming list")
    func scenariosStillLists() throws {
        let text = try DrillProcess.run(["scenarios", "--scenarios", Self.shipped])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("leaked-webhook-secret"))
        #expect(text.stdout.contains("ID") && text.stdout.contains("KIND"))
        let json = try DrillProcess.run(["scenarios", "--scenarios", Self.shipped, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["scenarios"] as? [Any])?.count ?? 0 >= 17)
        #expect(document["schemaVersion"] as? Int == 1)
        #expect(try DrillProcess.run(["scenarios", "list", "--scenarios", Self.shipped, "--format", "json"]).stdout == json.stdout)
    }

    @Test("new scenario writes a skeleton of each kind that lints clean, checks and graphs", arguments: ["data-exposure", "app-compromise", "platform-degradation"])
    func newScenario(_ kind: String) throws {
        let folder = try DrillProcess.temporaryFolder()
        let written = try DrillProcess.run(["new", "scenario", "fresh-\(kind)", "--kind", kind, "--scenarios", "drafts"], in: folder)
        #expect(written.status == 0, "\(written.stderr)")
        let file = folder.appendingPathComponent("drafts/fresh-\(kind).yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("# yaml-language-server: $schema=../schemas/scenario.schema.json\n"))
        #expect(text.contains("kind: \(kind)"))
        let lint = try DrillProcess.run(["lint", "drafts"], in: folder)
        #expect(lint.status == 0, "\(lint.stderr)")
        #expect(lint.stderr.isEmpty, "no errors and no warnings: \(lint.stderr)")
        let check = try DrillProcess.run(["check", "--scenarios", "drafts"], in: folder)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("fresh-\(kind)"))
        let graph = try DrillProcess.run(["scenarios", "graph", "fresh-\(kind)", "--scenarios", "drafts"], in: folder)
        #expect(graph.status == 0, "\(graph.stderr)")
        #expect(graph.stdout.contains("first-step: wait, costs 6h"))
    }

    @Test("new scenario refuses to overwrite a file, and prints to standard output with --output -")
    func newScenarioNeverOverwrites() throws {
        let folder = try DrillProcess.temporaryFolder()
        #expect(try DrillProcess.run(["new", "scenario", "mine", "--kind", "app-compromise"], in: folder).status == 0)
        let path = folder.appendingPathComponent("scenarios/mine.yaml")
        try "id: mine\n".write(to: path, atomically: true, encoding: .utf8)
        let again = try DrillProcess.run(["new", "scenario", "mine", "--kind", "data-exposure"], in: folder)
        #expect(again.status == 64)
        #expect(again.stderr.contains("scenarios/mine.yaml: error: already exists"))
        #expect(try String(contentsOf: path, encoding: .utf8) == "id: mine\n")
        let printed = try DrillProcess.run(["new", "scenario", "mine", "--kind", "data-exposure", "--output", "-"], in: folder)
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("id: mine\n") && printed.stdout.contains("kind: data-exposure"))
        #expect(try DrillProcess.run(["new", "scenario", "Not_An_Id", "--kind", "data-exposure"], in: folder).status == 64)
        #expect(try DrillProcess.run(["new", "scenario", "ok", "--kind", "outage"], in: folder).status == 64)
    }

    @Test("lint warns about deadlines no decision can move, and the exit code stays 0")
    func lintWarnsAboutFixedDeadlines() throws {
        let folder = try DrillProcess.temporaryFolder()
        try CLIFixtures.simpleScenario.write(to: folder.appendingPathComponent("simple.yaml"), atomically: true, encoding: .utf8)
        let result = try DrillProcess.run(["lint", "simple.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("simple.yaml:11:1: warning: no decision can move the deadlines"), "\(result.stderr)")
        #expect(result.stdout.contains("1 valid, 0 with problems (0 errors, 1 warning)"), "\(result.stdout)")
        let json = try DrillProcess.run(["lint", "--format", "json", "simple.yaml"], in: folder)
        #expect(json.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["severity"] as? String } == ["warning"])
        #expect(document["valid"] as? Int == 1)
        // A cost on a wrong option moves the deadlines: no warning.
        let costly = CLIFixtures.simpleScenario + """

                prompts:
                  - id: first
                    kind: single-choice
                    question: What first?
                    options:
                      - { id: act, text: Act, correct: true }
                      - { id: wait, text: Wait, cost: 6h }
            """
        try costly.write(to: folder.appendingPathComponent("simple.yaml"), atomically: true, encoding: .utf8)
        let clean = try DrillProcess.run(["lint", "simple.yaml"], in: folder)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stderr.isEmpty, "\(clean.stderr)")
    }

    @Test("init writes the schema line first, and the template still lints clean")
    func initNamesTheSchema() throws {
        let folder = try DrillProcess.temporaryFolder()
        #expect(try DrillProcess.run(["init"], in: folder).status == 0)
        let text = try String(contentsOf: folder.appendingPathComponent("preparedness.yaml"), encoding: .utf8)
        #expect(text.hasPrefix("# yaml-language-server: $schema=schemas/preparedness.schema.json\n"))
        #expect(FileManager.default.fileExists(atPath: DrillProcess.packageRoot.appendingPathComponent("schemas/preparedness.schema.json").path))
        #expect(try DrillProcess.run(["lint", "preparedness.yaml"], in: folder).status == 0)
    }
}
