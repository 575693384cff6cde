import Foundation

/// What changed between two runs: scores, needs that became met or regressed, answers that
/// differ, and the time to each deadline. The earlier run is `before`.
public struct RunComparison: Codable, Hashable, Sendable {
    /// One run, as compared.
    public struct Side: Codable, Hashable, Sendable {
        /// The run.
        public var runId: String
        /// Its team.
        public var team: String
        /// Its scenario.
        public var scenarioId: String
        /// The scenario's title.
        public var scenarioTitle: String
        /// When it started.
        public var startedAt: Date
        /// Where it stands.
        public var status: RunStatus
        /// The day records were judged on.
        public var asOf: CalendarDate
        /// SHA-256 of its preparedness text.
        public var preparednessHash: String
        /// Its score, once finished.
        public var score: DrillScore?
    }

    /// A score on both sides.
    public struct ScoreChange: Codable, Hashable, Sendable {
        /// `overall`, `response`, `contacts`, `logs`, `backups`, `deadlines`.
        public var name: String
        /// Before (`nil` when that run has no score).
        public var before: Int?
        /// After.
        public var after: Int?
        /// After minus before.
        public var change: Int?
    }

    /// How a need's status moved.
    public enum Movement: String, Codable, Hashable, Sendable {
        case improved, regressed, unchanged, added, removed
    }

    /// A need on both sides.
    public struct NeedChange: Codable, Hashable, Sendable {
        /// The need.
        public var needId: String
        /// Its pillar.
        public var pillar: Pillar
        /// Its status before (`nil` when the earlier run's scenario lacks it).
        public var before: NeedStatus?
        /// Its status after.
        public var after: NeedStatus?
        /// Improved, regressed, unchanged, added or removed.
        public var movement: Movement
        /// The reason before.
        public var reasonBefore: String?
        /// The reason after.
        public var reasonAfter: String?
    }

    /// A prompt answered differently.
    public struct AnswerChange: Codable, Hashable, Sendable {
        /// The prompt.
        public var promptId: String
        /// The question.
        public var question: String
        /// The answer before (`nil` when the prompt was not reached).
        public var before: AnswerReview?
        /// The answer after.
        public var after: AnswerReview?
    }

    /// A deadline on both sides.
    public struct DeadlineChange: Codable, Hashable, Sendable {
        /// The deadline.
        public var id: String
        /// What had to happen.
        public var title: String
        /// Hours after discovery it was due (after).
        public var dueHours: Double
        /// Before.
        public var before: DeadlineReview?
        /// After.
        public var after: DeadlineReview?
        /// Hours sooner (negative) or later it was reached.
        public var changeHours: Double?
    }

    /// The earlier run.
    public var before: Side
    /// The later run.
    public var after: Side
    /// Whether both ran the same scenario.
    public var sameScenario: Bool
    /// Whether both were played against the same preparedness text.
    public var samePreparedness: Bool
    /// Scores.
    public var scores: [ScoreChange]
    /// Needs, in the later scenario's order, then those only the earlier one had.
    public var needs: [NeedChange]
    /// Prompts answered differently.
    public var answers: [AnswerChange]
    /// Prompts answered the same way.
    public var sameAnswers: Int
    /// Deadlines.
    public var deadlines: [DeadlineChange]
    /// Both runs' timelines, for the chart.
    public var timelines: [[TimelineEntry]]
    /// The team's finished drills, for the chart of scores over time.
    public var scoreHistory: [ScorePoint]

    /// Compares two runs; whichever started first is `before`.
    public init(_ first: ReviewedRun, _ second: ReviewedRun, history: [ScorePoint] = []) {
        let (a, b) = (first.transcript.startedAt, first.transcript.id) <= (second.transcript.startedAt, second.transcript.id)
            ? (first, second) : (second, first)
        before = Self.side(a)
        after = Self.side(b)
        sameScenario = a.transcript.scenarioId == b.transcript.scenarioId
        samePreparedness = a.transcript.preparednessHash == b.transcript.preparednessHash

        func score(_ name: String, _ pick: (DrillScore) -> Int) -> ScoreChange {
            let x = a.transcript.score.map(pick), y = b.transcript.score.map(pick)
            return ScoreChange(name: name, before: x, after: y, change: x.flatMap { x in y.map { $0 - x } })
        }
        scores = [
            score("overall", \.overall),
            score("response") { $0.responsePossible == 0 ? 100 : Int((100 * Double($0.responsePoints) / Double($0.responsePossible)).rounded()) },
            score("contacts", \.contacts), score("logs", \.logs), score("backups", \.backups),
            score("deadlines met", \.deadlinesMet),
        ]

        var needs: [NeedChange] = []
        for finding in b.findings {
            let old = a.findings.first { $0.id == finding.id }
            let movement: Movement = old.map { $0.status == finding.status ? .unchanged : finding.status < $0.status ? .improved : .regressed } ?? .added
            needs.append(NeedChange(needId: finding.id, pillar: finding.pillar, before: old?.status, after: finding.status, movement: movement,
                                    reasonBefore: old?.reason, reasonAfter: finding.reason))
        }
        for finding in a.findings where !b.findings.contains(where: { $0.id == finding.id }) {
            needs.append(NeedChange(needId: finding.id, pillar: finding.pillar, before: finding.status, after: nil, movement: .removed,
                                    reasonBefore: finding.reason, reasonAfter: nil))
        }
        self.needs = needs

        let answersBefore = a.answers, answersAfter = b.answers
        var prompts: [String] = []
        for answer in answersAfter + answersBefore where !prompts.contains(answer.promptId) { prompts.append(answer.promptId) }
        var changes: [AnswerChange] = []
        var same = 0
        for prompt in prompts {
            let x = answersBefore.last { $0.promptId == prompt }, y = answersAfter.last { $0.promptId == prompt }
            if let x, let y, x.canonicalAnswer == y.canonicalAnswer, x.met == y.met {
                same += 1
            } else {
                changes.append(AnswerChange(promptId: prompt, question: y?.question ?? x?.question ?? prompt, before: x, after: y))
            }
        }
        answers = changes
        sameAnswers = same

        let deadlinesBefore = a.deadlines, deadlinesAfter = b.deadlines
        var deadlines = deadlinesAfter.map { deadline in
            let old = deadlinesBefore.first { $0.id == deadline.id }
            let change = old?.reachedHours.flatMap { x in deadline.reachedHours.map { $0 - x } }
            return DeadlineChange(id: deadline.id, title: deadline.title, dueHours: deadline.dueHours, before: old, after: deadline, changeHours: change)
        }
        for deadline in deadlinesBefore where !deadlinesAfter.contains(where: { $0.id == deadline.id }) {
            deadlines.append(DeadlineChange(id: deadline.id, title: deadline.title, dueHours: deadline.dueHours, before: deadline, after: nil, changeHours: nil))
        }
        self.deadlines = deadlines
        timelines = [a.timeline, b.timeline]
        scoreHistory = history.sorted { ($0.playedAt, $0.runId) < ($1.playedAt, $1.runId) }
    }

    private static func side(_ run: ReviewedRun) -> Side {
        let t = run.transcript
        return Side(runId: t.id, team: t.team, scenarioId: t.scenarioId, scenarioTitle: t.scenarioTitle, startedAt: t.startedAt,
                    status: t.status, asOf: t.asOf, preparednessHash: t.preparednessHash, score: t.score)
    }

    /// Needs that became better.
    public var improvedNeeds: [NeedChange] { needs.filter { $0.movement == .improved } }
    /// Needs that became worse.
    public var regressedNeeds: [NeedChange] { needs.filter { $0.movement == .regressed } }
}
