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

    /// The base scenario with its one prompt replaced by a single choice of `options` (YAML flow mappings).
    static func choosing(_ options: [String]) -> String {
        base.replacingOccurrences(of: """
                  - id: call
                    kind: yes-no
                    question: Call the vendor now?
                    expected: yes
            """, with: """
                  - id: call
                    kind: single-choice
                    question: What now?
                    options:

            """ + options.map { "          - \($0)" }.joined(separator: "\n"))
    }

    @Test("A completes the path decides silences the warning: a prompt that can be answered wrong, an option others lack, an inject on a branch")
    func pathDecidedCompletesSilence() throws {
        // A yes-no prompt: a wrong answer does not set about the work.
        #expect(try Self.lint(Self.base + "        completes: [told]\n").diagnostics.isEmpty)
        // One option completes the deadline, the other does not.
        let oneOption = Self.choosing(["{ id: call, text: Call the vendor, correct: true, completes: [told] }", "{ id: wait, text: Wait }"])
        #expect(oneOption.contains("completes: [told]"))
        #expect(try Self.lint(oneOption).diagnostics.isEmpty)
        // An inject only one choice leads to.
        let branch = Self.choosing(["{ id: call, text: Call the vendor, correct: true, next: called }", "{ id: wait, text: Wait, next: end }"])
            + """
              - id: called
                at: +1h
                title: Called
                narrative: The vendor answers.
                completes: [told]

            """
        #expect(try Self.lint(branch).diagnostics.isEmpty)
    }

    @Test("A completes every play reaches alike still warns: an inject every path passes, an option every choice shares, a free-text prompt")
    func pathIndependentCompletesWarn() throws {
        let everyPath = Self.base.replacingOccurrences(of: "    narrative: It starts.\n", with: "    narrative: It starts.\n    completes: [told]\n")
        #expect(everyPath != Self.base)
        #expect(try Self.lint(everyPath).warnings.map(\.message) == [try #require(Self.lint(Self.base).warnings.first).message])
        let everyOption = Self.choosing(["{ id: call, text: Call the vendor, correct: true, completes: [told] }",
                                         "{ id: wait, text: Wait, completes: [told] }"])
        #expect(try Self.lint(everyOption).warnings.count == 1)
        let freeText = Self.base.replacingOccurrences(of: "        kind: yes-no\n", with: "        kind: free-text\n")
            .replacingOccurrences(of: "        expected: yes\n", with: "        completes: [told]\n")
        #expect(freeText.contains("kind: free-text") && freeText.contains("completes: [told]"))
        #expect(try Self.lint(freeText).errors.isEmpty)
        #expect(try Self.lint(freeText).warnings.count == 1)
        // The same branch as above, but both choices lead through the inject that completes it.
        let bothWays = Self.choosing(["{ id: call, text: Call the vendor, correct: true, next: called }", "{ id: wait, text: Wait }"])
            + """
              - id: called
                at: +1h
                title: Called
                narrative: The vendor answers.
                completes: [told]

            """
        #expect(try Self.lint(bothWays).errors.isEmpty)
        #expect(try Self.lint(bothWays).warnings.count == 1)
    }

    @Test("With two deadlines and only one decided by the path, the warning names the other")
    func namesTheFixedDeadline() throws {
        let two = Self.base.replacingOccurrences(of: "injects:\n", with: "  - { id: public, title: Customers told, due: 48h }\ninjects:\n")
            + "        completes: [told]\n"
        #expect(two.contains("id: public"))
        let result = try Self.lint(two)
        #expect(result.errors.isEmpty)
        let warning = try #require(result.warnings.first)
        #expect(result.warnings.count == 1)
        #expect(warning.message.hasPrefix("no decision can move deadline 'public': "), "\(warning.message)")
        #expect(!warning.message.contains("'told'"))
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
