import DrillKit
import Foundation
import Testing

/// Old files keep their meaning. `Fixtures/legacy` holds the shipped scenarios and both example
/// teams as they were before the scope, scale and place keys existed, and what `drill check
/// --format json --as-of 2026-11-26` said of them then (written by that version of drill).
@Suite("Files written before the scope keys")
struct LegacyFilesTests {
    static let folder = Fixture.packageRoot.appendingPathComponent("Tests/DrillKitTests/Fixtures/legacy")
    static let teams = ["lighthouse", "nightjar"]

    static func scenarios() throws -> [Scenario] {
        try ScenarioLibrary.load(folder: folder.appendingPathComponent("scenarios")).scenarios
    }

    static func profile(_ team: String) throws -> PreparednessProfile {
        try PreparednessProfile.load(fileAt: folder.appendingPathComponent("\(team)-preparedness.yaml"))
    }

    static func expected(_ team: String) throws -> CheckReport {
        try JSONDecoder().decode(CheckReport.self, from: Data(contentsOf: folder.appendingPathComponent("expected-\(team).json")))
    }

    @Test("Every old scenario and team loads and, under the rules they were played with, scores exactly as before", arguments: teams)
    func sameVerdicts(team: String) throws {
        let scenarios = try Self.scenarios()
        let expected = try Self.expected(team)
        #expect(scenarios.count == expected.scenarios.count && scenarios.count >= 11)
        let assessor = Assessor(profile: try Self.profile(team), asOf: expected.asOf, edition: .first)
        for scenario in scenarios {
            guard let before = expected.scenarios.first(where: { $0.id == scenario.id }) else {
                Issue.record("no expected result for \(scenario.id)")
                continue
            }
            let now = CheckReport.ScenarioResult(scenario, assessor.assess(scenario))
            for (old, new) in zip(before.needs, now.needs) {
                #expect(old.id == new.id)
                #expect(old.status == new.status, "\(scenario.id)/\(old.id)")
                #expect(old.delayHours == new.delayHours, "\(scenario.id)/\(old.id)")
                #expect(old.evidenceLossHours == new.evidenceLossHours, "\(scenario.id)/\(old.id)")
                #expect(old.fix == new.fix, "\(scenario.id)/\(old.id)")
            }
            #expect(before.needs.count == now.needs.count)
            for (old, new) in zip(before.deadlines, now.deadlines) {
                #expect(old.reachedHours == new.reachedHours && old.met == new.met, "\(scenario.id)/\(old.id)")
            }
            // A pillar without needs was called sufficient; it is now "not tested", and nothing else moved.
            for (old, new) in [(before.verdicts.contacts, now.verdicts.contacts), (before.verdicts.logs, now.verdicts.logs),
                               (before.verdicts.backups, now.verdicts.backups)] {
                #expect(old == new || (old == .sufficient && new == .notTested), "\(scenario.id)")
            }
        }
    }

    @Test("Under the current rules, old files change only where the old rules assumed what the records do not say", arguments: teams)
    func currentRulesChangeOnlyAssumptions(team: String) throws {
        let expected = try Self.expected(team)
        let assessor = Assessor(profile: try Self.profile(team), asOf: expected.asOf)
        for scenario in try Self.scenarios() {
            guard let before = expected.scenarios.first(where: { $0.id == scenario.id }) else { continue }
            let now = CheckReport.ScenarioResult(scenario, assessor.assess(scenario))
            for (old, new) in zip(before.needs, now.needs) where old.status != new.status || old.delayHours != new.delayHours {
                // Never better than before; and the reason says which assumption no longer holds.
                #expect(new.status >= old.status, "\(scenario.id)/\(old.id) improved")
                let explained = new.reason.contains("does not say what it alerts on") || new.reason.contains("runs every")
                #expect(explained, "\(scenario.id)/\(old.id): \(new.reason)")
            }
        }
    }
}
