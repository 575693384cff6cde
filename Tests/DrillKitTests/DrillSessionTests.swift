import DrillKit
import Testing

@Suite("The drill engine")
struct DrillSessionTests {
    static let scenarioYAML = """
        id: engine
        title: Engine test
        kind: data-exposure
        summary: For the engine.
        onset: 30d
        discovered: Saturday 23:00 UTC
        needs:
          - { id: partner, pillar: contacts, role: incident-response-partner }
          - { id: legal, pillar: contacts, role: legal-adviser }
        deadlines:
          - { id: early, title: Early call, due: 2h, takes: 1h }
          - { id: vendor, title: Vendor told, due: 10h, takes: 4h }
          - { id: late, title: Regulator told, due: 72h, takes: 40h, needs: [legal] }
        injects:
          - id: start
            at: +0h
            title: It starts
            narrative: Something is wrong.
            consequences:
              - { need: partner, when: met, narrative: Your partner is on standby. }
              - { need: legal, when: [unmet, partial], narrative: Nobody knows a lawyer. }
            prompts:
              - id: first
                kind: single-choice
                question: What now?
                options:
                  - { id: act, text: Act now, correct: true }
                  - { id: wait, text: Wait for more evidence, next: worse, cost: 6h }
              - id: who
                kind: pick-contact
                question: Whom do you call?
                expected: incident-response-partner
          - id: calm
            at: +3h
            title: Calm
            narrative: Things settle.
            prompts:
              - { id: count, kind: estimate, question: How many tenants?, expected: 40, tolerance: 5, unit: tenants }
              - { id: notes, kind: free-text, question: What do you tell customers?, expected: What happened and what to do }
            next: end
          - id: worse
            at: +12h
            title: Worse
            narrative: It got worse.
            prompts:
              - { id: sure, kind: yes-no, question: Tell the vendor now?, expected: yes, onIncorrect: end }
        """

    let scenario: Scenario
    let team: PreparednessProfile

    init() throws {
        scenario = try Scenario.load(yaml: Self.scenarioYAML, displayPath: "engine.yaml")
        team = PreparednessProfile(team: "T", contacts: [
            Contact(role: .incidentResponsePartner, name: "Blue Harbor", availability: .aroundTheClock, confirmed: Fixture.date("2026-06-01"), storedOffPlatform: true),
            Contact(role: .communications, name: "Tom", availability: Availability(parsing: "Mon-Fri 09:00-17:00 UTC")!, confirmed: Fixture.date("2026-06-01"), storedOffPlatform: true),
        ])
    }

    func session() -> DrillSession { DrillSession(scenario: scenario, profile: team, asOf: Fixture.asOf) }

    @Test("A drill opens with the first inject, the consequences that apply, and the first prompt")
    func opening() {
        let drill = session()
        #expect(drill.events.map(\.kind) == [.inject, .consequence, .consequence, .prompt])
        #expect(drill.events[1].text == "Your partner is on standby.")
        #expect(drill.events[2].text == "Nobody knows a lawyer." && drill.events[2].needID == "legal")
        #expect(drill.pendingPrompt?.id == "first")
        #expect(drill.injectsShown == 1)
    }

    @Test("An invalid answer is rejected and changes nothing", arguments: ["", "7", "maybe", String(repeating: "x", count: 2_001)])
    func rejectsInvalid(input: String) {
        var drill = session()
        let before = drill.events
        #expect(throws: AnswerRejection.self) { try drill.answer(input) }
        #expect(drill.events == before)
        #expect(drill.pendingPrompt?.id == "first")
    }

    @Test("Answers are accepted by number or by option id")
    func numberOrID() throws {
        var byNumber = session(), byID = session()
        try byNumber.answer("1")
        try byID.answer("act")
        #expect(byNumber.events == byID.events)
    }

    @Test("Without a branch the drill moves to the next prompt, then the following inject, and the clock follows")
    func sequentialFlow() throws {
        var drill = session()
        try drill.answer("act")
        #expect(drill.pendingPrompt?.id == "who")
        try drill.answer("1", by: "Priya")
        #expect(drill.pendingPrompt?.id == "count")
        #expect(drill.now == .hours(3))
        #expect(drill.events.contains { $0.kind == .answer && $0.actor == "Priya" && $0.answer == "contact:1" && $0.met == true })
    }

    @Test("A choice's branch is taken after the inject's last prompt, and its cost moves deadlines")
    func branchAndCost() throws {
        var drill = session()
        try drill.answer("wait")
        try drill.answer("1")
        #expect(drill.pendingPrompt?.id == "sure")
        #expect(drill.now == .hours(12))
        #expect(drill.teamDelay == .hours(6))
        // The 10 h vendor deadline (4 h of work + 6 h lost) is still met; the 2 h call was due before the branch.
        let deadlines = drill.events.filter { $0.kind == .deadline }
        #expect(deadlines.map(\.deadlineID) == ["early", "vendor"])
        #expect(deadlines.map(\.met) == [false, true])
    }

    @Test("An incorrect yes-no answer follows onIncorrect")
    func onIncorrect() throws {
        var drill = session()
        try drill.answer("wait")
        try drill.answer("1")
        try drill.answer("no")
        #expect(drill.isFinished)
        #expect(drill.events.last?.kind == .ended)
        #expect(throws: AnswerRejection.self) { try drill.answer("yes") }
    }

    @Test("Calling a 24x7 contact is immediate; a business-hours one on Saturday night waits for Monday")
    func callNarratives() throws {
        var drill = session()
        try drill.answer("act")
        try drill.answer("1")
        #expect(drill.events.contains { $0.kind == .consequence && $0.text.contains("Blue Harbor (24x7): they answer straight away") })
        var other = session()
        try other.answer("act")
        try other.answer("2")
        let narration = try #require(other.events.first { $0.kind == .consequence && $0.text.hasPrefix("You call Tom") })
        #expect(narration.text.contains("Monday 09:00 UTC (+34 h)"))
        #expect(other.events.contains { $0.kind == .answer && $0.met == false && $0.points == 0 })
    }

    @Test("Calling nobody although the team has the role on file says so, with the right article")
    func callingNobody() throws {
        var drill = session()
        try drill.answer("act")
        try drill.answer("none")
        #expect(drill.events.contains { $0.text == "You call nobody, although your team has an incident-response partner on file." })
    }

    @Test("Having nobody of the expected role is narrated with the time it takes to find one")
    func nobodyOnFile() throws {
        let lonely = PreparednessProfile(team: "T")
        var drill = DrillSession(scenario: scenario, profile: lonely, asOf: Fixture.asOf)
        try drill.answer("act")
        try drill.answer("1")  // the only choice: nobody on file fits
        let narration = try #require(drill.events.first { $0.text.hasPrefix("You have no incident-response partner on file") })
        #expect(narration.text.contains("(+2 days)"))
        #expect(drill.events.contains { $0.kind == .answer && $0.answer == "none" && $0.met == true })
    }

    @Test("Estimates count within their tolerance; free text waits for a grader")
    func estimateAndFreeText() throws {
        var drill = session()
        try drill.answer("act")
        try drill.answer("1")
        try drill.answer("44 tenants")
        try drill.answer("We tell them what happened.")
        let answers = drill.events.filter { $0.kind == .answer }
        #expect(answers[2].answer == "44" && answers[2].met == true && answers[2].points == 10)
        #expect(answers[3].points == nil && answers[3].maxPoints == nil)
        #expect(drill.isFinished)
    }

    @Test("The score weighs response, pillars and deadlines")
    func scoring() throws {
        var drill = session()
        for answer in ["act", "1", "44", "notes"] { try drill.answer(answer) }
        let score = drill.score
        #expect(score.responsePoints == 30 && score.responsePossible == 30)
        #expect(score.contacts == 50)  // partner met, legal unmet
        #expect(score.logs == 100 && score.backups == 100)
        #expect(score.deadlinesTotal == 3)
        // early: 1 h ≤ 2 h met; vendor: 4 h ≤ 10 h met; late: 40 + 24 h (no legal adviser) = 64 h ≤ 72 h met.
        #expect(score.deadlinesMet == 3)
        #expect(score.overall == Int((40 + 15 * 2.5 + 15).rounded()))
    }

    @Test("Replaying the stored answers gives exactly the same events")
    func replay() throws {
        var drill = session()
        for (answer, actor) in [("wait", "A"), ("2", "B"), ("yes", nil)] as [(String, String?)] { try drill.answer(answer, by: actor) }
        let stored = drill.events.filter { $0.kind == .answer }.map { ($0.answer ?? "", $0.actor) }
        let replayed = try DrillSession.replaying(scenario: scenario, profile: team, asOf: Fixture.asOf, answers: stored)
        #expect(replayed.events == drill.events)
        #expect(replayed.score == drill.score)
    }
}
