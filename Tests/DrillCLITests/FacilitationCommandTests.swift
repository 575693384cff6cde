import Foundation
import Testing

@Suite("Facilitated drills and onboarding, end to end", .serialized)
struct FacilitationCommandTests {
    let runs = RunCommandTests()

    /// The test scenario, with the customer notice asked of the communications lead.
    func workspace() throws -> URL {
        let folder = try runs.workspace()
        let yaml = RunCommandTests.scenario.replacingOccurrences(
            of: "- { id: notice, kind: free-text, question: What do you tell customers? }",
            with: "- { id: notice, kind: free-text, question: What do you tell customers?, role: communications, expected: What happened and what to do }")
        try yaml.write(to: folder.appendingPathComponent("scenarios/drill-test.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    func transcript(_ folder: URL) throws -> [String: Any] {
        let list = try #require(DrillProcess.list(try DrillProcess.run(["runs", "--format", "json"], in: folder, environment: runs.env(folder)).stdout, "runs"))
        let id = try #require(list.first?["id"] as? String)
        return try runs.transcript(folder, id)
    }

    @Test("Three named participants: answers attributed by @name, :as and the prompt's role; the facilitator grades; a hot wash is kept")
    func facilitatedDrill() throws {
        let folder = try workspace()
        let input = ["@priya 1", "@Raj 1", ":as Priya", "yes", "40", "We tell them what happened today.", "p needs the dates", "1,3",
                     "@tom Calm comms", "A 24x7 partner", ""].joined(separator: "\n") + "\n"
        let result = try DrillProcess.run(["run", "drill-test", "--facilitator", "Ana", "--participant", "Priya:incident commander",
                                           "--participant", "Tom:communications", "--participant", "Raj:engineering", "--timed"],
                                          in: folder, environment: runs.env(folder), input: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(for the communications: Tom)"))
        #expect(result.stdout.contains("✎ graded partly by Ana (5/10): needs the dates"))
        #expect(result.stdout.contains("Time taken"))
        let json = try transcript(folder)
        let events = try #require(json["events"] as? [[String: Any]])
        let answers = events.filter { $0["kind"] as? String == "answer" }
        #expect(answers.map { $0["actor"] as? String } == ["Priya", "Raj", "Priya", "Priya", "Tom", "Priya"])
        #expect(answers.allSatisfy { $0["seconds"] is NSNumber })
        let grade = try #require(events.first { $0["kind"] as? String == "grade" })
        #expect(grade["actor"] as? String == "Ana" && grade["answer"] as? String == "partly" && grade["points"] as? Int == 5)
        let hotWash = events.filter { $0["kind"] as? String == "hot-wash" }
        #expect(hotWash.map { $0["promptId"] as? String } == ["went-well", "to-improve"])
        #expect(hotWash.first?["actor"] as? String == "Tom")
        let score = try #require(json["score"] as? [String: Any])
        #expect(score["responsePoints"] as? Int == 55 && score["responsePossible"] as? Int == 60)
    }

    @Test("drill grade grades afterwards: the score changes and the grading is audited")
    func gradeAfterwards() throws {
        let folder = try workspace()
        let played = try DrillProcess.run(["run", "drill-test"], in: folder, environment: runs.env(folder), input: RunCommandTests.answers.joined(separator: "\n") + "\n\n\n\n")
        #expect(played.status == 0)
        let before = try #require(try transcript(folder)["score"] as? [String: Any])
        #expect(before["responsePossible"] as? Int == 50)
        let id = try #require(try transcript(folder)["id"] as? String)
        let graded = try DrillProcess.run(["grade", id, "--grader", "Ana"], in: folder, environment: runs.env(folder), input: "m clear and complete\n")
        #expect(graded.status == 0, "\(graded.stderr)")
        #expect(graded.stdout.contains("1 answer graded"))
        let after = try #require(try transcript(folder)["score"] as? [String: Any])
        #expect(after["responsePoints"] as? Int == 60 && after["responsePossible"] as? Int == 60)
        let audit = try DrillProcess.run(["audit", "--action", "run.graded"], in: folder, environment: runs.env(folder))
        #expect(audit.stdout.contains("by Ana: notice: met"))
        #expect(try DrillProcess.run(["verify"], in: folder, environment: runs.env(folder)).status == 0)
    }

    @Test("An onboarding run explains decisions from the team's records, and people and due know it is not a team drill")
    func onboarding() throws {
        let folder = try workspace()
        let learned = try DrillProcess.run(["learn", "drill-test", "--name", "Nina", "--as-of", "2026-11-26"], in: folder, environment: runs.env(folder),
                                           input: RunCommandTests.answers.joined(separator: "\n") + "\n\n\n\n")
        #expect(learned.status == 0, "\(learned.stderr)")
        #expect(learned.stdout.contains("Your records: your incident-response partner is Blue Harbor Security"))
        #expect(learned.stdout.contains("This depends on partner (contacts, partial)"))
        let people = try #require(try JSONSerialization.jsonObject(with: Data(try DrillProcess.run(["people", "--format", "json"], in: folder, environment: runs.env(folder)).stdout.utf8)) as? [String: Any])
        let person = try #require((people["people"] as? [[String: Any]])?.first)
        #expect(person["name"] as? String == "Nina" && person["isNew"] as? Bool == true)
        #expect(person["missingKinds"] as? [String] == ["app-compromise", "platform-degradation"])
        #expect((person["completed"] as? [[String: Any]])?.first?["mode"] as? String == "onboarding")
        let due = try #require(DrillProcess.list(try DrillProcess.run(["due", "--format", "json"], in: folder, environment: runs.env(folder)).stdout, "teams"))
        #expect(due.first?["dueThisQuarter"] as? Bool == true)
        #expect(due.first?["lastDrill"] == nil)
    }
}
