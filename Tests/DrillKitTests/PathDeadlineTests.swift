import DrillKit
import Testing

@Suite("Deadlines follow the path played")
struct PathDeadlineTests {
    static let yaml = """
        id: path
        title: Path test
        kind: app-compromise
        summary: The abuse desk wants an answer.
        onset: 30d
        discovered: Sunday 03:00 UTC
        needs:
          - { id: provider, pillar: contacts, role: hosting-provider }
        deadlines:
          - { id: abuse-answered, title: Abuse case answered, due: 4h, takes: 30min }
          - { id: rebuilt, title: Hosts rebuilt, due: 72h, takes: 24h }
          - { id: told, title: Vendor told, due: 24h, takes: 1h }
        injects:
          - id: notice
            at: +0h
            title: Abuse notice
            narrative: Answer within four hours.
            prompts:
              - id: contain
                kind: single-choice
                question: What do you do?
                options:
                  - { id: isolate, text: Isolate and answer, correct: true, completes: [abuse-answered] }
                  - { id: monday, text: Reply on Monday, next: suspension, cost: 30h }
          - id: calm
            at: +6h
            title: Rebuild
            narrative: You rebuild.
            completes: [rebuilt]
            prompts:
              - { id: tell, kind: yes-no, question: Tell the vendor now?, expected: yes, completes: [told] }
            next: end
          - id: suspension
            at: +8h
            title: Suspended
            narrative: Every instance is stopped.
            prompts:
              - { id: late-tell, kind: yes-no, question: Tell the vendor now?, expected: yes, completes: [told] }
        """

    let scenario: Scenario
    init() throws { scenario = try Scenario.load(yaml: Self.yaml, displayPath: "path.yaml") }

    func play(_ answers: [String]) throws -> DrillSession {
        var session = DrillSession(scenario: scenario, profile: PreparednessProfile(team: "T"), asOf: Fixture.asOf)
        for answer in answers { try session.answer(answer) }
        #expect(session.isFinished)
        return session
    }

    func deadline(_ id: String, in session: DrillSession) -> DrillEvent? {
        session.events.first { $0.kind == .deadline && $0.deadlineID == id }
    }

    @Test("On the good path each deadline is reached when the story sets about it plus its work")
    func goodPath() throws {
        let session = try play(["isolate", "yes"])
        #expect(deadline("abuse-answered", in: session)?.met == true)
        #expect(deadline("abuse-answered", in: session)?.text.contains("done at T+00:30") == true)
        // The rebuild starts when the story comes to it (+6h), not at discovery: 6h + 24h.
        #expect(deadline("rebuilt", in: session)?.text.contains("done at T+30:00") == true)
        #expect(deadline("told", in: session)?.met == true)
        #expect(session.score.deadlinesMet == 3)
    }

    @Test("A branch that never does the work cannot report it done, and names why")
    func branchNeverDoesIt() throws {
        let session = try play(["monday", "yes"])
        let abuse = try #require(deadline("abuse-answered", in: session))
        #expect(abuse.met == false)
        #expect(abuse.text.contains("had not set about this work"))
        let rebuilt = try #require(deadline("rebuilt", in: session))
        #expect(rebuilt.met == false)
        #expect(rebuilt.text.contains("never came to this work"))
        // The vendor is told on this path too, but at +8h, after 30 hours lost to the choice.
        let told = try #require(deadline("told", in: session))
        #expect(told.met == false)
        #expect(told.text.contains("the story set about it at T+08:00"))
        #expect(session.score.deadlinesMet == 0)
    }

    @Test("A wrong answer to a prompt that completes a deadline does not set about the work")
    func wrongAnswerDoesNotComplete() throws {
        let session = try play(["isolate", "no"])
        #expect(deadline("told", in: session)?.met == false)
        #expect(deadline("told", in: session)?.text.contains("never came to this work") == true)
    }

    @Test("check keeps judging every deadline on the ideal path")
    func checkIdealPath() {
        let assessment = Assessor(profile: PreparednessProfile(team: "T"), asOf: Fixture.asOf).assess(scenario)
        #expect(assessment.deadlines.allSatisfy { $0.met })
    }

    @Test("A completes that names no deadline is a located error")
    func unknownDeadline() {
        let broken = Self.yaml.replacingOccurrences(of: "completes: [rebuilt]", with: "completes: [rebuild]")
        do {
            _ = try Scenario.load(yaml: broken, displayPath: "path.yaml")
            Issue.record("a completes naming no deadline loaded")
        } catch {
            let problem = error.diagnostics.first { $0.message.contains("no deadline has the id 'rebuild'") }
            #expect(problem?.message.contains("did you mean 'rebuilt'") == true)
            #expect(problem?.line == 29)
        }
    }
}
