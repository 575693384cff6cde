import DrillKit
import Foundation
import Testing

@Suite("After-action reports close the loop: objectives rated, lessons learned, strengths that are strengths, this run's plan")
struct ReviewLessonsTests {
    /// The review scenario with three measured objectives and one plain one.
    static let measuredYAML = ReviewFixture.scenarioYAML.replacingOccurrences(of: """
        objectives:
          - Reach the incident-response partner within the hour.
          - Reconstruct the exports from the logs.
        """, with: """
        objectives:
          - text: Reach the incident-response partner and tell the vendor in time.
            measuredBy: [call, partner, vendor]
          - { text: Reconstruct the exports from the logs., measuredBy: [trail] }
          - { text: Contain first., measuredBy: [first] }
          - Keep calm.
        """)

    static func report(_ database: AppDatabase, _ runID: String) throws -> AfterActionReport {
        try ReviewReportTests.report(database, runID)
    }

    /// Appends hot-wash answers to a stored run, as drill does after the last prompt.
    static func hotWash(_ database: AppDatabase, runID: String, _ answers: [(id: String, actor: String?, text: String)]) throws {
        var seq = try RunTranscript(runID: runID, from: database).events.count
        for answer in answers {
            seq += 1
            try database.appendEvent(DrillEvent(kind: .hotWash, simulated: .hours(6), promptID: answer.id, actor: answer.actor, text: answer.text),
                                     runID: runID, seq: seq, recordedAt: ReviewFixture.day(0).addingTimeInterval(7200 + Double(seq)))
        }
    }

    // MARK: Loading

    @Test("Objectives load as plain text (not measured) or with the prompts, needs and deadlines that measure them")
    func objectivesLoad() throws {
        #expect(Self.measuredYAML != ReviewFixture.scenarioYAML)
        let scenario = try Scenario.load(yaml: Self.measuredYAML, displayPath: "s.yaml")
        #expect(scenario.objectives.map(\.measuredBy) == [["call", "partner", "vendor"], ["trail"], ["first"], []])
        #expect(scenario.objectives.last == Objective("Keep calm."))
        let old = try Scenario.load(yaml: ReviewFixture.scenarioYAML, displayPath: "s.yaml")
        #expect(old.objectives.map(\.text) == ["Reach the incident-response partner within the hour.", "Reconstruct the exports from the logs."])
        #expect(old.objectives.allSatisfy { !$0.isMeasured })
    }

    @Test("measuredBy naming nothing, an inject, an empty list or an unknown key is a located error", arguments: [
        ("measuredBy: [call, partnr, vendor]", "no prompt, need or deadline has the id 'partnr'; did you mean 'partner'?"),
        ("measuredBy: [call, one, vendor]", "'one' is an inject; measuredBy names the prompts, needs and deadlines"),
        ("measuredBy: [call, call, vendor]", "measuredBy names 'call' twice"),
        ("measuredBy: []", "measuredBy must name at least one prompt, need or deadline"),
        ("measuredBi: [call, partner, vendor]", "unknown key 'measuredBi' in an objective; did you mean 'measuredBy'?"),
    ])
    func badMeasures(_ replacement: String, _ message: String) throws {
        let yaml = Self.measuredYAML.replacingOccurrences(of: "measuredBy: [call, partner, vendor]", with: replacement)
        #expect(yaml != Self.measuredYAML)
        do {
            _ = try Scenario.load(yaml: yaml, displayPath: "s.yaml")
            Issue.record("loaded")
        } catch {
            let diagnostic = try #require(error.diagnostics.first { $0.message.contains(message) }, "\(error.diagnostics)")
            #expect(diagnostic.line == 7)
        }
    }

    // MARK: Rating objectives

    @Test("Each measured objective is rated P, S, M or U on its measures; a plain one is not measured")
    func objectivesRated() throws {
        let database = try AppDatabase.inMemory()
        // Gaps: no partner (so "nobody on file" is the right call), logs too short; contain first.
        try ReviewFixture.play(database, id: "20261124-objs", startedAt: ReviewFixture.day(0), gaps: true, answers: ["1", "2", "yes"],
                               scenarioYAML: Self.measuredYAML)
        let ratings = try Self.report(database, "20261124-objs").objectiveRatings
        #expect(ratings.map(\.number) == [1, 2, 3, 4])
        #expect(ratings.map(\.rating) == [.m, .u, .p, nil])
        #expect(ratings[0].measures.map(\.outcome) == [.met, .unmet, .unmet])
        #expect(ratings[0].measures.map(\.kind) == ["prompt", "need", "deadline"])
        #expect(ratings[0].basis == "1 of 3 measures met, 2 unmet")
        #expect(ratings[0].measures[0].detail.contains("as expected"))
        #expect(ratings[0].measures[2].detail.hasPrefix("missed: reached at"))
        #expect(ratings[3].measured == false)
        #expect(ratings[3].basis.hasPrefix("not measured"))

        let clean = try AppDatabase.inMemory()
        try ReviewFixture.play(clean, id: "20261124-objp", startedAt: ReviewFixture.day(0), gaps: false, scenarioYAML: Self.measuredYAML)
        #expect(try Self.report(clean, "20261124-objp").objectiveRatings.map(\.rating) == [.p, .p, .p, nil])
    }

    @Test("A measure never reached never counts as met: a stopped run rates at most S, and not at all when nothing was reached")
    func unreachedMeasures() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-objz", startedAt: ReviewFixture.day(0), gaps: false, answers: ["1"],
                               scenarioYAML: Self.measuredYAML.replacingOccurrences(of: "measuredBy: [trail]", with: "measuredBy: [notify, regulator]"))
        let ratings = try Self.report(database, "20261124-objz").objectiveRatings
        // The partner need is met, the call was never asked, the vendor deadline never settled.
        #expect(ratings[0].measures.map(\.outcome) == [.notReached, .met, .notReached])
        #expect(ratings[0].rating == .s)
        #expect(ratings[1].rating == nil)
        #expect(ratings[1].basis.hasPrefix("not rated"))
    }

    @Test("Objectives and their ratings appear in Markdown, HTML and JSON")
    func objectivesInEveryFormat() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-objf", startedAt: ReviewFixture.day(0), gaps: true, answers: ["1", "2", "yes"],
                               scenarioYAML: Self.measuredYAML)
        let report = try Self.report(database, "20261124-objf")
        let markdown = report.markdown()
        #expect(markdown.contains("1. Reach the incident-response partner and tell the vendor in time. — **M** (performed with major challenges)"))
        #expect(markdown.contains("4. Keep calm. — *not measured*"))
        #expect(markdown.contains("   - ✗ need `partner` (contacts) — unmet:"))
        #expect(markdown.contains("   - ✓ prompt `call` “Whom do you call?” — answered “Nobody on file fits” by Priya, as expected"))
        let html = report.html()
        #expect(html.contains("<span class=\"badge M\">M</span> performed with major challenges"))
        #expect(html.contains("<span class=\"badge NT\">not measured</span>"))
        let json = try DrillJSON.string(report)
        #expect(json.contains("\"objectiveRatings\""))
        #expect(json.contains("\"rating\" : \"U\""))
        #expect(json.contains("\"outcome\" : \"not-reached\"") == false)
    }

    // MARK: Lessons learned

    @Test("The hot wash is in the report in every format: per question, who said what, in the order asked")
    func lessonsLearned() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-hotw", startedAt: ReviewFixture.day(0), gaps: true)
        try Self.hotWash(database, runID: "20261124-hotw", [
            ("to-improve", "Tom", "Keep the partner's <number> off the wiki"),
            ("went-well", "Priya", "We contained before wiping."),
            ("went-well", nil, "Calm hand-over."),
        ])
        let report = try Self.report(database, "20261124-hotw")
        #expect(report.lessonsLearned.map(\.questionId) == ["went-well", "to-improve"])
        #expect(report.lessonsLearned[0].question == "What went well?")
        #expect(report.lessonsLearned[0].answers.map(\.actor) == ["Priya", nil])
        let markdown = report.markdown()
        #expect(markdown.contains("## Lessons learned (hot wash)\n\n### What went well?\n\n- **Priya:** We contained before wiping.\n- **The team:** Calm hand-over."))
        #expect(markdown.contains("### What should we improve?\n\n- **Tom:** Keep the partner's \\<number\\> off the wiki"))
        let html = report.html()
        #expect(html.contains("<h3>What should we improve?</h3><ul class=\"plain\"><li><strong>Tom:</strong> Keep the partner&#39;s &lt;number&gt; off the wiki</li></ul>"))
        let json = try DrillJSON.string(report)
        #expect(json.contains("\"lessonsLearned\""))
        #expect(json.contains("\"question\" : \"What went well?\""))

        let none = try AppDatabase.inMemory()
        try ReviewFixture.play(none, id: "20261124-nohw", startedAt: ReviewFixture.day(0), gaps: true)
        #expect(try Self.report(none, "20261124-nohw").markdown().contains("No hot wash was recorded for this drill."))
    }

    // MARK: Strengths

    @Test("A strength never names what an area for improvement names: the right contact who answers late is no strength")
    func strengthsExcludeGaps() throws {
        let database = try AppDatabase.inMemory()
        let lateYAML = ReviewFixture.preparednessYAML(gaps: false).replacingOccurrences(
            of: "    availability: 24x7\n    confirmed: 2026-10-01\n    storedOffPlatform: true\n  - role: platform-vendor",
            with: "    availability: Mon-Fri 09:00-17:00 UTC\n    confirmed: 2026-10-01\n    storedOffPlatform: true\n  - role: platform-vendor")
        #expect(lateYAML != ReviewFixture.preparednessYAML(gaps: false))
        try ReviewFixture.play(database, id: "20261124-late", startedAt: ReviewFixture.day(0), gaps: false, preparednessYAML: lateYAML)
        let report = try Self.report(database, "20261124-late")
        #expect(report.areasForImprovement.map(\.needId) == ["partner"])
        // The partner was the expected call, but answers on Monday: a gap, not a strength.
        #expect(try ReviewedRun.load("20261124-late", from: database).answers.first { $0.promptId == "call" }?.met == true)
        #expect(!report.strengths.contains { $0.kind == "decision" && $0.title == "Whom do you call?" })
        #expect(report.strengths.contains { $0.kind == "decision" && $0.title == "What now?" })
        let pushed = Set(report.areasForImprovement.flatMap { $0.deadlines.map(\.title) })
        #expect(!pushed.isEmpty)
        let named = Set(report.areasForImprovement.map(\.needId))
        for strength in report.strengths {
            #expect(!(strength.kind == "deadline" && pushed.contains(strength.title)), "\(strength)")
            #expect(!(strength.kind == "need" && named.contains(String(strength.title.prefix { $0 != " " }))), "\(strength)")
        }
    }

    // MARK: Improvement plan

    @Test("The plan has the HSEEP columns and lists only this run's items; the team's other open items stand apart")
    func planSeparatesOtherItems() throws {
        let database = try AppDatabase.inMemory()
        // Another scenario whose gap asks for another fix (one item per fix: the same fix would be one item).
        let other = ReviewFixture.scenarioYAML.replacingOccurrences(of: "id: review-test", with: "id: other-test")
            .replacingOccurrences(of: "role: incident-response-partner, within: 2h", with: "role: legal-adviser, within: 2h")
        try ReviewFixture.play(database, id: "20261123-othr", startedAt: ReviewFixture.day(-1), gaps: true, scenarioYAML: other)
        try ReviewFixture.play(database, id: "20261124-this", startedAt: ReviewFixture.day(0), gaps: true)
        let report = try Self.report(database, "20261124-this")
        #expect(!report.improvementPlan.isEmpty)
        #expect(report.improvementPlan.allSatisfy { $0.seenInRunIds.contains("20261124-this") })
        #expect(!report.otherOpenItems.isEmpty)
        #expect(report.otherOpenItems.allSatisfy { !$0.seenInRunIds.contains("20261124-this") })
        let markdown = report.markdown()
        #expect(markdown.contains("| Item | Capability | Corrective action | Responsible | Start | Completion (due) | Status |"))
        #expect(markdown.contains("| #\(report.improvementPlan[0].id) | Contacts | "))
        let plan = try #require(markdown.range(of: "## Improvement plan"))
        let others = try #require(markdown.range(of: "## Other open items of Review Team"))
        #expect(plan.upperBound < others.lowerBound)
        // No other scenario's item is in the plan's own section.
        let planSection = markdown[plan.upperBound..<others.lowerBound]
        #expect(!planSection.contains("other-test"))
        let html = report.html()
        #expect(html.contains("<th>Capability</th><th>Corrective action</th><th>Responsible</th><th class=\"num\">Start</th><th class=\"num\">Completion (due)</th><th>Status</th>"))
        #expect(html.contains("<section class=\"other-items\"><h2>Other open items of Review Team</h2>"))
    }

    @Test("Items this run found met are reported as closed by it")
    func closedByThisRun() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261123-open", startedAt: ReviewFixture.day(-1), gaps: true)
        try ReviewFixture.play(database, id: "20261124-shut", startedAt: ReviewFixture.day(0), gaps: false)
        let report = try Self.report(database, "20261124-shut")
        #expect(report.itemsClosedByThisRun.map(\.needId) == ["partner", "trail"])
        #expect(report.improvementPlan.isEmpty && report.otherOpenItems.isEmpty)
        #expect(report.markdown().contains("**Closed by this drill:** #"))
    }
}
