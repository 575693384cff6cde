import Foundation
import Testing

@Suite("drill report of a facilitated drill: the hot wash and the objectives, end to end", .serialized)
struct ReportLessonsCommandTests {
    @Test("A facilitated drill's report names who said what in the hot wash, in Markdown, HTML, JSON and text, and lists its objectives")
    func hotWashInReport() throws {
        let facilitation = FacilitationCommandTests()
        let folder = try facilitation.workspace()
        let input = ["@priya 1", "@Raj 1", ":as Priya", "yes", "40", "We tell them what happened today.", "p needs the dates", "1,3",
                     "@tom Calm comms", "A 24x7 partner", ""].joined(separator: "\n") + "\n"
        let played = try DrillProcess.run(["run", "drill-test", "--facilitator", "Ana", "--participant", "Priya:incident commander",
                                           "--participant", "Tom:communications", "--participant", "Raj:engineering"],
                                          in: folder, environment: facilitation.runs.env(folder), input: input)
        #expect(played.status == 0, "\(played.stderr)")
        let id = try #require(try facilitation.transcript(folder)["id"] as? String)
        func report(_ format: String) throws -> String {
            let result = try DrillProcess.run(["report", id, "--format", format, "-o", "-"], in: folder, environment: facilitation.runs.env(folder))
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }
        let markdown = try report("markdown")
        #expect(markdown.contains("## Lessons learned (hot wash)\n\n### What went well?\n\n- **Tom:** Calm comms"), "\(markdown)")
        #expect(markdown.contains("### What should we improve?\n\n- **Priya:** A 24x7 partner"))
        #expect(markdown.contains("## Improvement plan"))
        #expect(try report("html").contains("<h3>What went well?</h3><ul class=\"plain\"><li><strong>Tom:</strong> Calm comms</li></ul>"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try report("json").utf8)) as? [String: Any])
        let lessons = try #require(json["lessonsLearned"] as? [[String: Any]])
        #expect(lessons.map { $0["questionId"] as? String } == ["went-well", "to-improve"])
        #expect(json["objectiveRatings"] is [[String: Any]])
        #expect(try report("text").contains("Lessons learned (hot wash)"))
    }
}
