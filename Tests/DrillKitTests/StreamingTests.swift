import DrillKit
import Foundation
import Testing

/// `ScenarioLibrary.stream`, `Linter.lint(files:)` and the check report in pieces: the same
/// results as loading, linting and reporting everything at once.
@Suite("Streaming a scenario folder")
struct StreamingTests {
    static let shipped = Fixture.packageRoot.appendingPathComponent("scenarios")

    /// Everything `stream` hands back, in order: loaded ids and paths, and diagnostics.
    struct Streamed {
        var loaded: [(id: String, path: String)] = []
        var diagnostics: [Diagnostic] = []
    }

    static func stream(_ folder: URL) throws -> Streamed {
        var streamed = Streamed()
        try ScenarioLibrary.stream(folder: folder, displayPath: "lib", transform: { $0.id }) { entry in
            switch entry {
            case let .scenario(id, path, value):
                #expect(id == value)
                streamed.loaded.append((id, path))
            case let .problems(diagnostics):
                streamed.diagnostics += diagnostics
            }
        }
        return streamed
    }

    /// A folder whose file names do not sort like the ids in them, with a duplicate id
    /// across files and files that do not load.
    static func awkwardFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func copy(_ scenario: String, to name: String) throws {
            try FileManager.default.copyItem(at: shipped.appendingPathComponent(scenario + ".yaml"), to: folder.appendingPathComponent(name))
        }
        try copy("public-export-bucket", to: "0-last-by-id.yaml")
        try copy("silent-backup-failure", to: "a-first.yaml")
        try copy("leaked-webhook-secret", to: "b-second.yml")
        try copy("silent-backup-failure", to: "c-duplicate.yaml")
        try "id: broken\ntitle: [unclosed\n".write(to: folder.appendingPathComponent("d-broken.yaml"), atomically: true, encoding: .utf8)
        try "id: incomplete\ntitle: x\nkind: weird\n".write(to: folder.appendingPathComponent("e-incomplete.yaml"), atomically: true, encoding: .utf8)
        try copy("silent-backup-failure", to: "f-duplicate-again.yaml")
        try "not a scenario".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("Streaming the shipped scenarios loads the same scenarios as loading them all, in file order")
    func shippedScenarios() throws {
        let library = try ScenarioLibrary.load(folder: Self.shipped, displayPath: "lib")
        let streamed = try Self.stream(Self.shipped)
        #expect(streamed.diagnostics.isEmpty)
        #expect(streamed.loaded.map(\.id).sorted() == library.scenarios.map(\.id))
        let files = try ScenarioLibrary.yamlFiles(in: Self.shipped, displayPath: "lib").map(\.1)
        #expect(streamed.loaded.map(\.path) == files)
    }

    @Test("Duplicate ids across files are reported against the first file, as when loading everything")
    func duplicateIDs() throws {
        let folder = try Self.awkwardFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let streamed = try Self.stream(folder)
        let duplicates = streamed.diagnostics.filter { $0.message.contains("already used") }
        #expect(duplicates.map(\.description) == [
            "lib/c-duplicate.yaml:1:1: error: scenario id 'silent-backup-failure' is already used by lib/a-first.yaml",
            "lib/f-duplicate-again.yaml:1:1: error: scenario id 'silent-backup-failure' is already used by lib/a-first.yaml",
        ])
        #expect(streamed.loaded.map(\.id) == ["public-export-bucket", "silent-backup-failure", "leaked-webhook-secret"])
    }

    @Test("Diagnostics come in the same order as when loading everything, every time", arguments: 0..<5)
    func diagnosticsOrder(_ attempt: Int) throws {
        let folder = try Self.awkwardFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = try ScenarioLibrary.load(folder: folder, displayPath: "lib")
        let streamed = try Self.stream(folder)
        #expect(streamed.diagnostics == library.diagnostics)
        #expect(streamed.diagnostics.count > 4)
    }

    @Test("A missing folder fails as loading does")
    func missingFolder() {
        #expect(throws: LoadFailure.self) {
            try ScenarioLibrary.stream(folder: URL(fileURLWithPath: "/nonexistent/scenarios"), transform: { $0.id }) { _ in }
        }
    }

    @Test("Linting many files on every core gives each file's result in the order given")
    func lintOrder() throws {
        let folder = try Self.awkwardFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // More files than the window of results waiting, with cheap and costly ones mixed.
        let once = try ScenarioLibrary.yamlFiles(in: folder, displayPath: "lib") + ScenarioLibrary.yamlFiles(in: Self.shipped, displayPath: "shipped")
        let files = Array(repeating: once, count: 4).flatMap { $0 }.map { (url: $0.0, displayPath: $0.1) }
        var streamed: [Linter.Result] = []
        Linter.lint(files: files) { streamed.append($0) }
        let oneByOne = files.map { Linter.lint(fileAt: $0.url, displayPath: $0.displayPath) }
        #expect(streamed.map(\.path) == files.map(\.displayPath))
        #expect(streamed.map(\.diagnostics) == oneByOne.map(\.diagnostics))
        #expect(streamed.map(\.kind) == oneByOne.map(\.kind))
    }

    @Test("The JSON pieces put together are the report's JSON, byte for byte", arguments: [
        "Lighthouse Apps (example)", "Team \"Quoted\" / Slashed \\ Back", "Équipe ✓ 東京 \u{1F600}",
    ])
    func jsonPieces(_ team: String) throws {
        let library = try ScenarioLibrary.load(folder: Self.shipped)
        var profile = try ExampleTeam.profile()
        profile.team = team
        for scenarios in [library.scenarios, Array(library.scenarios.prefix(1)), []] {
            let report = CheckReport(profile: profile, scenarios: scenarios, asOf: Fixture.asOf)
            let pieces = try CheckReport.JSONPieces(team: team, asOf: Fixture.asOf)
            let assembled = report.scenarios.isEmpty ? pieces.empty
                : try pieces.opening + report.scenarios.map { try CheckReport.JSONPieces.fragment($0) }.joined(separator: pieces.separator) + pieces.closing
            #expect(assembled == (try DrillJSON.string(report)))
        }
    }

    @Test("The tally added up one scenario at a time has the report's counts")
    func tally() throws {
        let library = try ScenarioLibrary.load(folder: Self.shipped)
        let report = CheckReport(profile: try ExampleTeam.profile(), scenarios: library.scenarios, asOf: Fixture.asOf)
        var tally = CheckReport.Tally()
        for result in report.scenarios { tally.add(result) }
        let needs = report.scenarios.flatMap(\.needs), deadlines = report.scenarios.flatMap(\.deadlines)
        #expect(tally == report.tally)
        #expect(tally.scenarios == report.scenarios.count)
        #expect(tally.needsMet + tally.needsPartial + tally.needsUnmet == needs.count)
        #expect(tally.needsUnmet == needs.filter { $0.status == .unmet }.count)
        #expect(tally.deadlines == deadlines.count && tally.deadlinesMissed == deadlines.filter { !$0.met }.count)
        #expect(tally.logsSufficient == report.scenarios.filter { $0.verdicts.logs == .sufficient }.count)
        #expect(tally.hasUnmetNeed == report.hasUnmetNeed)
    }
}

/// Reading YAML without resolving implicit tags.
@Suite("YAML values read from their text")
struct YAMLTextTests {
    static func scenario(platformDown: String) -> String {
        LoaderTests.validScenario.replacingOccurrences(of: "kind: app-compromise\n", with: "kind: app-compromise\nplatformDown: \(platformDown)\n")
    }

    @Test("A plain boolean is read as one", arguments: ["true", "True", "yes", "on"])
    func plainBoolean(_ value: String) throws {
        #expect(try Scenario.load(yaml: Self.scenario(platformDown: value), displayPath: "s.yaml").platformDown)
    }

    @Test("A quoted boolean is text, and refused where a boolean is needed", arguments: ["\"true\"", "'yes'"])
    func quotedBoolean(_ value: String) {
        #expect(throws: LoadFailure.self) { try Scenario.load(yaml: Self.scenario(platformDown: value), displayPath: "s.yaml") }
    }

    @Test("Two keys with the same text are a duplicate, quoted or not")
    func duplicateKeysByText() throws {
        let yaml = Self.scenario(platformDown: "true").replacingOccurrences(of: "platformDown: true\n", with: "platformDown: true\n\"platformDown\": false\n")
        do throws(LoadFailure) {
            _ = try Scenario.load(yaml: yaml, displayPath: "s.yaml")
            Issue.record("a duplicate key was accepted")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("duplicate key 'platformDown'") })
        }
    }
}
