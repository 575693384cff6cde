import Foundation

/// An after-action report for one run, in the shape exercise planners use (HSEEP): the
/// exercise and its objectives, each rated P/S/M/U on what measures it, a rating per
/// capability, strengths, areas for improvement tied to the needs that were not met, the
/// lessons the team named in its hot wash, and an improvement plan with one corrective action
/// per gap (capability, action, responsible, start, completion, status), kept apart from the
/// team's other open items.
public struct AfterActionReport: Codable, Hashable, Sendable {
    /// Who played what, when, against which records.
    public struct Exercise: Codable, Hashable, Sendable {
        /// The run.
        public var runId: String
        /// The team.
        public var team: String
        /// `drill` or `onboarding`.
        public var mode: String
        /// Where the run stands.
        public var status: RunStatus
        /// When it started.
        public var startedAt: Date
        /// When it finished.
        public var endedAt: Date?
        /// Who facilitated.
        public var facilitator: String?
        /// Who took part.
        public var participants: [RunTranscript.Participant]
        /// The day records were judged on.
        public var asOf: CalendarDate
        /// The preparedness file, or the embedded example team.
        public var preparednessSource: String
        /// SHA-256 of the preparedness text.
        public var preparednessHash: String
        /// The run's head hash, when the store kept a hash chain.
        public var headHash: String?
        /// For a drill recorded after it was held (`drill run --played-on`): the day it was played.
        public var playedOn: CalendarDate? = nil
    }

    /// The scenario as played.
    public struct ScenarioOverview: Codable, Hashable, Sendable {
        /// Its id.
        public var id: String
        /// Its title.
        public var title: String
        /// Its kind.
        public var kind: ScenarioKind
        /// What happened.
        public var summary: String
        /// The real-world pattern behind it.
        public var basedOn: String?
        /// The exercise objectives.
        public var objectives: [String]
        /// When discovery happens: `Sunday 03:10 Australia/Sydney`.
        public var discovered: String
        /// Who noticed.
        public var detectedBy: String?
        /// How long before discovery it began, in hours.
        public var onsetHours: Double
        /// Whether the platform is down in the scenario.
        public var platformDown: Bool
    }

    /// An HSEEP performance rating.
    public enum Rating: String, Codable, Hashable, Sendable, CaseIterable {
        /// Performed without challenges.
        case p = "P"
        /// Performed with some challenges.
        case s = "S"
        /// Performed with major challenges.
        case m = "M"
        /// Unable to be performed.
        case u = "U"
        /// Not tested: the scenario has no need in this capability, so it says nothing either way.
        case notTested = "NT"

        /// The rating's meaning.
        public var meaning: String {
            switch self {
            case .p: "performed without challenges"
            case .s: "performed with some challenges"
            case .m: "performed with major challenges"
            case .u: "unable to be performed"
            case .notTested: "not tested in this scenario"
            }
        }

        /// The rating of a score out of 100.
        public init(score: Int) {
            self = score >= 90 ? .p : score >= 60 ? .s : score > 0 ? .m : .u
        }
    }

    /// One capability's rating.
    public struct Capability: Codable, Hashable, Sendable {
        /// `Response decisions`, `Contacts`, `Logs`, `Backups`, `Deadlines`.
        public var name: String
        /// 0–100.
        public var score: Int
        /// P, S, M or U; NT when the scenario does not test it.
        public var rating: Rating
        /// What the score is made of, in a sentence.
        public var basis: String
    }

    /// Something that went well.
    public struct Strength: Codable, Hashable, Sendable {
        /// `need`, `decision` or `deadline`.
        public var kind: String
        /// What.
        public var title: String
        /// The evidence.
        public var detail: String
    }

    /// A need the preparedness did not meet, and what it cost.
    public struct AreaForImprovement: Codable, Hashable, Sendable {
        /// The need.
        public var needId: String
        /// Its pillar.
        public var pillar: Pillar
        /// Unmet or partial.
        public var status: NeedStatus
        /// Why the scenario needs it.
        public var why: String?
        /// What the records lacked, in numbers.
        public var reason: String
        /// Simulated hours it cost.
        public var delayHours: Double
        /// Hours of evidence lost.
        public var evidenceLossHours: Double
        /// Deadlines it pushed, and whether each was still met.
        public var deadlines: [PushedDeadline]
        /// The preparedness field to change.
        public var fix: String?
        /// The improvement item that tracks it.
        public var itemId: Int64?
    }

    /// A deadline that a gap pushed.
    public struct PushedDeadline: Codable, Hashable, Sendable {
        /// The deadline.
        public var id: String
        /// What had to happen.
        public var title: String
        /// Hours the gap added.
        public var delayHours: Double
        /// Whether the deadline was still met; `nil` when the run did not settle it.
        public var met: Bool?
    }

    /// What the team said in its hot wash to one question.
    public struct Lesson: Codable, Hashable, Sendable {
        /// One answer: who said what.
        public struct Answer: Codable, Hashable, Sendable {
            /// The event's number.
            public var seq: Int
            /// Who said it, when recorded.
            public var actor: String?
            /// What they said.
            public var text: String
        }

        /// The question's id (`went-well`).
        public var questionId: String
        /// The question as asked (``HotWash/question(for:)``).
        public var question: String
        /// The answers, in the order they were given.
        public var answers: [Answer]
    }

    /// One exercise objective, rated on the prompts, needs and deadlines that measure it.
    ///
    /// The rule (documented in `scenarios/README.md`): each measure is met, partial, unmet, or
    /// not reached (a prompt never asked or an ungraded free-text answer, a deadline the run did
    /// not settle). **P** when every measure was reached and met; **S** when none was unmet but
    /// some were partial or not reached; **M** when some were unmet and others met or partial;
    /// **U** when every measure reached was unmet. Not rated (`rating` is `nil`) when nothing
    /// measures the objective, or none of its measures was reached.
    public struct ObjectiveRating: Codable, Hashable, Sendable {
        /// How one measure came out.
        public enum Outcome: String, Codable, Hashable, Sendable, CaseIterable {
            case met, partial, unmet
            case notReached = "not-reached"
        }

        /// One prompt, need or deadline and how the run did on it.
        public struct Measure: Codable, Hashable, Sendable {
            /// `prompt`, `need` or `deadline`.
            public var kind: String
            /// Its id in the scenario.
            public var id: String
            /// The question, the need's pillar or the deadline's title.
            public var title: String
            /// How it came out.
            public var outcome: Outcome
            /// The evidence, in a sentence: the answer given, the finding, when the deadline was reached.
            public var detail: String
        }

        /// 1-based, in the scenario's order.
        public var number: Int
        /// The objective.
        public var text: String
        /// Whether the scenario names anything that measures it.
        public var measured: Bool
        /// P, S, M or U; `nil` when not measured or nothing measuring it was reached.
        public var rating: Rating?
        /// Why this rating, in a sentence.
        public var basis: String
        /// Each measure with its outcome, in the order the scenario names them.
        public var measures: [Measure]
    }

    /// The exercise.
    public var exercise: Exercise
    /// The scenario.
    public var scenario: ScenarioOverview
    /// The score, once finished.
    public var score: DrillScore?
    /// Ratings of the response, each pillar and the deadlines.
    public var capabilities: [Capability]
    /// Each objective of the scenario, rated on what measures it.
    public var objectiveRatings: [ObjectiveRating]
    /// The hot wash: per question, who said what.
    public var lessonsLearned: [Lesson]
    /// What went well.
    public var strengths: [Strength]
    /// Needs not met.
    public var areasForImprovement: [AreaForImprovement]
    /// Decisions that were not the expected ones.
    public var decisionsToRevisit: [AnswerReview]
    /// Every deadline.
    public var deadlines: [DeadlineReview]
    /// The run on the simulated clock.
    public var timeline: [TimelineEntry]
    /// This run's items: one per area for improvement, with the corrective action, field, owner, due date and state.
    public var improvementPlan: [ImprovementItem]
    /// Items this run found met and so closed.
    public var itemsClosedByThisRun: [ImprovementItem]
    /// The team's other open items, which this run did not find: kept apart from this run's plan.
    public var otherOpenItems: [ImprovementItem]
    /// The team's finished drills, oldest first, for the chart of scores over time.
    public var scoreHistory: [ScorePoint]
    /// The day due dates are judged on.
    public var reportDate: CalendarDate
    /// The evidence the run was judged against, and per pillar how much of it verified the claims; `nil` without evidence.
    public var evidence: EvidenceSection?

    /// Builds the report.
    ///
    /// - Parameters:
    ///   - run: the run.
    ///   - items: the team's improvement items (see ``AppDatabase/improvementItems(team:)``).
    ///   - history: the team's finished drills.
    ///   - reportDate: the day due dates are judged on.
    public init(_ run: ReviewedRun, items: [ImprovementItem], history: [ScorePoint], reportDate: CalendarDate) {
        let transcript = run.transcript
        let scenario = run.scenario
        exercise = Exercise(
            runId: transcript.id, team: transcript.team, mode: transcript.mode, status: transcript.status, startedAt: transcript.startedAt,
            endedAt: transcript.endedAt, facilitator: transcript.facilitator, participants: transcript.participants, asOf: transcript.asOf,
            preparednessSource: transcript.preparednessSource, preparednessHash: transcript.preparednessHash, headHash: transcript.headHash,
            playedOn: transcript.playedOn)
        self.scenario = ScenarioOverview(
            id: scenario.id, title: scenario.title, kind: scenario.kind, summary: scenario.summary, basedOn: scenario.basedOn,
            objectives: scenario.objectives.map(\.text), discovered: scenario.discovered.description, detectedBy: scenario.detectedBy,
            onsetHours: scenario.onset.hours, platformDown: scenario.platformDown)
        score = transcript.score
        self.reportDate = reportDate
        evidence = EvidenceSection(run)

        let findings = run.findings
        let deadlines = run.deadlines
        let answers = run.answers
        self.deadlines = deadlines
        timeline = run.timeline
        capabilities = Self.capabilities(findings: findings, answers: answers, deadlines: deadlines, score: transcript.score)

        objectiveRatings = scenario.objectives.enumerated().map { index, objective in
            Self.rate(objective, number: index + 1, scenario: scenario, findings: findings, answers: answers, deadlines: deadlines)
        }
        lessonsLearned = Self.lessons(transcript.events)

        // This run's items are those it found; an item another run found stays out of its plan.
        let planned = items.filter { item in item.team == transcript.team && item.seenInRunIds.contains(transcript.id) }
        // One item per fix may cover needs of several scenarios; this run's need is the one of its scenario.
        func item(for needID: String) -> ImprovementItem? {
            planned.first { item in item.needs.contains { $0.scenarioId == transcript.scenarioId && $0.needId == needID } }
        }
        areasForImprovement = findings.filter { $0.status != .met }.map { finding in
            let need = scenario.needs.first { $0.id == finding.id }
            let pushed = run.assessment.deadlines.compactMap { outcome -> PushedDeadline? in
                guard let cause = outcome.causes.first(where: { $0.needID == finding.id }) else { return nil }
                let review = deadlines.first { $0.id == outcome.deadlineID }
                return PushedDeadline(id: outcome.deadlineID, title: review?.title ?? outcome.title, delayHours: cause.delay.hours, met: review?.met)
            }
            return AreaForImprovement(
                needId: finding.id, pillar: finding.pillar, status: finding.status, why: need?.why, reason: finding.reason,
                delayHours: finding.delayHours, evidenceLossHours: finding.evidenceLossHours, deadlines: pushed, fix: finding.fix,
                itemId: item(for: finding.id)?.id)
        }
        strengths = Self.strengths(scenario: scenario, findings: findings, answers: answers, deadlines: deadlines, areas: areasForImprovement)
        decisionsToRevisit = answers.filter { $0.met == false }
        // Each item once, in the order of the first gap it covers.
        var plan: [ImprovementItem] = []
        for area in areasForImprovement {
            if let item = item(for: area.needId), !plan.contains(where: { $0.id == item.id }) { plan.append(item) }
        }
        improvementPlan = plan
        let plannedIDs = Set(improvementPlan.map(\.id))
        itemsClosedByThisRun = items.filter { $0.team == transcript.team && $0.state == .closed && $0.closedByRunId == transcript.id }
        otherOpenItems = items.filter { $0.team == transcript.team && $0.state == .open && !plannedIDs.contains($0.id) }
        scoreHistory = history.sorted { ($0.playedAt, $0.runId) < ($1.playedAt, $1.runId) }
    }

    /// What went well, leaving out anything an area for improvement names: a need met is a
    /// strength; a decision as expected is one unless a need it depends on (those the prompt
    /// names and, for a pick-contact prompt, the contact needs of the roles it expects) was not
    /// met, or the choice itself cost time (the right contact who answers late is no strength);
    /// a deadline met is one unless a gap pushed it.
    static func strengths(scenario: Scenario, findings: [CheckReport.NeedResult], answers: [AnswerReview], deadlines: [DeadlineReview],
                          areas: [AreaForImprovement]) -> [Strength] {
        let gaps = Set(areas.map(\.needId))
        let pushed = Set(areas.flatMap { $0.deadlines.map(\.id) })
        var strengths: [Strength] = []
        for finding in findings where finding.status == .met && !gaps.contains(finding.id) {
            strengths.append(Strength(kind: "need", title: "\(finding.id) (\(finding.pillar.rawValue))", detail: finding.reason))
        }
        for answer in answers where answer.met == true && (answer.delayHours ?? 0) <= 0 {
            guard let prompt = scenario.prompts.first(where: { $0.id == answer.promptId }) else { continue }
            if !gaps.isDisjoint(with: needs(behind: prompt, in: scenario)) { continue }
            strengths.append(Strength(kind: "decision", title: answer.question, detail: "\(answer.actor.map { "\($0): " } ?? "")\(answer.answer)"))
        }
        for deadline in deadlines where deadline.met == true && !pushed.contains(deadline.id) {
            strengths.append(Strength(
                kind: "deadline", title: deadline.title,
                detail: "Reached at \(TimeSpan(hours: deadline.reachedHours ?? 0).clockLabel), due \(TimeSpan(hours: deadline.dueHours).clockLabel)."))
        }
        return strengths
    }

    /// The needs a decision depends on: those its prompt names and, for a pick-contact prompt,
    /// the contact needs of the roles it expects.
    static func needs(behind prompt: Prompt, in scenario: Scenario) -> Set<String> {
        var ids = Set(prompt.needs)
        if case let .pickContact(roles) = prompt.kind {
            for need in scenario.needs {
                if case let .contact(requirement) = need.requirement, roles.contains(requirement.role) { ids.insert(need.id) }
            }
        }
        return ids
    }

    /// The hot-wash answers grouped by question, in the order the questions are asked (questions drill does not know last).
    static func lessons(_ events: [EventRecord]) -> [Lesson] {
        let answers = events.filter { $0.kind == .hotWash && !$0.text.isEmpty }
        var order = HotWash.questions.map(\.id)
        for event in answers where !order.contains(event.promptID ?? "") { order.append(event.promptID ?? "") }
        return order.compactMap { id in
            let said = answers.filter { ($0.promptID ?? "") == id }
            guard !said.isEmpty else { return nil }
            return Lesson(questionId: id, question: HotWash.question(for: id), answers: said.map { Lesson.Answer(seq: $0.seq, actor: $0.actor, text: $0.text) })
        }
    }

    /// Rates one objective by the rule in ``ObjectiveRating``.
    static func rate(_ objective: Objective, number: Int, scenario: Scenario, findings: [CheckReport.NeedResult], answers: [AnswerReview],
                     deadlines: [DeadlineReview]) -> ObjectiveRating {
        typealias Measure = ObjectiveRating.Measure
        let measures: [Measure] = objective.measuredBy.map { id in
            if let prompt = scenario.prompts.first(where: { $0.id == id }) {
                guard let answer = answers.last(where: { $0.promptId == id }) else {
                    return Measure(kind: "prompt", id: id, title: prompt.question, outcome: .notReached, detail: "not asked in this run")
                }
                let who = answer.actor.map { " by \($0)" } ?? ""
                let points = answer.points.flatMap { p in answer.maxPoints.map { " (\(p)/\($0) points)" } } ?? ""
                switch answer.met {
                case true?:
                    return Measure(kind: "prompt", id: id, title: prompt.question, outcome: .met, detail: "answered “\(answer.answer)”\(who), as expected\(points)")
                case false? where (answer.points ?? 0) > 0:
                    return Measure(kind: "prompt", id: id, title: prompt.question, outcome: .partial, detail: "answered “\(answer.answer)”\(who), partly as expected\(points)")
                case false?:
                    return Measure(kind: "prompt", id: id, title: prompt.question, outcome: .unmet,
                                   detail: "answered “\(answer.answer)”\(who), not as expected" + (answer.expected.map { " (expected: \($0))" } ?? ""))
                case nil:
                    return Measure(kind: "prompt", id: id, title: prompt.question, outcome: .notReached, detail: "answered “\(answer.answer)”\(who), not graded yet")
                }
            }
            if let need = scenario.needs.first(where: { $0.id == id }) {
                let title = need.pillar.rawValue
                guard let finding = findings.first(where: { $0.id == id }) else {
                    return Measure(kind: "need", id: id, title: title, outcome: .notReached, detail: "no finding stored for this need")
                }
                let outcome: ObjectiveRating.Outcome = finding.status == .met ? .met : finding.status == .partial ? .partial : .unmet
                return Measure(kind: "need", id: id, title: title, outcome: outcome, detail: "\(finding.status.rawValue): \(finding.reason)")
            }
            let title = scenario.deadlines.first { $0.id == id }?.title ?? id
            guard let deadline = deadlines.first(where: { $0.id == id }), let met = deadline.met else {
                return Measure(kind: "deadline", id: id, title: title, outcome: .notReached, detail: "not reached before the run stopped")
            }
            let when = "reached at \(TimeSpan(hours: deadline.reachedHours ?? 0).clockLabel), due \(TimeSpan(hours: deadline.dueHours).clockLabel)"
            return Measure(kind: "deadline", id: id, title: title, outcome: met ? .met : .unmet, detail: (met ? "met: " : "missed: ") + when)
        }
        guard objective.isMeasured else {
            return ObjectiveRating(number: number, text: objective.text, measured: false, rating: nil,
                                   basis: "not measured: the scenario names no prompt, need or deadline for it", measures: [])
        }
        let count = { (outcome: ObjectiveRating.Outcome) in measures.filter { $0.outcome == outcome }.count }
        let met = count(.met), partial = count(.partial), unmet = count(.unmet), notReached = count(.notReached)
        let reached = measures.count - notReached
        var parts = ["\(met) of \(measures.count) measure\(measures.count == 1 ? "" : "s") met"]
        if partial > 0 { parts.append("\(partial) partial") }
        if unmet > 0 { parts.append("\(unmet) unmet") }
        if notReached > 0 { parts.append("\(notReached) not reached") }
        let rating: Rating?
        if reached == 0 {
            rating = nil
        } else if met == measures.count {
            rating = .p
        } else if unmet == 0 {
            rating = .s
        } else if met + partial > 0 {
            rating = .m
        } else {
            rating = .u
        }
        let basis = rating == nil ? "not rated: none of its \(measures.count) measures was reached in this run" : parts.joined(separator: ", ")
        return ObjectiveRating(number: number, text: objective.text, measured: true, rating: rating, basis: basis, measures: measures)
    }

    private static func capabilities(findings: [CheckReport.NeedResult], answers: [AnswerReview], deadlines: [DeadlineReview],
                                     score: DrillScore?) -> [Capability] {
        var capabilities: [Capability] = []
        let earned = answers.compactMap(\.points).reduce(0, +), possible = answers.compactMap(\.maxPoints).reduce(0, +)
        let response = possible == 0 ? 100 : Int((100 * Double(earned) / Double(possible)).rounded())
        let expected = answers.filter { $0.met == true }.count
        let ungraded = answers.filter { $0.met == nil }.count
        capabilities.append(Capability(
            name: "Response decisions", score: response, rating: Rating(score: response),
            basis: "\(expected) of \(answers.count) decisions as expected" + (ungraded > 0 ? " (\(ungraded) free-text answer\(ungraded == 1 ? "" : "s") not graded)" : "")
                + "; \(earned) of \(possible) points"))
        for pillar in Pillar.allCases {
            let relevant = findings.filter { $0.pillar == pillar }
            let value = score.map { pillar == .contacts ? $0.contacts : pillar == .logs ? $0.logs : $0.backups }
                ?? DrillScore.pillarScore(relevant.map { Finding(needID: $0.id, pillar: $0.pillar, status: $0.status, reasons: []) }, pillar)
            let counts = NeedStatus.allCases.compactMap { status -> String? in
                let count = relevant.filter { $0.status == status }.count
                return count == 0 ? nil : "\(count) \(status.rawValue)"
            }
            // A pillar the scenario has no need in is not tested: never rated as performed.
            capabilities.append(Capability(
                name: pillar.rawValue.prefix(1).uppercased() + pillar.rawValue.dropFirst(), score: value,
                rating: relevant.isEmpty ? .notTested : Rating(score: value),
                basis: relevant.isEmpty ? "not tested: no needs in this scenario (full marks in the overall score)"
                    : "\(relevant.count) need\(relevant.count == 1 ? "" : "s"): " + counts.joined(separator: ", ")))
        }
        let settled = deadlines.filter { $0.met != nil }
        let met = settled.filter { $0.met == true }.count
        // A run stopped before any deadline fell due has nothing to rate them on yet.
        guard settled.count > 0 || deadlines.isEmpty else { return capabilities }
        let value = deadlines.isEmpty ? 100 : Int((100 * Double(met) / Double(settled.count)).rounded())
        capabilities.append(Capability(
            name: "Deadlines", score: value, rating: Rating(score: value),
            basis: deadlines.isEmpty ? "no deadlines in this scenario" : "\(met) of \(settled.count) met" + (settled.count < deadlines.count ? " (\(deadlines.count - settled.count) not reached before the run stopped)" : "")))
        return capabilities
    }
}
