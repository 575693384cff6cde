import DrillKit
import Foundation
import Testing

@Suite("Lint warnings")
struct LintWarningTests {
    static let base = """
        id: fixed
        title: Fixed deadlines
        kind: app-compromise
        summary: Nothing the team does moves the clock.
        onset: 11d
        discovered: Tuesday 10:15 UTC
        needs:
          - id: vendor
            pillar: contacts
            role: platform-vendor
        deadlines:
          - id: told
            title: Vendor told
            due: 24h
            needs: [vendor]
        injects:
          - id: start
            at: +0h
            title: Start
            narrative: It starts.
            prompts:
              - id: call
                kind: yes-no
                question: Call the vendor now?
                expected: yes

        """

    static func lint(_ yaml: String) throws -> Linter.Result {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("drill-lint-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return Linter.lint(fileAt: file, displayPath: "fixed.yaml")
    }

    @Test("Deadlines that no decision can move are a warning at the deadlines key, not an error")
    func fixedDeadlinesWarn() throws {
        let result = try Self.lint(Self.base)
        #expect(result.errors.isEmpty)
        #expect(result.kind == .scenario)
        let warning = try #require(result.warnings.first)
        #expect(result.warnings.count == 1)
        #expect(warning.description.hasPrefix("fixed.yaml:11:1: warning: no decision can move the deadlines"))
    }

    @Test("A costIfIncorrect, or an option's cost, lets decisions move the deadlines")
    func costsSilenceTheWarning() throws {
        #expect(try Self.lint(Self.base + "        costIfIncorrect: 4h\n").diagnostics.isEmpty)
        let option = Self.base.replacingOccurrences(of: """
                  - id: call
                    kind: yes-no
                    question: Call the vendor now?
                    expected: yes
            """, with: """
                  - id: call
                    kind: single-choice
                    question: What now?
                    options:
                      - { id: call, text: Call the vendor, correct: true }
                      - { id: wait, text: Wait, cost: 6h }
            """)
        #expect(option != Self.base)
        #expect(try Self.lint(option).diagnostics.isEmpty)
    }

    @Test("A scenario without deadlines has nothing to warn about")
    func noDeadlinesNoWarning() throws {
        let withoutDeadlines = Self.base.replacingOccurrences(of: """
            deadlines:
              - id: told
                title: Vendor told
                due: 24h
                needs: [vendor]

            """, with: "")
        #expect(withoutDeadlines != Self.base)
        #expect(try Self.lint(withoutDeadlines).diagnostics.isEmpty)
    }
}
