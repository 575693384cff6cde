import Foundation

/// An after-action report for one run, in the shape exercise planners use (HSEEP): the
/// exercise and its objectives, a rating per capability, strengths, areas for improvement
/// tied to the needs that were not met, and an improvement plan with one corrective action
/// per gap, its preparedness field, owner and due date.
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

    /// The exercise.
    public var exercise: Exercise
    /// The scenario.
    public var scenario: ScenarioOverview
    /// The score, once finished.
    public var score: DrillScore?
    /// Ratings of the response, each pillar and the deadlines.
    public var capabilities: [Capability]
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
    /// One item per area for improvement: the corrective action, field, owner, due date and state.
    public var improvementPlan: [ImprovementItem]
    /// The team's other open items (other scenarios or needs).
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
            preparednessSource: transcript.preparednessSource, preparednessHash: transcript.preparednessHash, headHash: transcript.headHash)
        self.scenario = ScenarioOverview(
            id: scenario.id, title: scenario.title, kind: scenario.kind, summary: scenario.summary, basedOn: scenario.basedOn,
            objectives: scenario.objectives, discovered: scenario.discovered.description, detectedBy: scenario.detectedBy,
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

        var strengths: [Strength] = []
        for finding in findings where finding.status == .met {
            strengths.append(Strength(kind: "need", title: "\(finding.id) (\(finding.pillar.rawValue))", detail: finding.reason))
        }
        for answer in answers where answer.met == true {
            strengths.append(Strength(kind: "decision", title: answer.question, detail: "\(answer.actor.map { "\($0): " } ?? "")\(answer.answer)"))
        }
        for deadline in deadlines where deadline.met == true {
            strengths.append(Strength(
                kind: "deadline", title: deadline.title,
                detail: "Reached at \(TimeSpan(hours: deadline.reachedHours ?? 0).clockLabel), due \(TimeSpan(hours: deadline.dueHours).clockLabel)."))
        }
        self.strengths = strengths

        let planned = items.filter { item in
            item.team == transcript.team && item.scenarioId == transcript.scenarioId && item.seenInRunIds.contains(transcript.id)
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
                itemId: planned.first { $0.needId == finding.id }?.id)
        }
        decisionsToRevisit = answers.filter { $0.met == false }
        improvementPlan = areasForImprovement.compactMap { area in planned.first { $0.needId == area.needId } }
        let plannedIDs = Set(improvementPlan.map(\.id))
        otherOpenItems = items.filter { $0.team == transcript.team && $0.state == .open && !plannedIDs.contains($0.id) }
        scoreHistory = history.sorted { ($0.startedAt, $0.runId) < ($1.startedAt, $1.runId) }
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
