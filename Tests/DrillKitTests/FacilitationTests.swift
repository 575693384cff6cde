import DrillKit
import Foundation
import Testing

@Suite("Facilitation, onboarding and the schedule")
struct FacilitationTests {
    let scenario: Scenario
    let team: PreparednessProfile

    init() throws {
        scenario = try Scenario.load(yaml: DrillSessionTests.scenarioYAML, displayPath: "engine.yaml")
        team = PreparednessProfile(team: "T", contacts: [
            Contact(role: .incidentResponsePartner, name: "Blue Harbor", availability: .aroundTheClock, confirmed: Fixture.date("2025-06-01"), storedOffPlatform: true),
        ])
    }

    func finished(mode: DrillSession.Mode = .drill) throws -> DrillSession {
        var drill = DrillSession(scenario: scenario, profile: team, asOf: Fixture.asOf, mode: mode)
        for answer in ["act", "1", "44", "We tell them."] { try drill.answer(answer, by: "Kim", seconds: 12.5) }
        return drill
    }

    @Test("A grade counts in the score: met all points, partly half, missed none; the latest grade stands", arguments: [
        (DrillSession.Grade.met, 40), (.partly, 35), (.missed, 30),
    ])
    func gradingScores(grade: DrillSession.Grade, points: Int) throws {
        var drill = try finished()
        #expect(drill.score.responsePoints == 30 && drill.score.responsePossible == 30)
        try drill.grade("notes", .missed, by: "Ana")
        try drill.grade("notes", grade, by: "Ana", comment: "checked against the guidance")
        #expect(drill.score.responsePoints == points)
        #expect(drill.score.responsePossible == 40)
        let event = try #require(drill.events.last)
        #expect(event.kind == .grade && event.actor == "Ana" && event.answer == grade.rawValue && event.text == "checked against the guidance")
    }

    @Test("Only answered free-text prompts can be graded")
    func gradingRules() throws {
        var drill = DrillSession(scenario: scenario, profile: team, asOf: Fixture.asOf)
        #expect(throws: AnswerRejection.self) { try drill.grade("notes", .met, by: "Ana") }
        #expect(throws: AnswerRejection.self) { try drill.grade("first", .met, by: "Ana") }
        #expect(throws: AnswerRejection.self) { try drill.grade("nope", .met, by: "Ana") }
    }

    @Test("Grades and answer times survive a replay")
    func replayWithGrades() throws {
        var drill = try finished()
        try drill.grade("notes", .partly, by: "Ana", comment: "half")
        let replayed = try DrillSession.replaying(scenario: scenario, profile: team, asOf: Fixture.asOf, inputs: DrillSession.inputs(in: drill.events))
        #expect(replayed.events == drill.events)
        #expect(replayed.events.filter { $0.kind == .answer }.allSatisfy { $0.seconds == 12.5 })
    }

    @Test("Onboarding explains each decision with the team's own records; a team drill does not")
    func onboardingExplanations() throws {
        let learner = try finished(mode: .onboarding)
        let lessons = learner.events.filter { $0.kind == .consequence }.map(\.text)
        #expect(lessons.contains { $0.hasPrefix("Your records: your incident-response partner is Blue Harbor") && $0.contains("last confirmed 2025-06-01 (17 months ago)") })
        #expect(lessons.contains { $0.hasPrefix("This depends on legal (contacts, unmet)") && $0.contains("Field to change: contacts: add one with role legal-adviser") })
        let team = try finished(mode: .drill)
        #expect(!team.events.contains { $0.text.hasPrefix("Your records:") || $0.text.hasPrefix("This depends on") })
    }

    @Test("A prompt can ask for a role and name the needs it depends on; unknown needs are refused")
    func promptRoleAndNeeds() throws {
        let yaml = DrillSessionTests.scenarioYAML.replacingOccurrences(
            of: "question: What do you tell customers?, expected: What happened and what to do }",
            with: "question: What do you tell customers?, role: communications, needs: [legal] }")
        let loaded = try Scenario.load(yaml: yaml, displayPath: "s.yaml")
        let prompt = try #require(loaded.prompts.first { $0.id == "notes" })
        #expect(prompt.role == "communications" && prompt.needs == ["legal"])
        #expect(throws: LoadFailure.self) { try Scenario.load(yaml: yaml.replacingOccurrences(of: "needs: [legal]", with: "needs: [leagl]"), displayPath: "s.yaml") }
    }

    func participation(_ name: String, kind: ScenarioKind, mode: String = "drill", status: RunStatus = .finished, daysAgo: Double) -> Participation {
        let start = Date(timeIntervalSince1970: 1_795_000_000 - daysAgo * 86_400)
        return Participation(name: name, role: "scribe", runID: "r-\(name)-\(daysAgo)", team: "T", scenarioID: "s-\(kind.rawValue)",
                             scenarioKind: kind.rawValue, mode: mode, status: status, startedAt: start, endedAt: start.addingTimeInterval(3600))
    }

    @Test("People: completions per person, who is new, and the kinds they have not done")
    func people() {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let report = PeopleReport([
            participation("Ana", kind: .dataExposure, daysAgo: 400),
            participation("Ana", kind: .appCompromise, daysAgo: 200),
            participation("Ana", kind: .platformDegradation, daysAgo: 10),
            participation("Nina", kind: .dataExposure, mode: "onboarding", daysAgo: 5),
            participation("Nina", kind: .appCompromise, status: .paused, daysAgo: 2),
        ], now: now)
        #expect(report.people.map(\.name) == ["Ana", "Nina"])
        #expect(report.people[0].missingKinds.isEmpty && !report.people[0].isNew && report.people[0].completed.count == 3)
        #expect(report.people[1].isNew)
        #expect(report.people[1].missingKinds == [.appCompromise, .platformDegradation])
        #expect(report.people[1].unfinished == 1)
        #expect(report.people[1].completed.first?.mode == "onboarding")
    }

    func run(_ scenario: String, kind: ScenarioKind, mode: String = "drill", on day: String) -> RunRecord {
        RunRecord(id: "r-\(scenario)-\(day)", team: "T", scenarioID: scenario, scenarioTitle: scenario, scenarioKind: kind.rawValue,
                  mode: mode, status: .finished, startedAt: Date(timeIntervalSince1970: TimeInterval(Fixture.date(day).daysSinceEpoch) * 86_400 + 3600),
                  asOf: Fixture.date(day), scenarioYAML: "", preparednessYAML: "", preparednessSource: "p")
    }

    func library() throws -> [Scenario] {
        try ScenarioLibrary.load(folder: Fixture.packageRoot.appendingPathComponent("scenarios")).scenarios
    }

    @Test("The quarterly drill is due until a team drill (not onboarding) finishes in the quarter")
    func quarterDue() throws {
        let today = Fixture.date("2026-11-26")
        let lastQuarter = DrillSchedule(team: "T", runs: [run("public-export-bucket", kind: .dataExposure, on: "2026-09-20")], openItems: [], library: [], profile: nil, today: today)
        #expect(lastQuarter.quarter == "2026-Q4" && lastQuarter.dueThisQuarter)
        let onboardingOnly = DrillSchedule(team: "T", runs: [run("public-export-bucket", kind: .dataExposure, mode: "onboarding", on: "2026-10-20")], openItems: [], library: [], profile: nil, today: today)
        #expect(onboardingOnly.dueThisQuarter && onboardingOnly.lastDrill == nil)
        let done = DrillSchedule(team: "T", runs: [run("public-export-bucket", kind: .dataExposure, on: "2026-10-02")], openItems: [], library: [], profile: nil, today: today)
        #expect(!done.dueThisQuarter)
        #expect(done.kindsNotExercised == [.appCompromise, .platformDegradation])
    }

    @Test("The rotation favours kinds not exercised, then scenarios that test open improvement items, then ones never played")
    func rotation() throws {
        let scenarios = try library()
        let today = Fixture.date("2026-11-26")
        let runs = [run("public-export-bucket", kind: .dataExposure, on: "2026-10-02"), run("dormant-contractor-admin", kind: .appCompromise, on: "2026-07-02")]
        let plain = DrillSchedule(team: "T", runs: runs, openItems: [], library: scenarios, profile: nil, today: today)
        #expect(plain.suggestion?.kind == .platformDegradation)
        // With every kind exercised, open items decide: silent-backup-failure tests the customer-data backup.
        let all = runs + [run("retry-storm-release", kind: .platformDegradation, on: "2026-05-02")]
        let profile = try ExampleTeam.profile()
        let item = ImprovementItem(id: 1, team: "T", scenarioId: "x", needId: "n", pillar: .backups, action: "Test a restore", fix: "backups[customer-data]",
                                   state: .open, lastStatus: .unmet, reason: "", openedRunId: "r", openedAt: Date(), seenInRunIds: [], closedAt: nil,
                                   closedByRunId: nil, closingReason: nil, drillsSinceOpened: 1, openAfterTwoDrills: false, owner: nil, dueDate: nil)
        let guided = DrillSchedule(team: "T", runs: all, openItems: [item], library: scenarios, profile: profile, today: today)
        let suggestion = try #require(guided.suggestion)
        let tests = Assessor(profile: profile, asOf: today).assess(try #require(scenarios.first { $0.id == suggestion.scenarioId })).findings.compactMap(\.fix)
        #expect(tests.contains("backups[customer-data]"))
        #expect(suggestion.reasons.contains { $0.contains("open improvement item") })
    }

    @Test("Contacts older than the team's policy, or never confirmed, are stale; exactly at the policy they are not")
    func contactAges() {
        var profile = PreparednessProfile(team: "T", contacts: [
            Contact(role: .legalAdviser, name: "Old", confirmed: Fixture.date("2025-11-25"), storedOffPlatform: true),
            Contact(role: .platformVendor, name: "Edge", confirmed: Fixture.date("2025-11-26"), storedOffPlatform: true),
            Contact(role: .insurer, name: "Never", confirmed: nil, storedOffPlatform: false),
        ])
        let ages = ContactAges(profile, today: Fixture.asOf)
        #expect(Dictionary(uniqueKeysWithValues: ages.contacts.map { ($0.name, $0.stale) }) == ["Old": true, "Edge": false, "Never": true])
        #expect(ages.contacts.first { $0.name == "Old" }?.ageMonths == 12)
        #expect(ages.missingRoles.contains(.lawEnforcement))
        profile.policy.contactsConfirmedWithin = .months(6)
        #expect(ContactAges(profile, today: Fixture.asOf).contacts.first { $0.name == "Edge" }?.stale == true)
    }
}
