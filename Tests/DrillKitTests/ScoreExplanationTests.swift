import DrillKit
import Testing

@Suite("The debrief explains the score")
struct ScoreExplanationTests {
    @Test("Each part says what it is worth and what the run earned, and the parts add up to the overall")
    func partsAddUp() {
        let score = DrillScore(responsePoints: 27, responsePossible: 40, contacts: 50, logs: 25, backups: 100, deadlinesMet: 2, deadlinesTotal: 4)
        let parts = score.explanation
        #expect(parts.map(\.part) == ["response", "contacts", "logs", "backups", "deadlines"])
        #expect(parts[0].rule == "40 × 27 of 40 points" && parts[0].earned == 27)
        #expect(parts[4].rule == "15 × 2 of 4 met" && parts[4].earned == 7.5)
        let total = parts.map(\.earned).reduce(0, +)
        #expect(abs(total - 60.75) < 1e-9)
        #expect(score.overall == Int(total.rounded()))
    }

    @Test("A multiple-choice answer with some of its points is partly as expected, not missed")
    func partlyRight() {
        let partly = DrillEvent(kind: .answer, simulated: .zero, text: "a", answer: "a", points: 3, maxPoints: 10, met: false)
        let missed = DrillEvent(kind: .answer, simulated: .zero, text: "b", answer: "b", points: 0, maxPoints: 10, met: false)
        let right = DrillEvent(kind: .answer, simulated: .zero, text: "c", answer: "c", points: 10, maxPoints: 10, met: true)
        #expect(partly.answerOutcome == .partly)
        #expect(missed.answerOutcome == .missed)
        #expect(right.answerOutcome == .expected)
        #expect(DrillEvent(kind: .note, simulated: .zero, text: "n").answerOutcome == nil)
    }
}
