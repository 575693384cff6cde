import Foundation

/// Why a stored run cannot be reviewed: the reasons a stored run cannot be opened
/// (``StoredRun/Failure``), one type for both, so that a command maps them in one place.
public typealias ReviewFailure = StoredRun.Failure

/// A run read for review: its transcript with the scenario and preparedness it was played
/// against, and what follows from them: each answer against what was expected, each deadline
/// with when it was reached, the timeline.
public struct ReviewedRun: Sendable {
    /// The run as stored.
    public let transcript: RunTranscript
    /// The scenario as played.
    public let scenario: Scenario
    /// The preparedness as played.
    public let profile: PreparednessProfile
    /// The scenario assessed against the preparedness on the run's `asOf` day.
    public let assessment: Assessment

    /// Reads the scenario and preparedness stored in a transcript.
    public init(_ transcript: RunTranscript) throws(ReviewFailure) {
        self.transcript = transcript
        do {
            // Parsed where every stored run's texts are: through the process's content cache.
            let content = try TranscriptContentCache.shared.storedContent(scenarioYAML: transcript.scenarioYAML,
                                                                          preparednessYAML: transcript.preparednessYAML)
            scenario = content.scenario
            profile = content.profile
        } catch {
            throw .content(runID: transcript.id, error.diagnostics)
        }
        let edition = AssessmentEdition(playedAt: transcript.startedAt)
        let (played, asOf) = (profile, transcript.asOf)
        // A run judged against evidence is reviewed against the same evidence, so its findings carry their provenance.
        assessment = (transcript.evidence.map { Assessor(evidence: $0.judge(played, asOf: asOf), asOf: asOf, edition: edition) }
            ?? Assessor(profile: played, asOf: asOf, edition: edition)).assess(scenario)
    }

    /// Loads a run by id or unique prefix.
    public static func load(_ idOrPrefix: String, from database: AppDatabase) throws(ReviewFailure) -> ReviewedRun {
        let transcript: RunTranscript
        do {
            transcript = try RunTranscript(runID: idOrPrefix, from: database)
        } catch {
            throw .store(error)
        }
        return try ReviewedRun(transcript)
    }

    /// The run's findings, as stored when it started.
    public var findings: [CheckReport.NeedResult] { transcript.findings }

    /// Every answer, in order, with the question and what was expected.
    public var answers: [AnswerReview] {
        // A free-text answer counts once a facilitator grades it; the latest grade stands.
        var grades: [String: EventRecord] = [:]
        for event in transcript.events where event.kind == .grade { grades[event.promptID ?? ""] = event }
        return transcript.events.filter { $0.kind == .answer }.map { event in
            let prompt = scenario.prompts.first { $0.id == event.promptID }
            var review = AnswerReview(
                seq: event.seq, simulatedHours: event.simulatedHours, promptId: event.promptID ?? "",
                question: prompt?.question ?? event.promptID ?? "", answer: event.text, canonicalAnswer: event.answer,
                actor: event.actor, met: event.met, points: event.points, maxPoints: event.maxPoints, delayHours: event.delayHours,
                expected: prompt.flatMap(Self.expected), explanation: prompt?.explanation)
            if event.met == nil, let grade = grades[event.promptID ?? ""] {
                review.grade = grade.answer
                review.met = grade.answer == "met"
                review.points = grade.points
                review.maxPoints = grade.maxPoints
            }
            return review
        }
    }

    /// Each deadline of the scenario: when it fell due, and when the team reached it (once the run settled it).
    public var deadlines: [DeadlineReview] {
        assessment.deadlines.map { outcome in
            let title = scenario.deadlines.first { $0.id == outcome.deadlineID }?.title ?? outcome.title
            let causes = outcome.causes.map { DeadlineReview.Cause(needId: $0.needID, delayHours: $0.delay.hours) }
            guard let index = transcript.events.firstIndex(where: { $0.kind == .deadline && $0.deadlineID == outcome.deadlineID }) else {
                return DeadlineReview(id: outcome.deadlineID, title: title, dueHours: outcome.due.hours, reachedHours: nil, met: nil,
                                      causes: causes, choicesDelayHours: 0)
            }
            // The team's own choices push every deadline not yet settled, as the engine counts them.
            let choices = transcript.events[..<index].filter { $0.kind == .answer }.compactMap(\.delayHours).reduce(0, +)
            let reached = outcome.reached.hours + choices
            return DeadlineReview(id: outcome.deadlineID, title: title, dueHours: outcome.due.hours, reachedHours: reached,
                                  met: transcript.events[index].met ?? (reached <= outcome.due.hours), causes: causes,
                                  choicesDelayHours: choices)
        }
    }

    /// Injects, answers, deadlines and notes in order of the simulated clock (deadlines settle as the clock passes them).
    public var timeline: [TimelineEntry] {
        transcript.events.enumerated()
            .filter { [.inject, .answer, .deadline, .note].contains($0.element.kind) }
            .sorted { ($0.element.simulatedHours, $0.offset) < ($1.element.simulatedHours, $1.offset) }
            .map { _, event in
                TimelineEntry(seq: event.seq, simulatedHours: event.simulatedHours, kind: event.kind, text: event.text,
                              actor: event.actor, met: event.met)
            }
    }

    /// The run's score, for charts and trends (`nil` until it finished).
    public var scorePoint: ScorePoint? { ScorePoint(transcript) }

    /// The local day and time at a point on the simulated clock: `Sunday 03:10 Australia/Sydney`.
    public func localTime(atHours hours: Double) -> String {
        let clock = DiscoveryClock(scenario.discovered, onOrAfter: transcript.asOf)
        let zone = scenario.discovered.timeZone
        return clock.describe(clock.instant(at: TimeSpan(hours: hours)), in: zone) + " " + zone
    }

    /// What a prompt expected, in words.
    static func expected(_ prompt: Prompt) -> String? {
        switch prompt.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            let correct = options.filter(\.correct).map(\.text)
            return correct.isEmpty ? nil : correct.joined(separator: "; ")
        case let .pickContact(roles):
            return "your " + roles.map(\.spoken).joined(separator: " or ")
        case let .yesNo(expected):
            return expected ? "yes" : "no"
        case let .estimate(expected, tolerance, unit):
            return DrillSession.number(expected) + (unit.map { " \($0)" } ?? "") + (tolerance > 0 ? " (± \(DrillSession.number(tolerance)))" : "")
        case let .freeText(guidance):
            return guidance
        }
    }
}

/// One answer with its question and what was expected.
public struct AnswerReview: Codable, Hashable, Sendable {
    /// The answer's event number.
    public var seq: Int
    /// When, on the simulated clock.
    public var simulatedHours: Double
    /// The prompt.
    public var promptId: String
    /// The question.
    public var question: String
    /// The answer as shown.
    public var answer: String
    /// The canonical answer (`isolate`, `a,c`, `contact:2`).
    public var canonicalAnswer: String?
    /// Who answered.
    public var actor: String?
    /// Whether it was the expected answer (`nil` for ungraded free text).
    public var met: Bool?
    /// Points earned.
    public var points: Int?
    /// Points possible.
    public var maxPoints: Int?
    /// Simulated hours the choice cost.
    public var delayHours: Double?
    /// What was expected, in words.
    public var expected: String?
    /// Why, as the scenario explains it.
    public var explanation: String?
    /// A facilitator's grade of a free-text answer: `met`, `partly` or `missed`.
    public var grade: String?
}

/// A deadline as a run met or missed it.
public struct DeadlineReview: Codable, Hashable, Sendable {
    /// A need whose gap pushed the deadline.
    public struct Cause: Codable, Hashable, Sendable {
        /// The need.
        public var needId: String
        /// Hours it added.
        public var delayHours: Double
    }

    /// The deadline's id.
    public var id: String
    /// What had to happen.
    public var title: String
    /// Hours after discovery it was due.
    public var dueHours: Double
    /// Hours after discovery it was reached; `nil` when the run stopped before the deadline was settled.
    public var reachedHours: Double?
    /// Whether it was met; `nil` when not settled.
    public var met: Bool?
    /// Needs that pushed it.
    public var causes: [Cause]
    /// Hours the team's own choices added before it was settled.
    public var choicesDelayHours: Double
}

/// One line of a run's timeline.
public struct TimelineEntry: Codable, Hashable, Sendable {
    /// The event's number.
    public var seq: Int
    /// When, on the simulated clock.
    public var simulatedHours: Double
    /// `inject`, `answer`, `deadline` or `note`.
    public var kind: DrillEvent.Kind
    /// The text.
    public var text: String
    /// Who answered or wrote it.
    public var actor: String?
    /// For an answer, whether it was expected; for a deadline, whether it was met.
    public var met: Bool?
}

/// One finished run's scores, for charts and trends.
public struct ScorePoint: Codable, Hashable, Sendable {
    /// The run.
    public var runId: String
    /// When it started (was recorded).
    public var startedAt: Date
    /// When it was played: ``startedAt``, or for a backfilled drill its ``playedOn`` day (see ``RunRecord/playedAt``).
    public var playedAt: Date
    /// For a drill recorded after it was held: the day it was played.
    public var playedOn: CalendarDate?
    /// Its scenario.
    public var scenarioId: String
    /// The scenario's kind.
    public var scenarioKind: String
    /// The overall score, 0–100.
    public var overall: Int
    /// The response: points earned as a percentage of points available.
    public var response: Int
    /// Per pillar, 0–100.
    public var contacts: Int
    /// Per pillar, 0–100.
    public var logs: Int
    /// Per pillar, 0–100.
    public var backups: Int
    /// Deadlines met.
    public var deadlinesMet: Int
    /// Deadlines in the scenario.
    public var deadlinesTotal: Int

    /// The scores of a finished run; `nil` for one without a score.
    public init?(_ transcript: RunTranscript) {
        guard let score = transcript.score else { return nil }
        self.init(runID: transcript.id, startedAt: transcript.startedAt, scenarioID: transcript.scenarioId,
                  scenarioKind: transcript.scenarioKind, score: score, playedOn: transcript.playedOn)
    }

    /// The scores of a stored run; `nil` for one without a score.
    public init?(_ run: RunHeader) {
        guard let score = run.score else { return nil }
        self.init(runID: run.id, startedAt: run.startedAt, scenarioID: run.scenarioID, scenarioKind: run.scenarioKind, score: score,
                  playedOn: run.playedOn)
    }

    /// Creates a point.
    public init(runID: String, startedAt: Date, scenarioID: String, scenarioKind: String, score: DrillScore, playedOn: CalendarDate? = nil) {
        runId = runID
        self.startedAt = startedAt
        self.playedOn = playedOn
        playedAt = RunRecord.playedAt(startedAt: startedAt, playedOn: playedOn)
        scenarioId = scenarioID
        self.scenarioKind = scenarioKind
        overall = score.overall
        response = score.responsePossible == 0 ? 100 : Int((100 * Double(score.responsePoints) / Double(score.responsePossible)).rounded())
        contacts = score.contacts
        logs = score.logs
        backups = score.backups
        deadlinesMet = score.deadlinesMet
        deadlinesTotal = score.deadlinesTotal
    }
}
