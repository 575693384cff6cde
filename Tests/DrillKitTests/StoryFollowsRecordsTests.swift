import DrillKit
import Foundation
import Testing

/// The shipped stories never contradict the team's records: played against both example teams
/// and a deliberately strong one, every consequence shown is one the finding allows, no
/// placeholder is left unfilled, and no consequence asserts the team's retention, hours or
/// restore history in words of its own.
@Suite("Shipped stories follow the team's records")
struct StoryFollowsRecordsTests {
    static let library = try! ScenarioLibrary.load(folder: Fixture.packageRoot.appendingPathComponent("scenarios"))

    static var teams: [PreparednessProfile] {
        let nightjar = try! PreparednessProfile.load(fileAt: Fixture.packageRoot.appendingPathComponent("examples/nightjar-preparedness.yaml"))
        return [try! ExampleTeam.profile(), nightjar, strongTeam]
    }

    /// A team with every record a scenario could ask for, kept apart from every system.
    static var strongTeam: PreparednessProfile {
        let channel = [Channel(kind: .phone, address: "+44 20 7946 0000")]
        let contacts = ContactRole.allCases.flatMap { role in
            [Contact(role: role, name: "Strong \(role.rawValue)", channels: channel, confirmed: Fixture.date("2026-10-01"), storedOffPlatform: true,
                     covers: TeamSystem.allCases, storedIn: [.saas, .workstations], escalation: channel, reportsWithin: .hours(4), findingsVisible: true),
             Contact(role: role, name: "Second \(role.rawValue)", channels: channel, confirmed: Fixture.date("2026-10-01"), storedOffPlatform: true,
                     covers: TeamSystem.allCases, storedIn: [.saas], reportsWithin: .hours(4), findingsVisible: true)]
        }
        let logs = [LogSource(source: "everything-log", covers: EventClass.allCases, timestamps: .withZone, retention: .months(24), storage: "isolated store",
                              restricted: true, accessRecorded: true, review: .automated, systems: TeamSystem.allCases, storedIn: .separateAccount,
                              alertsOn: EventClass.allCases, alertsWithin: .hours(0.05))]
        let backups = Asset.allCases.map { asset in
            Backup(asset: asset, kind: .versionControl, location: "vault for \(asset.rawValue)", every: nil, reachBack: nil, restoreTested: nil,
                   offPlatform: true, restoreTest: RestoreTest(on: Fixture.date("2026-10-01"), units: 1000, took: .hours(0.1), parallel: 1000),
                   monitored: true, keys: .separate, storedIn: .separateAccount)
        }
        return PreparednessProfile(team: "Strong", contacts: contacts, logs: logs, backups: backups)
    }

    /// A valid answer for any prompt, so a drill can be played to its end.
    static func anyAnswer(_ prompt: Prompt) -> String {
        switch prompt.kind {
        case .singleChoice, .multipleChoice, .pickContact: "1"
        case .yesNo: "yes"
        case .freeText: "We would act."
        case let .estimate(expected, _, _): String(expected)
        }
    }

    @Test("Every shipped scenario plays to its end against each team with every placeholder filled and only the consequences its findings allow")
    func consequencesFollowFindings() throws {
        #expect(Self.library.scenarios.count >= 17)
        #expect(Self.library.diagnostics.isEmpty)
        for profile in Self.teams {
            for scenario in Self.library.scenarios {
                var session = DrillSession(scenario: scenario, profile: profile, asOf: Fixture.asOf)
                var steps = 0
                while let prompt = session.pendingPrompt, steps < 200 {
                    _ = try session.answer(Self.anyAnswer(prompt), by: nil)
                    steps += 1
                }
                #expect(session.isFinished, "\(scenario.id) for \(profile.team) did not end")
                for event in session.events where event.kind == .consequence && event.needID != nil {
                    #expect(Consequence.placeholderNames(in: event.text).isEmpty, "\(scenario.id): unfilled placeholder in '\(event.text.prefix(80))'")
                    let finding = try #require(session.assessment.finding(event.needID!))
                    let allowed = scenario.injects.flatMap(\.consequences).filter { $0.need == event.needID && $0.when.contains(finding.status) }
                    #expect(allowed.contains { $0.narrative(filledFrom: finding) == event.text }, "\(scenario.id): '\(event.text.prefix(60))' shown for a \(finding.status) need")
                }
            }
        }
    }

    @Test("No shipped consequence states the team's retention, hours or restore history in its own words")
    func noInventedRecords() {
        // Numbers about the team's records come from the finding ({used}, {lost}, {delay}, {estimate}) or not at all.
        let claims = [#"keeps? (only )?\d+ ?(days|months|d\b)"#, #"\d+-day (event )?history"#, #"retention of \d+"#,
                      #"restore (was|had been) (last )?tested"#, #"(was|were) never (been )?tested"#, #"details (were|are) last confirmed"#]
        for scenario in Self.library.scenarios {
            for consequence in scenario.injects.flatMap(\.consequences) {
                for claim in claims {
                    #expect(consequence.narrative.range(of: claim, options: [.regularExpression, .caseInsensitive]) == nil,
                            "\(scenario.id)/\(consequence.need): '\(consequence.narrative.prefix(100))' asserts a record (\(claim))")
                }
            }
        }
    }
}
