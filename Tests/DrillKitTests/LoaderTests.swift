import DrillKit
import Foundation
import Testing

@Suite("Loading scenarios and preparedness files")
struct LoaderTests {
    static let validScenario = """
        id: sample
        title: A sample
        kind: app-compromise
        summary: Something happened.
        onset: 11d
        discovered: Tuesday 10:15 Europe/London
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
          - id: first
            at: +0h
            title: First
            narrative: It starts.
            prompts:
              - id: choose
                kind: single-choice
                question: What now?
                options:
                  - { id: a, text: Rotate, correct: true }
                  - { id: b, text: Wait, next: later }
          - id: later
            at: +6h
            title: Later
            narrative: It goes on.
        """

    func diagnostics(_ yaml: String) -> [Diagnostic] {
        do {
            _ = try Scenario.load(yaml: yaml, displayPath: "s.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    func replacing(_ old: String, with new: String) -> String {
        Self.validScenario.replacingOccurrences(of: old, with: new)
    }

    @Test("A valid scenario loads with its branches")
    func loadsValidScenario() throws {
        let scenario = try Scenario.load(yaml: Self.validScenario, displayPath: "s.yaml")
        #expect(scenario.id == "sample")
        #expect(scenario.onset == .days(11))
        #expect(scenario.injects.count == 2)
        #expect(scenario.prompts.first?.branchTargets == [.inject("later")])
    }

    @Test("An unknown key is reported at its line with a suggestion")
    func unknownKey() {
        let found = diagnostics(replacing("onset: 11d", with: "onest: 11d"))
        #expect(found.contains { $0.line == 5 && $0.column == 1 && $0.message.contains("unknown key 'onest'") && $0.message.contains("did you mean 'onset'") })
        #expect(found.contains { $0.message.contains("missing 'onset'") })
    }

    @Test("A bad duration names the value, the line and the accepted forms")
    func badDuration() {
        let found = diagnostics(replacing("due: 24h", with: "due: 24 parsecs"))
        #expect(found.count == 1)
        #expect(found.first?.line == 14)
        #expect(found.first?.description.hasPrefix("s.yaml:14:10: error: due '24 parsecs' is not a duration") == true)
    }

    @Test("A dangling branch target is reported where it is written")
    func danglingBranch() {
        let found = diagnostics(replacing("next: later", with: "next: latter"))
        #expect(found.contains { $0.line == 27 && $0.message.contains("no inject has the id 'latter'") && $0.message.contains("did you mean 'later'") })
    }

    @Test("A dangling need reference is reported")
    func danglingNeed() {
        let found = diagnostics(replacing("needs: [vendor]", with: "needs: [vendr]"))
        #expect(found.contains { $0.line == 15 && $0.message.contains("no need has the id 'vendr'") })
    }

    @Test("An inject nobody can reach is reported")
    func unreachableInject() {
        let yaml = replacing("narrative: It starts.", with: "narrative: It starts.\n    next: end")
            .replacingOccurrences(of: "next: later", with: "next: end")
        let found = diagnostics(yaml)
        #expect(found.contains { $0.message.contains("inject 'later' can never be reached") })
    }

    @Test("A branch that runs the clock backwards is reported")
    func clockBackwards() {
        let found = diagnostics(replacing("at: +6h", with: "at: +0h").replacingOccurrences(of: "at: +0h\n    title: First", with: "at: +8h\n    title: First"))
        #expect(found.contains { $0.message.contains("run the clock backwards") || $0.message.contains("earlier than") })
    }

    @Test("Duplicate ids across needs, injects and prompts are reported")
    func duplicateIDs() {
        let found = diagnostics(replacing("id: choose", with: "id: first"))
        #expect(found.contains { $0.message.contains("id 'first' is already used at line 17") })
    }

    @Test("Duplicate keys are refused by the YAML parser with a location")
    func duplicateKeys() {
        let found = diagnostics(replacing("onset: 11d", with: "onset: 11d\nonset: 12d"))
        #expect(found.count == 1)
        #expect(found.first?.message.contains("duplicate key 'onset'") == true)
        #expect(found.first?.line != nil)
    }

    @Test("Syntax errors carry the parser's line and column")
    func syntaxError() {
        let found = diagnostics("id: x\ntitle: [unclosed\nkind: app-compromise\n")
        #expect(found.count == 1)
        #expect(found.first?.line != nil)
        #expect(found.first?.message.hasPrefix("invalid YAML") == true)
    }

    @Test("Every problem is reported at once")
    func collectsEverything() {
        let yaml = replacing("onset: 11d", with: "onset: soon")
            .replacingOccurrences(of: "kind: app-compromise", with: "kind: meteor-strike")
            .replacingOccurrences(of: "role: platform-vendor", with: "role: plumber")
            .replacingOccurrences(of: "kind: single-choice", with: "kind: dance")
        let found = diagnostics(yaml)
        #expect(found.count >= 4)
        #expect(Set(found.compactMap(\.line)).isSuperset(of: [3, 5, 10, 23]))
    }

    @Test("A wrong type says what was expected and what was found")
    func wrongType() {
        let found = diagnostics(replacing("injects:", with: "injects: 3\nx:"))
        #expect(found.contains { $0.message.contains("injects must be a list, found '3'") })
    }

    @Test("Choice prompts need a correct option")
    func choiceNeedsCorrect() {
        let found = diagnostics(replacing("correct: true", with: "correct: false"))
        #expect(found.contains { $0.message.contains("no option is marked 'correct: true'") })
    }

    @Test("An alias bomb is refused by the node budget, quickly")
    func aliasBomb() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 { yaml += "\(Character(UnicodeScalar(97 + level)!)): &\(Character(UnicodeScalar(97 + level)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + level)!))", count: 10).joined(separator: ", ") + "]\n" }
        let found = diagnostics(yaml)
        #expect(found.first?.message.contains("more than 100000 YAML nodes") == true)
    }

    @Test("Deep nesting is refused before parsing")
    func deepNesting() {
        let yaml = "id: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(diagnostics(yaml).first?.message.contains("nesting deeper than 64 levels") == true)
        let dashes = "a:\n" + String(repeating: "- ", count: 5_000) + "x\n"
        #expect(diagnostics(dashes).first?.message.contains("nesting deeper") == true)
    }

    @Test("Files over the size cap are refused without decoding")
    func sizeCap() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("drill-big-\(UUID()).yaml")
        try Data(repeating: UInt8(ascii: "a"), count: 2 << 20).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: LoadFailure.self) { try Scenario.load(fileAt: url, displayPath: "big.yaml") }
        do {
            _ = try Scenario.load(fileAt: url, displayPath: "big.yaml")
        } catch {
            #expect(error.diagnostics.first?.message.contains("larger than 1024 KiB") == true)
        }
    }

    @Test("Invalid UTF-8 is reported at the first bad byte")
    func invalidUTF8() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("drill-bad-\(UUID()).yaml")
        try Data("id: x\ntitle: caf".utf8 + [0xE9] + Data("\n".utf8)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try Scenario.load(fileAt: url, displayPath: "bad.yaml")
            Issue.record("expected a failure")
        } catch {
            #expect(error.diagnostics.first?.description == "bad.yaml:2:11: error: file is not valid UTF-8; save it as UTF-8")
        }
    }

    @Test("A missing file is reported as missing, not invalid")
    func missingFile() {
        #expect(throws: LoadFailure.missing(path: "nope.yaml", reason: "no such file")) {
            try Scenario.load(fileAt: URL(fileURLWithPath: "/nonexistent/nope.yaml"), displayPath: "nope.yaml")
        }
    }

    @Test("A byte-order mark is accepted")
    func byteOrderMark() throws {
        let scenario = try Scenario.load(yaml: "\u{FEFF}" + Self.validScenario, displayPath: "s.yaml")
        #expect(scenario.id == "sample")
    }

    @Test("The embedded example team loads, with deliberate gaps")
    func exampleTeamLoads() throws {
        let team = try ExampleTeam.profile()
        #expect(team.contacts.count >= 5)
        #expect(!team.contacts.contains { $0.role == .lawEnforcement })
        #expect(team.backups.contains { $0.restoreTested == nil })
        #expect(team.logs.contains { $0.retention < .months(12) })
    }

    @Test("Preparedness problems are all reported with lines")
    func preparednessDiagnostics() {
        let yaml = """
            team: T
            contacts:
              - role: lawyer
                name: X
                channels: [{ phone: "1" }]
                availability: weekdays
                confirmed: 2026-13-01
                storedOffPlatform: yes please
            logs:
              - source: a
                covers: [admin-actions, teleportation]
                timestamps: with-zone
                retention: 30 days
                storage: s
                restricted: true
                accessRecorded: true
                review: sometimes
            """
        do {
            _ = try PreparednessProfile.load(yaml: yaml, displayPath: "p.yaml")
            Issue.record("expected failures")
        } catch {
            let lines = error.diagnostics.compactMap(\.line)
            #expect(Set(lines).isSuperset(of: [3, 6, 7, 8, 11, 17]))
        }
    }

    @Test("The README's complete example is a valid scenario")
    func readmeExampleIsValid() throws {
        let readme = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("scenarios/README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```yaml\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let scenario = try Scenario.load(yaml: String(readme[start.upperBound..<end.lowerBound]), displayPath: "README example")
        #expect(scenario.id == "example-leaked-key")
    }

    @Test("Every shipped scenario loads without a problem, three or more of each kind")
    func shippedLibraryIsValid() throws {
        let library = try ScenarioLibrary.load(folder: Fixture.packageRoot.appendingPathComponent("scenarios"))
        #expect(library.diagnostics.isEmpty, "\(library.diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(library.scenarios.count >= 9)
        for kind in ScenarioKind.allCases {
            #expect(library.scenarios.filter { $0.kind == kind }.count >= 3, "\(kind)")
        }
    }
}
