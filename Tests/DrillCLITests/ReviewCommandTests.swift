import Foundation
import Testing

/// A folder with a scenario, a team with known gaps, and its own database.
private struct ReviewWorkspace {
    let workspace: DrillWorkspace

    static let scenario = """
        id: review-cli
        title: A drill for review commands
        kind: data-exposure
        summary: Odd exports in the audit log.
        objectives: [Reach the partner within the hour.]
        onset: 40d
        discovered: Saturday 23:40 UTC
        needs:
          - { id: partner, pillar: contacts, role: incident-response-partner, within: 2h }
          - { id: trail, pillar: logs, events: [admin-actions] }
        deadlines:
          - { id: vendor, title: Vendor told, due: 24h, takes: 2h, needs: [partner] }
        injects:
          - id: one
            at: +0h
            title: First signs
            narrative: Odd exports in the audit log.
            prompts:
              - id: first
                kind: single-choice
                question: What now?
                options:
                  - { id: contain, text: Contain and preserve the evidence, correct: true }
                  - { id: wipe, text: Wipe the server }
              - { id: notify, kind: yes-no, question: Tell the vendor now?, expected: yes }
        """

    static func team(gaps: Bool) -> String {
        """
        team: CLI Team
        contacts:
        \(gaps ? "" : """
          - role: incident-response-partner
            name: Blue Harbor Security
            channels: [{ phone: "+44 20 7946 0321" }]
            availability: 24x7
            confirmed: 2026-10-01
            storedOffPlatform: true
        """)
          - role: platform-vendor
            name: Vendor desk
            channels: [{ email: sec@vendor.example }]
            availability: 24x7
            confirmed: 2026-10-01
            storedOffPlatform: true
        logs:
          - source: audit
            covers: [admin-actions]
            timestamps: with-zone
            retention: \(gaps ? "30d" : "400d")
            storage: log bucket
            restricted: true
            accessRecorded: true
            review: automated
        backups: []

        """
    }

    init() throws {
        workspace = try DrillWorkspace(scenarios: ["review-cli": Self.scenario],
                                       files: ["preparedness.yaml": Self.team(gaps: true),
                                               "answers.yaml": "first: contain\nnotify: \"yes\"\n",
                                               "wrong.yaml": "first: wipe\nnotify: \"no\"\n"])
    }

    var folder: URL { workspace.folder }

    func drill(_ arguments: [String], database: String? = nil, input: String? = nil) throws -> DrillProcess.Output {
        try workspace.drill(arguments, database: database, input: input)
    }

    /// Plays a scripted drill and returns its run id.
    func play(answers: String = "answers.yaml", team: String? = nil) throws -> String {
        try workspace.play(["review-cli", "--answers", answers, "--participant", "Priya:commander", "--as-of", "2026-11-26"]
            + (team.map { ["--team", $0] } ?? []))
    }

    func read(_ path: String) throws -> String { try workspace.read(path) }

    func files(in path: String) throws -> [String] { try workspace.files(in: path) }
}

@Suite("drill export, import, replay, report, compare, search and actions, end to end", .serialized)
struct ReviewCommandTests {
    @Test("export writes Markdown and JSON named by date; importing into an empty database and exporting again gives the same JSON")
    func exportImportRoundTrip() throws {
        let workspace = try ReviewWorkspace()
        let runID = try workspace.play()
        let exported = try workspace.drill(["export", runID])
        #expect(exported.status == 0, "\(exported.stderr)")
        let names = try workspace.files(in: "transcripts")
        #expect(names.count == 2)
        let stem = try #require(names.first?.dropLast(5))
        #expect(stem.range(of: #"^\d{4}-\d{2}-\d{2}T\d{4}Z_cli-team_review-cli_"# + runID + "$", options: .regularExpression) != nil, "\(names)")
        #expect(names == [stem + ".json", stem + ".md"])

        let other = workspace.folder.appendingPathComponent("other/drill.sqlite").path
        let imported = try workspace.drill(["import", "transcripts"], database: other)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported \(runID)"))
        let again = try workspace.drill(["export", runID, "--output", "again"], database: other)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try workspace.read("again/\(stem).json") == (try workspace.read("transcripts/\(stem).json")))
        #expect(try workspace.read("again/\(stem).md") == (try workspace.read("transcripts/\(stem).md")))

        let twice = try workspace.drill(["import", "transcripts/\(stem).json"], database: other)
        #expect(twice.status == 0)
        #expect(twice.stdout.contains("already stored \(runID)"))
        let runs = try workspace.drill(["runs", "--format", "json"], database: other)
        #expect(DrillProcess.list(runs.stdout, "runs")?.count == 1)
    }

    @Test("export --all with filters exports the matching runs; export without a selection is a usage error")
    func exportSelection() throws {
        let workspace = try ReviewWorkspace()
        _ = try workspace.play()
        _ = try workspace.play(answers: "wrong.yaml")
        let all = try workspace.drill(["export", "--all", "--format", "json", "--for-team", "CLI Team"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try workspace.files(in: "transcripts").filter { $0.hasSuffix(".json") }.count == 2)
        #expect(try workspace.files(in: "transcripts").filter { $0.hasSuffix(".md") }.isEmpty)
        #expect(try workspace.drill(["export"]).status == 64)
        #expect(try workspace.drill(["export", "nope"]).status == 66)
    }

    @Test("A malformed or hand-edited transcript is refused with path:line:column and exit 65; a missing one with 66; never a crash")
    func importRefusesBadTranscripts() throws {
        let workspace = try ReviewWorkspace()
        let runID = try workspace.play()
        _ = try workspace.drill(["export", runID, "--format", "json", "--output", "."])
        let name = try #require(try workspace.files(in: ".").first { $0.hasSuffix(".json") })
        let good = try workspace.read(name)
        let edited = good.replacingOccurrences(of: "\"text\" : \"Contain and preserve the evidence\"", with: "\"text\" : \"Wipe the server\"")
        #expect(edited != good)
        try edited.write(to: workspace.folder.appendingPathComponent("edited.json"), atomically: true, encoding: .utf8)
        try "{ \"formatVersion\" : 1, ".write(to: workspace.folder.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let other = workspace.folder.appendingPathComponent("other/drill.sqlite").path

        let result = try workspace.drill(["import", "edited.json", "broken.json", name], database: other)
        #expect(result.status == 65)
        #expect(result.stderr.range(of: #"edited\.json:\d+:\d+: error: events\[\d+\]\.hash: the hash chain breaks"#, options: .regularExpression) != nil, "\(result.stderr)")
        #expect(result.stderr.range(of: #"broken\.json:1:\d+: error: not valid JSON"#, options: .regularExpression) != nil, "\(result.stderr)")
        #expect(result.stdout.contains("imported \(runID)"), "the good file is still imported")
        #expect(!result.stderr.contains("Fatal error"))

        let missing = try workspace.drill(["import", "no-such.json"], database: other)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no-such.json: error: no such file"))
    }

    @Test("report shows the after-action report in text, Markdown, JSON and a self-contained HTML page")
    func reportFormats() throws {
        let workspace = try ReviewWorkspace()
        let runID = try workspace.play()
        let text = try workspace.drill(["report", runID])
        #expect(text.status == 0, "\(text.stderr)")
        for expected in ["After-action report: A drill for review commands", "Areas for improvement", "✗ unmet   partner", "Improvement plan", "#1", "contacts: add one with role incident-response-partner"] {
            #expect(text.stdout.contains(expected), "missing \(expected)")
        }
        let markdown = try workspace.drill(["report", runID, "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# After-action report: A drill for review commands"))
        let json = try workspace.drill(["report", runID, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["areasForImprovement"] as? [[String: Any]])?.map { $0["needId"] as? String } == ["partner", "trail"])
        #expect(((object["exercise"] as? [String: Any])?["startedAt"] as? String)?.hasSuffix("Z") == true)
        let html = try workspace.drill(["report", runID, "--format", "html", "--output", "report.html"])
        #expect(html.status == 0)
        #expect(html.stdout.isEmpty)
        let page = try workspace.read("report.html")
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<svg") && !page.contains("http:") && !page.contains("https:"))
        #expect(try workspace.drill(["report", "20990101-zzzz"]).status == 66)
    }

    @Test("report --team shows trends by quarter; compare shows what changed; both as JSON")
    func trendsAndCompare() throws {
        let workspace = try ReviewWorkspace()
        let first = try workspace.play(answers: "wrong.yaml")
        try ReviewWorkspace.team(gaps: false).write(to: workspace.folder.appendingPathComponent("fixed.yaml"), atomically: true, encoding: .utf8)
        let second = try workspace.play(team: "fixed.yaml")

        let trend = try workspace.drill(["report", "--team", "CLI Team", "--format", "json"])
        #expect(trend.status == 0, "\(trend.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(trend.stdout.utf8)) as? [String: Any])
        #expect((object["drills"] as? [Any])?.count == 2)
        #expect((object["quarters"] as? [[String: Any]])?.last?["drills"] as? Int == 2)
        #expect((object["closedItems"] as? [[String: Any]])?.allSatisfy { $0["closedByRunId"] as? String == second } == true)
        let byFile = try workspace.drill(["report", "--team", "preparedness.yaml"])
        #expect(byFile.status == 0 && byFile.stdout.contains("Drill trends: CLI Team"))
        #expect(try workspace.drill(["report", "--team", "Nobody"]).status == 66)

        let compare = try workspace.drill(["compare", second, first, "--format", "json"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let comparison = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [String: Any])
        #expect((comparison["before"] as? [String: Any])?["runId"] as? String == first)
        #expect((comparison["needs"] as? [[String: Any]])?.filter { $0["movement"] as? String == "improved" }.count == 2)
        #expect((comparison["answers"] as? [Any])?.count == 2)
        let text = try workspace.drill(["compare", first, second])
        #expect(text.stdout.contains("improved"))
        #expect(try workspace.drill(["compare", first]).status == 64)
    }

    @Test("search finds a step by its words and names the run and step")
    func search() throws {
        let workspace = try ReviewWorkspace()
        let runID = try workspace.play()
        let result = try workspace.drill(["search", "preserving", "evidence"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(runID) && result.stdout.contains("answer") && result.stdout.contains("[evidence]"))
        let none = try workspace.drill(["search", "zeppelin"])
        #expect(none.stdout.contains("No stored step mentions zeppelin"))
    }

    @Test("actions set records an owner and due date; check closes items once the need is met, and never creates a database")
    func actionsAndCheck() throws {
        let workspace = try ReviewWorkspace()
        _ = try workspace.play()
        let set = try workspace.drill(["actions", "set", "#1", "--owner", "Priya", "--due", "2027-01-15"])
        #expect(set.status == 0, "\(set.stderr)")
        let listed = try workspace.drill(["actions", "--format", "json"])
        let items = try #require(DrillProcess.list(listed.stdout, "items"))
        #expect(items.first?["owner"] as? String == "Priya" && items.first?["dueDate"] as? String == "2027-01-15")
        #expect(try workspace.drill(["actions", "set", "99", "--owner", "x"]).status == 66)
        #expect(try workspace.drill(["actions", "set", "1"]).status == 64)

        try ReviewWorkspace.team(gaps: false).write(to: workspace.folder.appendingPathComponent("preparedness.yaml"), atomically: true, encoding: .utf8)
        let check = try workspace.drill(["check", "--as-of", "2026-11-26"])
        #expect(check.status == 0)
        #expect(check.stderr.contains("Closed improvement item #1 (contacts[incident-response-partner])"))
        #expect(check.stderr.contains("Closed improvement item #2 (logs[audit])"))
        let open = try workspace.drill(["actions"])
        #expect(open.stdout.contains("No open improvement items"))

        let fresh = workspace.folder.appendingPathComponent("never/drill.sqlite").path
        let noDatabase = try workspace.drill(["check", "--as-of", "2026-11-26"], database: fresh)
        #expect(noDatabase.status == 0)
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test("replay shows one step per Enter and stops at q")
    func replay() throws {
        let workspace = try ReviewWorkspace()
        let runID = try workspace.play()
        let stopped = try workspace.drill(["replay", runID], input: "\nq\n")
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout.contains("· step 1 of"))
        #expect(stopped.stdout.contains("· step 2 of"))
        #expect(!stopped.stdout.contains("· step 3 of"))
        #expect(!stopped.stdout.contains("Debrief"))
        let whole = try workspace.drill(["replay", runID], input: String(repeating: "\n", count: 20))
        #expect(whole.stdout.contains("Debrief"))
        #expect(whole.stdout.contains("T+00:00"))
    }
}
