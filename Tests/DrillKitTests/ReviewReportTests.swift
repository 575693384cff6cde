import DrillKit
import Foundation
import GRDB
import Testing

@Suite("After-action reports and improvement items")
struct ReviewReportTests {
    static func report(_ database: AppDatabase, _ runID: String, on day: CalendarDate = ReviewFixture.asOf) throws -> AfterActionReport {
        let run = try ReviewedRun.load(runID, from: database)
        let history = try database.runs(RunFilter(team: run.transcript.team, status: .finished, limit: nil)).compactMap(ScorePoint.init)
        return AfterActionReport(run, items: try database.improvementItems(team: run.transcript.team), history: history, reportDate: day)
    }

    @Test("A run with known gaps reports them as areas for improvement, each with a corrective action and its field")
    func gapsBecomeAreasAndPlan() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), gaps: true, answers: ["2", "1", "no"])
        let report = try Self.report(database, "20261124-gaps")

        #expect(report.areasForImprovement.map(\.needId) == ["partner", "trail"])
        let partner = try #require(report.areasForImprovement.first)
        #expect(partner.status == .unmet)
        #expect(partner.why == "Forensics needs help tonight.")
        #expect(partner.fix == "contacts: add one with role incident-response-partner")
        #expect(partner.deadlines.map(\.id) == ["vendor", "regulator"])
        let trail = report.areasForImprovement[1]
        #expect(trail.reason.contains("30 days"))
        #expect(trail.evidenceLossHours > 0)

        #expect(report.improvementPlan.map(\.needId) == ["partner", "trail"])
        #expect(report.improvementPlan.allSatisfy { $0.state == .open && $0.seenInRunIds == ["20261124-gaps"] })
        #expect(report.improvementPlan[0].action.contains("incident-response partner"))
        #expect(report.improvementPlan[1].action.contains("admin actions") && report.improvementPlan[1].action.contains("47 days"))
        #expect(report.improvementPlan.map(\.fix) == report.areasForImprovement.map(\.fix))
        #expect(zip(report.areasForImprovement, report.improvementPlan).allSatisfy { $0.itemId == $1.id })

        #expect(report.strengths.contains { $0.kind == "need" && $0.title.hasPrefix("source") })
        // Without a partner on file, the first contact (the vendor desk) is the wrong call.
        #expect(report.decisionsToRevisit.map(\.promptId) == ["first", "call", "notify"])
        #expect(report.decisionsToRevisit.first?.expected == "Contain and preserve")
        #expect(report.scenario.objectives.count == 2)
        let ratings = Dictionary(uniqueKeysWithValues: report.capabilities.map { ($0.name, $0.rating) })
        #expect(ratings["Contacts"] == .u)
        #expect(ratings["Backups"] == .p)
        #expect(report.deadlines.map(\.met) == [false, false])
    }

    @Test("A run that meets every need has no areas for improvement and an empty plan")
    func cleanRunHasEmptyPlan() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-good", startedAt: ReviewFixture.day(0), gaps: false)
        let report = try Self.report(database, "20261124-good")
        #expect(report.areasForImprovement.isEmpty)
        #expect(report.improvementPlan.isEmpty)
        #expect(report.capabilities.allSatisfy { $0.rating == .p })
        #expect(report.deadlines.map(\.met) == [true, true])
    }

    @Test("A pillar the scenario has no need in is rated not tested, never performed")
    func untestedPillarIsNotRated() throws {
        let database = try AppDatabase.inMemory()
        let noBackups = ReviewFixture.scenarioYAML.replacingOccurrences(
            of: "  - { id: source, pillar: backups, asset: app-source-code, versionControlled: true }\n", with: "")
        #expect(noBackups != ReviewFixture.scenarioYAML)
        try ReviewFixture.play(database, id: "20261124-nobk", startedAt: ReviewFixture.day(0), gaps: false, scenarioYAML: noBackups)
        let report = try Self.report(database, "20261124-nobk")
        let backups = try #require(report.capabilities.first { $0.name == "Backups" })
        #expect(backups.rating == .notTested)
        #expect(backups.basis.hasPrefix("not tested"))
        #expect(report.markdown().contains("**NT** — not tested in this scenario"))
    }

    @Test("A run stopped before any deadline fell due is not rated on deadlines, and its plan still lists its gaps")
    func pausedRunReport() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-paus", startedAt: ReviewFixture.day(0), gaps: true, answers: ["1"])
        let report = try Self.report(database, "20261124-paus")
        #expect(report.score == nil)
        #expect(!report.capabilities.contains { $0.name == "Deadlines" })
        #expect(report.deadlines.allSatisfy { $0.met == nil && $0.reachedHours == nil })
        #expect(report.improvementPlan.map(\.needId) == ["partner", "trail"])
    }

    @Test("An item closes by itself when a later run finds the need met, and the report says which run closed it")
    func laterRunClosesItems() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), gaps: true)
        #expect(try database.improvementItems().filter { $0.state == .open }.count == 2)
        try ReviewFixture.play(database, id: "20270224-good", startedAt: ReviewFixture.day(92), gaps: false)

        let items = try database.improvementItems()
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0.state == .closed && $0.closedByRunId == "20270224-good" && !$0.closedByCheck })
        let report = try Self.report(database, "20261124-gaps")
        #expect(report.improvementPlan.allSatisfy { $0.closedByRunId == "20270224-good" })
        #expect(report.markdown().contains("closed by run 20270224-good on 2027-02-24"))
        #expect(try Self.report(database, "20270224-good").improvementPlan.isEmpty)
    }

    @Test("drill check closes items whose need it finds met, never opens any, and only for its own team")
    func checkClosesItems() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), gaps: true)
        let scenario = try Scenario.load(yaml: ReviewFixture.scenarioYAML, displayPath: "s")
        let otherTeam = try PreparednessProfile.load(yaml: ReviewFixture.preparednessYAML(team: "Other Team", gaps: false), displayPath: "p")
        #expect(try database.closeImprovementItems(checkedBy: CheckReport(profile: otherTeam, scenarios: [scenario], asOf: ReviewFixture.asOf), at: ReviewFixture.day(1)).isEmpty)

        let stillGaps = try PreparednessProfile.load(yaml: ReviewFixture.preparednessYAML(gaps: true), displayPath: "p")
        #expect(try database.closeImprovementItems(checkedBy: CheckReport(profile: stillGaps, scenarios: [scenario], asOf: ReviewFixture.asOf), at: ReviewFixture.day(1)).isEmpty)
        #expect(try database.improvementItems().count == 2)

        let fixed = try PreparednessProfile.load(yaml: ReviewFixture.preparednessYAML(gaps: false), displayPath: "p")
        let closed = try database.closeImprovementItems(checkedBy: CheckReport(profile: fixed, scenarios: [scenario], asOf: ReviewFixture.asOf), at: ReviewFixture.day(2))
        #expect(closed.map(\.needId) == ["partner", "trail"])
        #expect(closed.allSatisfy { $0.closedByCheck && $0.closedAt.map(Timestamp8601.day) == Timestamp8601.day(ReviewFixture.day(2)) })
        #expect(try database.improvementItems().allSatisfy { $0.state == .closed })
    }

    @Test("A gap found again after it closed reopens the same item; an item still open after two drills is called out")
    func reopeningAndCallouts() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20260301-aaaa", startedAt: ReviewFixture.date("2026-03-01"), gaps: true)
        try ReviewFixture.play(database, id: "20260601-bbbb", startedAt: ReviewFixture.date("2026-06-01"), gaps: true)
        var items = try database.improvementItems()
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0.drillsSinceOpened == 1 && !$0.openAfterTwoDrills && $0.seenInRunIds == ["20260301-aaaa", "20260601-bbbb"] })
        try ReviewFixture.play(database, id: "20260901-cccc", startedAt: ReviewFixture.date("2026-09-01"), gaps: true)
        items = try database.improvementItems()
        #expect(items.allSatisfy { $0.drillsSinceOpened == 2 && $0.openAfterTwoDrills })
        // Onboarding runs do not count as drills.
        try ReviewFixture.play(database, id: "20261001-dddd", startedAt: ReviewFixture.date("2026-10-01"), gaps: true, mode: "onboarding")
        #expect(try database.improvementItems().allSatisfy { $0.drillsSinceOpened == 2 })

        try ReviewFixture.play(database, id: "20261101-eeee", startedAt: ReviewFixture.date("2026-11-01"), gaps: false)
        try ReviewFixture.play(database, id: "20261201-ffff", startedAt: ReviewFixture.date("2026-12-01"), gaps: true)
        items = try database.improvementItems()
        #expect(items.count == 2)
        #expect(items.allSatisfy { $0.state == .open && $0.openedRunId == "20260301-aaaa" && !$0.openAfterTwoDrills && $0.drillsSinceOpened == 0 })
        #expect(items.allSatisfy { $0.periods.map(\.openedRunId) == ["20260301-aaaa", "20261201-ffff"] && $0.periods[0].closedAt != nil })
        #expect(items.allSatisfy { $0.history.contains { $0.kind == .closed && $0.runId == "20261101-eeee" } && $0.history.last?.kind == .reopened })
    }

    @Test("Owners and due dates persist, show as overdue after the due day, and survive later runs")
    func ownersAndDueDates() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), gaps: true)
        let first = try #require(try database.improvementItems().first)
        let updated = try #require(try database.updateImprovementItem(id: first.id, owner: "Priya", dueDate: CalendarDate(year: 2027, month: 1, day: 15)))
        #expect(updated.owner == "Priya" && updated.dueDate?.description == "2027-01-15")
        #expect(!updated.isOverdue(on: CalendarDate(year: 2027, month: 1, day: 15)!))
        #expect(updated.isOverdue(on: CalendarDate(year: 2027, month: 1, day: 16)!))
        try ReviewFixture.play(database, id: "20261201-more", startedAt: ReviewFixture.day(7), gaps: true)
        let again = try #require(try database.improvementItems().first { $0.id == first.id })
        #expect(again.owner == "Priya" && again.seenInRunIds.count == 2)
        #expect(try database.updateImprovementItem(id: first.id, owner: .some(nil), dueDate: nil)?.owner == nil)
        #expect(try database.updateImprovementItem(id: 999, owner: "x", dueDate: nil) == nil)
    }
}

@Suite("Trends and comparison")
struct ReviewTrendTests {
    @Test("Trends average each quarter's drills, keep empty quarters, and leave onboarding and unfinished runs out")
    func quarterlyAggregation() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20260715-aaaa", startedAt: ReviewFixture.date("2026-07-15"), gaps: true)
        try ReviewFixture.play(database, id: "20260901-bbbb", startedAt: ReviewFixture.date("2026-09-01"), gaps: false)
        try ReviewFixture.play(database, id: "20270110-cccc", startedAt: ReviewFixture.date("2027-01-10"), gaps: false)
        try ReviewFixture.play(database, id: "20270111-dddd", startedAt: ReviewFixture.date("2027-01-11"), gaps: true, mode: "onboarding")
        try ReviewFixture.play(database, id: "20270112-eeee", startedAt: ReviewFixture.date("2027-01-12"), gaps: true, answers: ["1"])
        let runs = try database.runs(RunFilter(team: "Review Team", limit: nil))
        let scores = Dictionary(uniqueKeysWithValues: runs.compactMap { run in run.score.map { (run.id, $0) } })
        let gapScore = try #require(scores["20260715-aaaa"]), cleanScore = try #require(scores["20260901-bbbb"])

        let report = TrendReport(team: "Review Team", runs: runs, items: try database.improvementItems(), reportDate: CalendarDate(year: 2027, month: 2, day: 1)!)
        #expect(report.quarters.map(\.quarter) == ["2026-Q3", "2026-Q4", "2027-Q1"])
        #expect(report.quarters.map(\.drills) == [2, 0, 1])
        let q3 = report.quarters[0]
        #expect(q3.overall == Double(gapScore.overall + cleanScore.overall) / 2)
        #expect(q3.contacts == Double(gapScore.contacts + cleanScore.contacts) / 2)
        #expect(q3.deadlinesMet == gapScore.deadlinesMet + cleanScore.deadlinesMet && q3.deadlinesTotal == 4)
        #expect(q3.itemsOpened == 2 && q3.itemsClosed == 2 && q3.itemsOpenAtEnd == 0)
        #expect(report.quarters[1].overall == nil)
        #expect(report.quarters[2].itemsOpened == 2, "the onboarding and paused runs still find gaps")
        #expect(report.drills.map(\.runId) == ["20260715-aaaa", "20260901-bbbb", "20270110-cccc"])
        #expect(report.onboardingRunsLeftOut == 1 && report.unfinishedRunsLeftOut == 1)
        #expect(report.kindsNotDrilled.map(\.kind) == [.appCompromise, .platformDegradation])
    }

    @Test("A pillar's trend leaves out the drills whose scenario did not test it")
    func trendsSkipUntestedPillars() throws {
        let database = try AppDatabase.inMemory()
        let noBackups = ReviewFixture.scenarioYAML.replacingOccurrences(
            of: "  - { id: source, pillar: backups, asset: app-source-code, versionControlled: true }\n", with: "")
        // The first drill's backup need is one the team cannot meet (no copy of its secrets).
        let secrets = ReviewFixture.scenarioYAML.replacingOccurrences(of: "asset: app-source-code, versionControlled: true", with: "asset: secrets")
        #expect(secrets != ReviewFixture.scenarioYAML)
        try ReviewFixture.play(database, id: "20260715-aaaa", startedAt: ReviewFixture.date("2026-07-15"), gaps: true, scenarioYAML: secrets)
        try ReviewFixture.play(database, id: "20260716-bbbb", startedAt: ReviewFixture.date("2026-07-16"), gaps: true, scenarioYAML: noBackups)
        let runs = try database.runs(RunFilter(team: "Review Team", limit: nil))
        let tested = try database.testedPillars(team: "Review Team")
        #expect(tested["20260716-bbbb"] == [.contacts, .logs])
        #expect(tested["20260715-aaaa"] == [.contacts, .logs, .backups])
        let withBackups = try #require(runs.first { $0.id == "20260715-aaaa" }?.score)
        let untested = try #require(runs.first { $0.id == "20260716-bbbb" }?.score)
        #expect(untested.backups == 100, "the score gives an untested pillar full marks")
        #expect(withBackups.backups < 100)
        let day = CalendarDate(year: 2026, month: 8, day: 1)!
        let report = TrendReport(team: "Review Team", runs: runs, items: [], testedPillars: tested, reportDate: day)
        #expect(report.quarters[0].backups == Double(withBackups.backups))
        #expect(report.quarters[0].logs == Double(withBackups.logs + untested.logs) / 2)
        let blind = TrendReport(team: "Review Team", runs: runs, items: [], reportDate: day)
        #expect(blind.quarters[0].backups == Double(withBackups.backups + 100) / 2)
    }

    @Test("A kind drilled only more than twelve months ago counts as not drilled, with when it last was")
    func staleKinds() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20250101-aaaa", startedAt: ReviewFixture.date("2025-01-01"), gaps: false)
        let report = TrendReport(team: "Review Team", runs: try database.runs(RunFilter(limit: nil)), items: [],
                                 library: [.dataExposure: ["review-test"]], reportDate: CalendarDate(year: 2026, month: 6, day: 1)!)
        let gap = try #require(report.kindsNotDrilled.first { $0.kind == .dataExposure })
        #expect(gap.lastDrilled.map(Timestamp8601.day)?.description == "2025-01-01")
        #expect(gap.scenarios == ["review-test"])
        #expect(report.quarters.count == 6)
    }

    @Test("Comparing two runs shows score changes, needs that improved, answers that differ and time to each deadline")
    func comparison() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), gaps: true, answers: ["2", "1", "no"])
        try ReviewFixture.play(database, id: "20270224-good", startedAt: ReviewFixture.day(92), gaps: false, answers: ["1", "1", "yes"])
        let later = try ReviewedRun.load("20270224-good", from: database), earlier = try ReviewedRun.load("20261124-gaps", from: database)
        // Given in either order, the earlier run is "before".
        let comparison = RunComparison(later, earlier)
        #expect(comparison.before.runId == "20261124-gaps" && comparison.after.runId == "20270224-good")
        #expect(comparison.sameScenario && !comparison.samePreparedness)
        let overall = try #require(comparison.scores.first { $0.name == "overall" })
        #expect(overall.change == (overall.after ?? 0) - (overall.before ?? 0) && (overall.change ?? 0) > 0)
        #expect(comparison.improvedNeeds.map(\.needId) == ["partner", "trail"])
        #expect(comparison.regressedNeeds.isEmpty)
        #expect(comparison.needs.first { $0.needId == "source" }?.movement == .unchanged)
        // The same contact number is a different person once the partner is on file.
        #expect(comparison.answers.map(\.promptId) == ["first", "call", "notify"])
        #expect(comparison.answers[1].before?.answer == "Vendor desk (platform vendor)" && comparison.answers[1].after?.answer == "Blue Harbor Security (incident-response partner)")
        #expect(comparison.sameAnswers == 0)
        let regulator = try #require(comparison.deadlines.first { $0.id == "regulator" })
        #expect(regulator.before?.met == false && regulator.after?.met == true)
        #expect((regulator.changeHours ?? 0) < 0)
        #expect(regulator.changeHours == (regulator.after?.reachedHours ?? 0) - (regulator.before?.reachedHours ?? 0))
    }
}

@Suite("Searching stored runs")
struct ReviewSearchTests {
    @Test("Search finds answers, notes and findings by word, stemmed, and shows the run and step")
    func findsSteps() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), gaps: true, notes: ["Legal asked about the DPA clock"])
        let notes = try database.search("dpa")
        #expect(notes.count == 1)
        #expect(notes.first?.kind == "note" && notes.first?.runId == "20261124-gaps" && notes.first?.seq != nil)
        #expect(notes.first?.snippet(marking: "[", "]").contains("[DPA]") == true)
        let findings = try database.search("incident-response partner")
        #expect(findings.contains { $0.needId == "partner" && $0.seq == nil })
        #expect(try database.search("preserving").contains { $0.kind == "answer" }, "stemming matches preserve")
        #expect(try database.search("pres*").contains { $0.kind == "answer" })
        #expect(try database.search("dpa", team: "Nobody").isEmpty)
    }

    @Test("When more steps match than a search ranks, the best of the newest are returned, and it says so")
    func searchRanksTheNewest() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261120-oldr", startedAt: ReviewFixture.day(0), gaps: true, notes: ["insurer insurer insurer policy"])
        try ReviewFixture.play(database, id: "20261126-newr", startedAt: ReviewFixture.day(6), gaps: true, notes: ["the insurer policy"])
        let all = try database.searchResults("insurer", window: 100)
        #expect(!all.rankedNewestOnly)
        #expect(all.hits.first?.runId == "20261120-oldr")  // the better match, though older
        let newest = try database.searchResults("insurer", window: 1)
        #expect(newest.rankedNewestOnly)
        #expect(newest.hits.map(\.runId) == ["20261126-newr"])
        // The window counts the team's matches, not everyone's.
        #expect(try database.searchResults("insurer", team: "Nobody", window: 1).hits.isEmpty)
    }

    @Test("Answers wait outside the index until their run pauses or ends, yet a search finds them at once")
    func indexAfterAnswers() throws {
        let database = try AppDatabase.inMemory()
        try database.createRun(StoreFixture.run(), participants: [], findings: [])
        let note = DrillEvent(kind: .note, simulated: .hours(1), text: "the insurer hotline rang out")
        try database.appendEvents([note, note], runID: "20261124-abcd", firstSeq: 1, recordedAt: ReviewFixture.day(0))
        func count(_ table: String) throws -> Int {
            try database.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
        }
        #expect(try count("searchPending") == 2)
        let indexedBefore = try count("searchIndex")

        // A search of a run still in progress indexes what waits, then finds it.
        #expect(try database.search("hotline").map(\.seq) == [1, 2])
        #expect(try count("searchPending") == 0)
        #expect(try count("searchIndex") == indexedBefore + 2)
        #expect(try count("searchIndexRun") == (try count("searchIndex")))

        // Pausing indexes the steps since; deleting the run removes its entries and what still waits.
        try database.appendEvent(note, runID: "20261124-abcd", seq: 3, recordedAt: ReviewFixture.day(0))
        try database.setStatus(runID: "20261124-abcd", .paused, endedAt: nil)
        #expect(try count("searchPending") == 0)
        try database.appendEvent(note, runID: "20261124-abcd", seq: 4, recordedAt: ReviewFixture.day(0))
        _ = try database.deleteRuns(startedBefore: ReviewFixture.day(400), reason: "test")
        #expect(try count("searchPending") == 0)
        #expect(try count("searchIndex") == 0 && (try count("searchIndexRun")) == 0)
    }

    @Test("Findings wait outside the index with the answers (none enters it while its run is written), yet a search finds them at once")
    func findingsWaitForTheIndex() throws {
        let database = try AppDatabase.inMemory()
        func count(_ table: String) throws -> Int {
            try database.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
        }
        try database.createRun(StoreFixture.run(), participants: [], findings: StoreFixture.findings)
        #expect(try count("searchPendingFinding") == StoreFixture.findings.count)
        #expect(try count("searchIndex") == 0)

        // A search indexes what waits, then finds the finding, named by its need, with no step.
        let hits = try database.search("intrusion")
        #expect(hits.map(\.needId) == ["admin-logs"] && hits.map(\.seq) == [nil])
        #expect(try count("searchPendingFinding") == 0)
        #expect(try count("searchIndex") == StoreFixture.findings.count)
        #expect(try count("searchIndexRun") == StoreFixture.findings.count)

        // Finishing a run indexes its findings in the same transaction; deleting it leaves nothing behind.
        try database.createRun(StoreFixture.run("20261124-efgh"), participants: [], findings: StoreFixture.findings)
        try database.setStatus(runID: "20261124-efgh", .paused, endedAt: nil)
        #expect(try count("searchPendingFinding") == 0)
        #expect(try count("searchIndex") == 2 * StoreFixture.findings.count)
        try database.createRun(StoreFixture.run("20261124-ijkl"), participants: [], findings: StoreFixture.findings)
        _ = try database.deleteRuns(startedBefore: ReviewFixture.day(400), reason: "test")
        #expect(try count("searchPendingFinding") == 0)
        #expect(try count("searchIndex") == 0 && (try count("searchIndexRun")) == 0)
    }

    @Test("Search text is never query syntax", arguments: ["\"", "AND OR NOT", "a\"b", "(x", "*", "NEAR(", "-", "col:umn", "\u{0}"])
    func queryIsQuoted(_ text: String) throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), gaps: true)
        _ = try database.search(text)
    }

    @Test("Deleted runs leave the search index, and only they do")
    func deletedRunsLeaveTheIndex() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), gaps: true)
        try ReviewFixture.play(database, id: "20261126-kept", startedAt: ReviewFixture.day(2), gaps: true)
        #expect(Set(try database.search("preserve").map(\.runId)) == ["20261124-gaps", "20261126-kept"])
        func entries() throws -> [String: Int] {
            try database.reader.read { db in
                let counts = try Row.fetchAll(db, sql: "SELECT runID, COUNT(*) FROM searchIndex GROUP BY runID")
                let mapped = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchIndexRun") ?? 0
                #expect(mapped == counts.reduce(0) { $0 + ($1[1] as Int) })
                return Dictionary(uniqueKeysWithValues: counts.map { ($0[0] as String, $0[1] as Int) })
            }
        }
        let before = try entries()
        _ = try database.deleteRuns(startedBefore: ReviewFixture.day(1), reason: "test")
        #expect(Set(try database.search("preserve").map(\.runId)) == ["20261126-kept"])
        #expect(try entries() == ["20261126-kept": before["20261126-kept"] ?? -1])
    }
}
