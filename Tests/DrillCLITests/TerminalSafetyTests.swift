import Foundation
import Testing

/// Text planted in a database, a scenario, a preparedness file or an imported transcript
/// (ESC sequences, C1 controls, carriage returns, bidirectional overrides) reaches standard
/// output and standard error only escaped, from every command that prints it, in text and
/// in JSON; the JSON still holds the same value.
@Suite("Planted control text never reaches the terminal raw", .serialized)
struct TerminalSafetyTests {
    let runs = RunCommandTests()

    /// ESC (a colour and a title change), BEL, a C1 CSI, CR, NEL, and bidi overrides and isolates.
    static let evil = "Evil\u{1B}[31mRed\u{1B}]0;title\u{07}\u{9B}2J\r\u{85}\u{202E}gnp.exe\u{2066}\u{200F}\u{061C}"
    /// The same text in a YAML double-quoted scalar.
    static let evilYAML = #""Evil\e[31mRed\e]0;title\a\x9B2J\r\N\u202Egnp.exe\u2066\u200F\u061C""#
    /// The same text as an SQL expression (the sqlite3 CLI, as someone editing the file would).
    static let evilSQL = "'Evil' || char(27) || '[31mRed' || char(27) || ']0;title' || char(7) || char(155) || '2J' || char(13) || char(133) || char(8238) || 'gnp.exe' || char(8294) || char(8207) || char(1564)"

    /// Whether the text holds anything that could steer a terminal.
    static func steers(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x0A, 0x09: false
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
            default: false
            }
        }
    }

    func expectSafe(_ result: DrillProcess.Output, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!Self.steers(result.stdout), "\(what): standard output: \(result.stdout.debugDescription.prefix(400))", sourceLocation: sourceLocation)
        #expect(!Self.steers(result.stderr), "\(what): standard error: \(result.stderr.debugDescription.prefix(400))", sourceLocation: sourceLocation)
    }

    func drill(_ arguments: [String], in folder: URL, input: String? = nil) throws -> DrillProcess.Output {
        try DrillProcess.run(arguments, in: folder, environment: runs.env(folder), input: input)
    }

    /// The test scenario with the planted text in its title, summary, narrative, evidence, an option and a hint.
    static var evilScenario: String {
        RunCommandTests.scenario
            .replacingOccurrences(of: "title: A drill for tests", with: "title: \(evilYAML)")
            .replacingOccurrences(of: "summary: A short drill with every prompt kind.", with: "summary: \(evilYAML)")
            .replacingOccurrences(of: "narrative: Odd exports in the audit log.", with: "narrative: \(evilYAML)")
            .replacingOccurrences(of: "source: audit log", with: "source: \(evilYAML)")
            .replacingOccurrences(of: "hint: Think evidence.", with: "hint: \(evilYAML)")
            .replacingOccurrences(of: "{ id: wipe, text: Wipe the server }", with: "{ id: wipe, text: \(evilYAML) }")
    }

    /// A team with the planted text in its name and a contact's name.
    static var evilTeam: String {
        CLIFixtures.fullyPreparedTeam
            .replacingOccurrences(of: "team: Prepared", with: "team: \(evilYAML)")
    }

    /// A workspace whose scenario and team carry the planted text, with one drill played.
    func playedWorkspace() throws -> (folder: URL, runID: String) {
        let folder = try runs.workspace()
        try Self.evilScenario.write(to: folder.appendingPathComponent("scenarios/drill-test.yaml"), atomically: true, encoding: .utf8)
        try Self.evilTeam.write(to: folder.appendingPathComponent("preparedness.yaml"), atomically: true, encoding: .utf8)
        let input = ["1", "1", "yes", "40", "We said \u{1B}[2Jnothing\u{202E}\u{9B}", "1,3"].joined(separator: "\n") + "\n"
        let played = try drill(["run", "drill-test", "--participant", "Kim\u{1B}[1m"], in: folder, input: input)
        #expect(played.status == 0, "\(played.stderr)")
        expectSafe(played, "run")
        let listed = try drill(["runs", "--format", "json"], in: folder)
        return (folder, try #require(DrillProcess.list(listed.stdout, "runs")?.first?["id"] as? String))
    }

    @Test("A scenario's and a team's text: check, scenarios, graph, lint, contacts, due, run, show, replay, report, compare, search")
    func scenarioAndTeam() throws {
        let (folder, runID) = try playedWorkspace()
        let commands: [[String]] = [
            ["check"], ["check", "--format", "json"], ["scenarios"], ["scenarios", "--format", "json"],
            ["scenarios", "graph", "drill-test"], ["scenarios", "graph", "drill-test", "--format", "dot"],
            ["lint"], ["lint", "--format", "json"], ["contacts"], ["contacts", "--format", "json"], ["due"], ["due", "--format", "json"],
            ["runs"], ["runs", "--format", "json"], ["show", runID], ["show", runID, "--format", "json"], ["replay", runID],
            ["report", runID], ["report", runID, "--format", "json"], ["report", runID, "--format", "markdown"], ["report", runID, "--format", "html"],
            ["report"], ["report", "--format", "json"], ["compare", runID, runID], ["search", "nothing"], ["search", "nothing", "--format", "json"],
            ["actions", "list"], ["people"], ["audit"], ["audit", "--format", "json"], ["verify"], ["verify", "--format", "json"],
        ]
        for command in commands {
            expectSafe(try drill(command, in: folder), command.joined(separator: " "))
        }
        // The JSON holds the text as it was written: escaped for the terminal, the same value for a parser.
        let json = try drill(["runs", "--format", "json"], in: folder)
        let listed = try #require(DrillProcess.list(json.stdout, "runs")?.first)
        #expect(listed["team"] as? String == Self.evil)
        let check = try #require(try JSONSerialization.jsonObject(with: Data(try drill(["check", "--format", "json"], in: folder).stdout.utf8)) as? [String: Any])
        #expect(check["team"] as? String == Self.evil)
    }

    @Test("A run id and fields planted with the sqlite3 CLI: runs, verify, audit, show, report")
    func plantedInTheDatabase() throws {
        let (folder, runID) = try playedWorkspace()
        let database = folder.appendingPathComponent("db/drill.sqlite").path
        _ = try DrillProcess.runSQLite(database, "UPDATE run SET scenarioID = \(Self.evilSQL), title = \(Self.evilSQL)")
        _ = try DrillProcess.runSQLite(database, "UPDATE audit SET detail = \(Self.evilSQL), action = \(Self.evilSQL) WHERE id = 1")
        for command in [["runs"], ["runs", "--format", "json"], ["show", runID], ["report", runID], ["audit"], ["audit", "--format", "json"],
                        ["verify"], ["verify", "--format", "json"], ["export", runID, "--output", "out"]] {
            expectSafe(try drill(command, in: folder), command.joined(separator: " "))
        }
        _ = try DrillProcess.runSQLite(database, "UPDATE run SET id = \(Self.evilSQL)")
        for command in [["runs"], ["runs", "--format", "json"], ["verify"], ["verify", "--format", "json"], ["audit"], ["show", "Evil"], ["report", "Evil"]] {
            let result = try drill(command, in: folder)
            expectSafe(result, command.joined(separator: " "))
        }
        let runsText = try drill(["runs"], in: folder)
        #expect(runsText.stdout.contains("Evil\\u{1B}[31mRed"), "\(runsText.stdout)")
        let verify = try drill(["verify"], in: folder)
        #expect(verify.status == 1)
        let json = try drill(["runs", "--format", "json"], in: folder)
        #expect(DrillProcess.list(json.stdout, "runs")?.first?["id"] as? String == Self.evil)
    }

    @Test("An imported transcript: import, verify FILE, runs, show, report")
    func importedTranscript() throws {
        let (folder, runID) = try playedWorkspace()
        let exported = try drill(["export", runID, "--output", "shared"], in: folder)
        #expect(exported.status == 0, "\(exported.stderr)")
        expectSafe(exported, "export")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("shared").path).first { $0.hasSuffix(".json") })
        let other = try DrillProcess.temporaryFolder()
        try FileManager.default.copyItem(at: folder.appendingPathComponent("shared"), to: other.appendingPathComponent("shared"))
        for command in [["verify", "shared/\(file)"], ["verify", "shared/\(file)", "--format", "json"], ["import", "shared/\(file)"],
                        ["runs"], ["show", runID], ["show", runID, "--format", "json"], ["report", runID], ["report", "--format", "json"]] {
            expectSafe(try drill(command, in: other), command.joined(separator: " "))
        }
    }

    @Test("An actor, a grader, a note, an owner, an evidence file's name and a scenario id: actions, grade, resume, evidence, check, new, export, due")
    func everyOtherCommand() throws {
        let (folder, runID) = try playedWorkspace()
        // An evidence file whose name and content steer, beside the team.
        let evidence = folder.appendingPathComponent("evidence")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        try "{\"logGroups\": [{\"logGroupName\": \"\(Self.evil.replacingOccurrences(of: "\u{1B}", with: "\\u001b").replacingOccurrences(of: "\u{07}", with: "\\u0007").replacingOccurrences(of: "\r", with: "\\r"))\", \"retentionInDays\": 30}]}"
            .write(to: evidence.appendingPathComponent("Evil\u{1B}[31m\u{202E}.json"), atomically: true, encoding: .utf8)
        try "\u{1B}]0;not json\u{07}".write(to: evidence.appendingPathComponent("Bad\u{9B}2J.json"), atomically: true, encoding: .utf8)
        let items = try drill(["actions", "list", "--format", "json"], in: folder)
        let item = try #require(DrillProcess.list(items.stdout, "items")?.first?["id"] as? Int, "\(items.stdout)")
        let grades = Array(repeating: "m \(Self.evil)", count: 6).joined(separator: "\n") + "\n"
        let commands: [(arguments: [String], input: String?)] = [
            (["actions", "note", "\(item)", Self.evil], nil), (["actions", "set", "\(item)", "--owner", Self.evil], nil),
            (["actions", "accept", "\(item)", "--reason", Self.evil, "--until", "2099-01-01"], nil),
            (["actions", "show", "\(item)"], nil), (["actions", "show", "\(item)", "--format", "json"], nil),
            (["actions", "list", "--all"], nil), (["actions", "list", "--all", "--format", "json"], nil),
            (["grade", runID, "--grader", Self.evil, "--all"], grades), (["show", runID], nil), (["audit"], nil),
            (["resume", runID], nil), (["replay", runID], "\n\n\n\n\n\n\n\n\n\n"),
            (["evidence"], nil), (["evidence", "--format", "json"], nil), (["check", "--evidence", "evidence"], nil),
            (["check", "--evidence", "evidence", "--format", "json"], nil), (["check", "--require-evidence"], nil),
            (["new", "scenario", "Evil\u{1B}[31m\u{202E}", "--output", "-"], nil), (["check", "Evil\u{1B}[31m"], nil),
            (["export", runID, "--format", "markdown", "--output", "-"], nil), (["export", runID, "--output", "-"], nil),
            (["report", "--team", Self.evil], nil),
            (["people", "--format", "json"], nil), (["runs", "--for-team", Self.evil], nil),
            (["show", "\u{1B}[2J"], nil), (["compare", runID, "\u{9B}2J"], nil),
        ]
        for (arguments, input) in commands {
            let result = try drill(arguments, in: folder, input: input)
            expectSafe(result, arguments.joined(separator: " ").debugDescription)
            // Safe by failing is not safe: no command stops on a trap (a debug build checks `TerminalText(verbatim:)`).
            #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Assertion failed"), "\(arguments): \(result.stderr.prefix(400))")
        }
        // CSV's CR LF line ends are the format's, written as they are.
        let csv = try drill(["actions", "list", "--all", "--format", "csv"], in: folder)
        #expect(csv.status == 0 && csv.stdout.contains("\r\n"), "\(csv.stderr)")
        #expect(!Self.steers(csv.stdout.replacingOccurrences(of: "\r\n", with: "\n")), "\(csv.stdout.debugDescription)")
        #expect(csv.stdout.contains("Evil\\u{1B}[31mRed"), "\(csv.stdout.debugDescription)")
        // The note, the owner and the grader are stored as written and shown escaped.
        let shown = try drill(["actions", "show", "\(item)"], in: folder)
        #expect(shown.stdout.contains("Evil\\u{1B}[31mRed"), "\(shown.stdout)")
        let listed = try drill(["evidence"], in: folder)
        #expect((listed.stdout + listed.stderr).contains("\\u{9B}2J"), "\(listed.stdout)\(listed.stderr)")
    }

}
