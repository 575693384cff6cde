import Foundation
import Testing

@Suite("drill run, resume, runs and show, end to end", .serialized)
struct RunCommandTests {
    static let scenario = """
        id: drill-test
        title: A drill for tests
        kind: data-exposure
        summary: A short drill with every prompt kind.
        onset: 40d
        discovered: Saturday 23:40 UTC
        needs:
          - { id: partner, pillar: contacts, role: incident-response-partner }
          - { id: trail, pillar: logs, events: [admin-actions] }
        deadlines:
          - { id: vendor, title: Vendor told, due: 24h, takes: 2h }
        injects:
          - id: one
            at: +0h
            title: First signs
            narrative: Odd exports in the audit log.
            evidence:
              - source: audit log
                excerpt: "2026-11-28T23:12:09Z admin=svc-ci action=export tenant=t-0042"
            prompts:
              - id: first
                kind: single-choice
                question: What now?
                hint: Think evidence.
                options:
                  - { id: contain, text: Contain and preserve, correct: true }
                  - { id: wipe, text: Wipe the server }
              - { id: call, kind: pick-contact, question: Whom do you call?, expected: incident-response-partner }
          - id: two
            at: +2h
            title: More
            narrative: It spreads.
            prompts:
              - { id: notify, kind: yes-no, question: Tell the vendor now?, expected: yes }
              - { id: days, kind: estimate, question: How many days back?, expected: 40, tolerance: 2, unit: days }
          - id: three
            at: +6h
            title: Wrap-up
            narrative: Time to tell customers.
            prompts:
              - { id: notice, kind: free-text, question: What do you tell customers? }
              - { id: steps, kind: multiple-choice, question: Which steps?, options: [{ id: a, text: Rotate keys, correct: true }, { id: b, text: Blame the intern }, { id: c, text: Review logs, correct: true }] }
        """

    static let answers = ["1", "1", "yes", "40", "We found and fixed it.", "1,3"]

    /// A folder with the test scenario, its own database and no preparedness file.
    func workspace() throws -> URL { try DrillWorkspace(scenarios: ["drill-test": Self.scenario]).folder }

    /// The answers to the test scenario's prompts as an answers script.
    static var answersScript: String {
        zip(["first", "call", "notify", "days", "notice", "steps"], answers).map { "\($0): \"\($1)\"" }.joined(separator: "\n")
    }

    func env(_ folder: URL) -> [String: String] { ["DRILL_DB": folder.appendingPathComponent("db/drill.sqlite").path] }

    func transcript(_ folder: URL, _ runID: String) throws -> [String: Any] {
        let shown = try DrillProcess.run(["show", runID, "--format", "json"], in: folder, environment: env(folder))
        #expect(shown.status == 0, "\(shown.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
    }

    func runID(in output: String) throws -> String {
        let range = try #require(output.range(of: #"drill resume (\d{8}-[a-z2-7]{12})"#, options: .regularExpression))
        return String(output[range].dropFirst("drill resume ".count))
    }

    @Test("A drill played through a pipe finishes, with every answer stored and a debrief")
    func pipedDrill() throws {
        let folder = try workspace()
        let input = (["2", "wipe?", "1"] + Self.answers.dropFirst(2)).joined(separator: "\n") + "\n"
        let result = try DrillProcess.run(["run", "drill-test", "--participant", "Priya:commander", "--as-of", "2026-11-26"], in: folder,
                                          environment: env(folder), input: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("── Inject 1 of 3 · T+00:00 · Saturday 23:40 UTC"))
        #expect(result.stdout.contains("choose a number from 1 to 8 (8 = nobody on file fits)"))
        #expect(result.stdout.contains("Debrief"))
        #expect(result.stdout.contains("Overall"))
        #expect(result.stdout.contains("response 40 × ") && result.stdout.contains("deadlines 15 × "), "the debrief explains the score")
        let runs = try DrillProcess.run(["runs", "--format", "json"], in: folder, environment: env(folder))
        let list = try #require(DrillProcess.list(runs.stdout, "runs"))
        #expect(list.count == 1 && list[0]["status"] as? String == "finished")
        // Times in JSON are ISO 8601 in UTC, as the CLI contract says.
        #expect((list[0]["startedAt"] as? String)?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)
        let id = try #require(list[0]["id"] as? String)
        let events = try #require(try transcript(folder, id)["events"] as? [[String: Any]])
        let answers = events.filter { $0["kind"] as? String == "answer" }
        #expect(answers.map { $0["answer"] as? String } == ["wipe", "contact:1", "yes", "40", "We found and fixed it.", "a,c"])
        #expect(answers.allSatisfy { $0["actor"] as? String == "Priya" })
        #expect(events.map { $0["seq"] as? Int } == Array(1...events.count))
    }

    @Test("Without an id the scenario is picked from a list; a piped choice is echoed, a wrong one asked again")
    func pickedDrill() throws {
        let folder = try workspace()
        let input = (["9", "1"] + Self.answers).joined(separator: "\n") + "\n"
        let result = try DrillProcess.run(["run"], in: folder, environment: env(folder), input: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Which scenario?\n  1) "))
        #expect(result.stdout.contains("> 9\n  choose a number from 1 to 1\n> 1\n"))
        #expect(result.stdout.contains("Debrief"))
    }

    @Test("A scripted drill plays without prompting and prints its transcript as JSON")
    func scriptedDrill() throws {
        let folder = try workspace()
        try Self.answersScript.write(to: folder.appendingPathComponent("answers.yaml"), atomically: true, encoding: .utf8)
        let result = try DrillProcess.run(["run", "drill-test", "--answers", "answers.yaml", "--format", "json"], in: folder, environment: env(folder))
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["status"] as? String == "finished")
        let score = try #require(json["score"] as? [String: Any])
        #expect(score["responsePoints"] as? Int == 50)
        #expect((json["scenarioHash"] as? String)?.count == 64)
    }

    @Test("A scripted drill missing an answer pauses, exits 65 and names the file")
    func scriptMissingAnswer() throws {
        let folder = try workspace()
        try "first: contain\n".write(to: folder.appendingPathComponent("answers.yaml"), atomically: true, encoding: .utf8)
        let result = try DrillProcess.run(["run", "drill-test", "--answers", "answers.yaml"], in: folder, environment: env(folder))
        #expect(result.status == 65)
        #expect(result.stderr.contains("answers.yaml: error: no answer for prompt 'call'"))
        let id = try runID(in: result.stderr)
        #expect(try transcript(folder, id)["status"] as? String == "paused")
    }

    @Test("End of input pauses the drill; resume continues at exactly the next prompt")
    func pauseAndResume() throws {
        let folder = try workspace()
        let first = try DrillProcess.run(["run", "drill-test"], in: folder, environment: env(folder), input: "1\n1\n")
        #expect(first.status == 0)
        let id = try runID(in: first.stdout)
        #expect(try transcript(folder, id)["status"] as? String == "paused")
        let second = try DrillProcess.run(["resume", id], in: folder, environment: env(folder),
                                          input: Self.answers.dropFirst(2).joined(separator: "\n") + "\n")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("resumed"))
        #expect(second.stdout.contains("? Tell the vendor now?"))
        let json = try transcript(folder, id)
        #expect(json["status"] as? String == "finished")
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.filter { $0["kind"] as? String == "answer" }.count == 6)
        #expect(events.contains { $0["kind"] as? String == "resumed" })
        let again = try DrillProcess.run(["resume", id], in: folder, environment: env(folder))
        #expect(again.status == 64)
    }

    @Test("A drill killed with SIGKILL after some answers loses none of them and resumes", arguments: [1, 3, 5])
    func killAndResume(after accepted: Int) throws {
        let folder = try workspace()
        let process = try DrillProcess.start(["run", "drill-test"], in: folder, environment: env(folder))
        for answer in Self.answers.prefix(accepted) {
            try process.send(answer + "\n")
        }
        // An answer is shown only after it is committed; wait until the last one is on screen.
        try process.waitForOutput(count: accepted, of: "  → ")
        process.kill()
        let runs = try DrillProcess.run(["runs", "--format", "json"], in: folder, environment: env(folder))
        let list = try #require(DrillProcess.list(runs.stdout, "runs"))
        let id = try #require(list.first?["id"] as? String)
        let stored = try #require(try transcript(folder, id)["events"] as? [[String: Any]])
        #expect(stored.filter { $0["kind"] as? String == "answer" }.count == accepted)
        let resumed = try DrillProcess.run(["resume", id], in: folder, environment: env(folder),
                                           input: Self.answers.dropFirst(accepted).joined(separator: "\n") + "\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let events = try #require(try transcript(folder, id)["events"] as? [[String: Any]])
        #expect(events.filter { $0["kind"] as? String == "answer" }.map { $0["answer"] as? String }
                == ["contain", "contact:1", "yes", "40", "We found and fixed it.", "a,c"])
        #expect(try transcript(folder, id)["status"] as? String == "finished")
        let check = try DrillProcess.runSQLite(folder.appendingPathComponent("db/drill.sqlite").path, "PRAGMA quick_check")
        #expect(check == "ok")
    }

    @Test("A file that is not a drill database is refused, exit 74, and left byte-identical")
    func foreignDatabase() throws {
        let folder = try workspace()
        let path = folder.appendingPathComponent("other.sqlite")
        _ = try DrillProcess.runSQLite(path.path, "CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES ('mine');")
        let before = try Data(contentsOf: path)
        let result = try DrillProcess.run(["runs", "--db", path.path], in: folder)
        #expect(result.status == 74)
        #expect(result.stderr.contains("is not a drill database"))
        #expect(try Data(contentsOf: path) == before)
    }

    @Test("An unknown run id exits 66")
    func unknownRun() throws {
        let folder = try workspace()
        let result = try DrillProcess.run(["show", "nope"], in: folder, environment: env(folder))
        #expect(result.status == 66)
        #expect(result.stderr.contains("No stored run has the id 'nope'"))
    }

    @Test("The database folder is 0700 and the file 0600")
    func restrictedStorage() throws {
        let folder = try workspace()
        // `verify` writes (its own audit entry), so it creates the database; `runs` only reads, and creates nothing.
        _ = try DrillProcess.run(["verify"], in: folder, environment: env(folder))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("db").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let file = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("db/drill.sqlite").path)
        #expect((file[.posixPermissions] as? Int) == 0o600)
    }
}
