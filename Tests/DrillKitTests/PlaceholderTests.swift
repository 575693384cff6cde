import DrillKit
import Foundation
import Testing

/// A consequence speaks of the team's own records: placeholders filled from the finding.
@Suite("Consequences filled from the team's records")
struct PlaceholderTests {
    static func scenario(_ narrative: String) -> String {
        """
        id: placeholders
        title: Placeholders
        kind: data-exposure
        summary: The story draws on the records.
        onset: 94d
        discovered: Tuesday 10:00 UTC
        needs:
          - { id: trail, pillar: logs, events: [admin-actions] }
        injects:
          - id: start
            at: +0h
            title: Start
            narrative: It begins.
            consequences:
              - need: trail
                when: [met, partial, unmet]
                narrative: "\(narrative)"
        """
    }

    @Test("Placeholders are filled from the finding, so the story names the team's own source and loss")
    func filled() throws {
        let scenario = try Scenario.load(yaml: Self.scenario("Investigators open {used}; history lost: {lost}; time lost: {delay}."), displayPath: "s.yaml")
        let profile = Fixture.profile(logs: [Fixture.log("app-audit-log", retention: .days(30))])
        let session = DrillSession(scenario: scenario, profile: profile, asOf: Fixture.asOf)
        let consequence = try #require(session.events.first { $0.kind == .consequence })
        #expect(consequence.text == "Investigators open app-audit-log; history lost: 71 days; time lost: 24 h.")
        let strong = DrillSession(scenario: scenario, profile: Fixture.profile(logs: [Fixture.log("cloud-trail", retention: .days(400))]), asOf: Fixture.asOf)
        #expect(strong.events.first { $0.kind == .consequence }?.text == "Investigators open cloud-trail; history lost: nothing; time lost: nothing.")
    }

    @Test("Lint names a placeholder that names nothing; other braces are text")
    func lint() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("placeholders-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.yaml")
        try Self.scenario("The log keeps {retention}.").write(to: bad, atomically: true, encoding: .utf8)
        let result = Linter.lint(fileAt: bad, displayPath: "bad.yaml")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.contains("placeholder {retention} names nothing") == true)
        #expect(result.diagnostics.first?.line == 17)
        // It still loads: a stored scenario that used braces before placeholders existed keeps working.
        _ = try Scenario.load(yaml: Self.scenario("The log keeps {retention}."), displayPath: "s.yaml")
        let json = folder.appendingPathComponent("json.yaml")
        try Self.scenario(#"The webhook body was {\"tenant\": 42} and {used} has it."#).write(to: json, atomically: true, encoding: .utf8)
        #expect(Linter.lint(fileAt: json, displayPath: "json.yaml").diagnostics.isEmpty)
    }
}
