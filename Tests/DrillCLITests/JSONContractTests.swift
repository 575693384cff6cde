import Foundation
import Testing

/// Every `--format json` against the CLI contract (docs/cli-contract.md): one object with a
/// `schemaVersion`, lowerCamelCase keys, ids never spelled `…ID`, times ISO 8601 with an offset.
@Suite("The JSON contract", .serialized)
struct JSONContractTests {
    /// Commands with `--format json` that the contract does not cover yet (none today).
    static let knownExceptions: Set<String> = []

    /// Commands with their JSON, each run against the shipped scenarios and transcripts.
    static let commands: [(name: String, arguments: [String])] = [
        ("check", ["check", "--format", "json", "--as-of", "2026-11-26"]),
        ("check (none)", ["check", "--format", "json", "--scenarios", "empty"]),
        ("check (evidence)", ["check", "--format", "json", "--as-of", "2026-11-30", "--evidence", DrillProcess.packageRoot.appendingPathComponent("examples/evidence").path]),
        ("evidence", ["evidence", "--format", "json", "--as-of", "2026-11-30", "--evidence", DrillProcess.packageRoot.appendingPathComponent("examples/evidence").path]),
        ("scenarios", ["scenarios", "--format", "json"]),
        ("lint", ["lint", "--format", "json"]),
        ("lint (problems)", ["lint", "--format", "json", "broken.yaml", "missing.yaml"]),
        ("runs", ["runs", "--format", "json"]),
        ("runs (cut short)", ["runs", "--format", "json", "--limit", "1"]),
        ("show", ["show", "20261126-sl75", "--format", "json"]),
        ("report", ["report", "20261126-sl75", "--format", "json", "--as-of", "2026-12-01"]),
        ("report --team", ["report", "--team", "Lighthouse Apps (example)", "--format", "json", "--as-of", "2026-12-01"]),
        ("compare", ["compare", "20261126-sl75", "20261126-a3r5", "--format", "json"]),
        ("search", ["search", "backup", "--format", "json", "--limit", "1"]),
        ("actions", ["actions", "--all", "--format", "json"]),
        ("actions show", ["actions", "show", "1", "--format", "json"]),
        ("people", ["people", "--format", "json"]),
        ("due", ["due", "--format", "json", "--as-of", "2026-12-01"]),
        ("contacts", ["contacts", "--format", "json", "--as-of", "2026-11-26"]),
        ("verify", ["verify", "--format", "json"]),
        ("audit", ["audit", "--format", "json"]),
    ]

    /// A folder with the shipped scenarios and transcripts imported into its own database.
    static func workspace() throws -> (folder: URL, environment: [String: String]) {
        let folder = try DrillProcess.temporaryFolder()
        let root = DrillProcess.packageRoot
        try FileManager.default.copyItem(at: root.appendingPathComponent("scenarios"), to: folder.appendingPathComponent("scenarios"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try "id: broken\ntitle: [unclosed\n".write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let environment = ["DRILL_DB": folder.appendingPathComponent("db/drill.sqlite").path]
        let imported = try DrillProcess.run(["import", root.appendingPathComponent("transcripts").path], in: folder, environment: environment)
        #expect(imported.status == 0, "\(imported.stderr)")
        return (folder, environment)
    }

    /// What is wrong with a document by the contract's rules; empty when nothing is.
    static func violations(_ json: String) -> [String] {
        guard let document = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return ["not JSON: \(json.prefix(200))"] }
        guard let object = document as? [String: Any] else { return ["the top level is not an object"] }
        var problems: [String] = []
        if object["schemaVersion"] as? Int != 1 { problems.append("no schemaVersion 1 at the top level") }
        func walk(_ value: Any, path: String) {
            if let object = value as? [String: Any] {
                for (key, member) in object {
                    if key.range(of: #"^[a-z][A-Za-z0-9]*$"#, options: .regularExpression) == nil { problems.append("\(path).\(key): not lowerCamelCase") }
                    if key.hasSuffix("ID") { problems.append("\(path).\(key): ids are spelled …Id") }
                    if (key.hasSuffix("At") || key == "generatedAt"), let text = member as? String, !isTime(text) {
                        problems.append("\(path).\(key): '\(text)' is not an ISO 8601 time with an offset")
                    }
                    walk(member, path: path + "." + key)
                }
            } else if let array = value as? [Any] {
                for (index, element) in array.enumerated() { walk(element, path: "\(path)[\(index)]") }
            } else if let text = value as? String, text.range(of: #"^\d{4}-\d\d-\d\dT\d"#, options: .regularExpression) != nil, !isTime(text) {
                problems.append("\(path): '\(text)' looks like a time but has no offset or does not parse")
            }
        }
        walk(object, path: "$")
        return problems
    }

    /// ISO 8601 with seconds and an offset (`Z` or `±hh:mm`), which Foundation parses.
    static func isTime(_ text: String) -> Bool {
        guard text.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$"#, options: .regularExpression) != nil else { return false }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if formatter.date(from: text) != nil { return true }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) != nil
    }

    @Test("The contract's own checks catch what they are for")
    func rulesBite() {
        #expect(Self.violations(#"[{"schemaVersion": 1}]"#) == ["the top level is not an object"])
        #expect(Self.violations(#"{"runs": []}"#) == ["no schemaVersion 1 at the top level"])
        #expect(Self.violations(#"{"schemaVersion": 1, "x": [{"runID": "a"}]}"#) == ["$.x[0].runID: ids are spelled …Id"])
        #expect(Self.violations(#"{"schemaVersion": 1, "run_id": "a"}"#) == ["$.run_id: not lowerCamelCase"])
        #expect(Self.violations(#"{"schemaVersion": 1, "startedAt": "2026-11-26 17:36"}"#).count == 1)
        #expect(Self.violations(#"{"schemaVersion": 1, "when": "2026-11-26T17:36:04"}"#).count == 1)
        #expect(Self.violations(#"{"schemaVersion": 1, "startedAt": "2026-11-26T17:36:04.506Z", "asOf": "2026-11-26"}"#).isEmpty)
    }

    @Test("Every command's JSON is one object by the contract")
    func everyCommand() throws {
        let (folder, environment) = try Self.workspace()
        for (name, arguments) in Self.commands {
            let result = try DrillProcess.run(arguments, in: folder, environment: environment)
            #expect([0, 65, 66].contains(result.status), "\(name): exit \(result.status): \(result.stderr)")
            #expect(result.stdout.hasSuffix("}\n"), "\(name): \(result.stdout.suffix(200))")
            #expect(Self.violations(result.stdout) == [], "\(name)")
        }
    }

    @Test("A scripted run and a resumed one print their transcript by the contract, and it imports")
    func runAndResume() throws {
        let folder = try RunCommandTests().workspace()
        let environment = RunCommandTests().env(folder)
        let script = zip(["first", "call", "notify", "days", "notice", "steps"], RunCommandTests.answers).map { "\($0): \"\($1)\"" }.joined(separator: "\n")
        try script.write(to: folder.appendingPathComponent("answers.yaml"), atomically: true, encoding: .utf8)
        let played = try DrillProcess.run(["run", "drill-test", "--answers", "answers.yaml", "--format", "json"], in: folder, environment: environment)
        #expect(played.status == 0, "\(played.stderr)")
        #expect(Self.violations(played.stdout) == [])
        let paused = try DrillProcess.run(["run", "drill-test"], in: folder, environment: environment, input: "1\n")
        let id = try RunCommandTests().runID(in: paused.stdout)
        let resumed = try DrillProcess.run(["resume", id, "--answers", "answers.yaml", "--format", "json"], in: folder, environment: environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(Self.violations(resumed.stdout) == [])
        // The transcript with its schemaVersion still imports (into another database).
        let saved = folder.appendingPathComponent("resumed.json")
        try resumed.stdout.write(to: saved, atomically: true, encoding: .utf8)
        let imported = try DrillProcess.run(["import", saved.path], in: folder, environment: ["DRILL_DB": folder.appendingPathComponent("other.sqlite").path])
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    @Test("Lists say when they were cut short, in JSON and on standard error")
    func truncation() throws {
        let (folder, environment) = try Self.workspace()
        let cut = try DrillProcess.run(["runs", "--format", "json", "--limit", "1"], in: folder, environment: environment)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(cut.stdout.utf8)) as? [String: Any])
        #expect(document["truncated"] as? Bool == true)
        #expect((document["runs"] as? [Any])?.count == 1)
        let whole = try DrillProcess.run(["runs", "--format", "json"], in: folder, environment: environment)
        #expect((try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])?["truncated"] as? Bool == false)
        let text = try DrillProcess.run(["runs", "--limit", "1"], in: folder, environment: environment)
        #expect(text.stderr.contains("Showing the newest 1 runs"), "\(text.stderr)")
        #expect(!text.stdout.contains("Showing"))
        #expect(try DrillProcess.run(["runs", "--limit", "0"], in: folder, environment: environment).status == 64)
        let untouched = try DrillProcess.run(["runs"], in: folder, environment: environment)
        #expect(untouched.stderr.isEmpty, "\(untouched.stderr)")
    }

    @Test("Lint's JSON has every problem with path, line, column, severity and message")
    func lintDiagnostics() throws {
        let (folder, environment) = try Self.workspace()
        let result = try DrillProcess.run(["lint", "--format", "json", "broken.yaml", "missing.yaml"], in: folder, environment: environment)
        #expect(result.status == 66)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { Set($0.keys) == ["path", "line", "column", "severity", "message"] })
        #expect(diagnostics.first?["path"] as? String == "broken.yaml" && diagnostics.first?["line"] as? Int != nil)
        #expect(diagnostics.last?["path"] as? String == "missing.yaml" && diagnostics.last?["line"] is NSNull)
        #expect(result.stderr.isEmpty)
    }

    @Test("Every command with --format json is covered, and named in docs/cli-contract.md")
    func contractDocumentNamesEveryCommand() throws {
        let contract = try String(contentsOf: DrillProcess.packageRoot.appendingPathComponent("docs/cli-contract.md"), encoding: .utf8)
        let help = try DrillProcess.run(["--help"])
        let names = help.stdout.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard line.hasPrefix("  ") && !line.hasPrefix("   "), let first = words.first, first.first?.isLetter == true else { return nil }
            return String(first)
        }
        #expect(names.contains("run") && names.contains("check"), "\(help.stdout)")
        let covered = Set(Self.commands.map { String($0.name.split(separator: " ")[0]) } + ["run", "resume"])
        for name in names where name != "help" {
            let options = try DrillProcess.run([name, "--help"]).stdout
            // `export --format json` chooses which transcript files to write; it prints no document.
            guard options.contains("--format") && options.contains("json"), name != "export" else { continue }
            #expect(covered.contains(name) || Self.knownExceptions.contains(name), "\(name) has JSON the contract test does not run")
            #expect(contract.contains("`\(name)"), "docs/cli-contract.md does not name \(name)")
        }
    }
}
