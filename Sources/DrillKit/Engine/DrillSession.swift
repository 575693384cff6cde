/// A drill in progress: a value-type state machine over a scenario, the team's preparedness
/// and the answers so far. No I/O and no wall clock: the same inputs give the same events,
/// so a stored run can be replayed and re-scored exactly.
///
/// The session starts at the first prompt. Each accepted answer appends events (the answer,
/// what follows from it, the next inject and prompt) until the drill ends.
public struct DrillSession: Sendable {
    /// How the drill is played.
    public enum Mode: String, Codable, Sendable, CaseIterable {
        /// A team drill: facilitated, scored, part of the team's trends.
        case drill
        /// One new hire learning: after each decision, why, and which of the team's records it depends on.
        case onboarding
    }

    /// A facilitator's verdict on a free-text answer.
    public enum Grade: String, Codable, Sendable, CaseIterable {
        case met, partly, missed

        /// Points out of `points`: all, half, none.
        public func points(of points: Int) -> Int {
            switch self {
            case .met: points
            case .partly: points / 2
            case .missed: 0
            }
        }
    }

    /// Something a stored run's events say was put into the session, in order.
    public enum Input: Hashable, Sendable {
        /// An answer, by whom, and how long it took.
        case answer(String, actor: String?, seconds: Double?)
        /// A grade of a free-text answer.
        case grade(promptID: String, Grade, grader: String?, comment: String)
    }

    /// The scenario being played.
    public let scenario: Scenario
    /// The team's preparedness as it was when the drill started.
    public let profile: PreparednessProfile
    /// The day records are judged on.
    public let asOf: CalendarDate
    /// The scenario assessed against the preparedness.
    public let assessment: Assessment
    /// The cost of each kind of gap.
    public let costs: AssessmentCosts
    /// How the drill is played.
    public let mode: Mode
    /// The edition of the rules the assessment was made with.
    public let edition: AssessmentEdition

    /// Every event so far, in order.
    public private(set) var events: [DrillEvent] = []
    /// The simulated clock.
    public private(set) var now: TimeSpan = .zero
    /// Simulated time the team's own choices have lost so far.
    public private(set) var teamDelay: TimeSpan = .zero
    /// How many injects have been shown.
    public private(set) var injectsShown = 0

    private enum Position: Hashable, Sendable {
        case prompt(inject: Int, prompt: Int)
        case finished
    }

    private var position = Position.finished
    private var branch: BranchTarget?
    private var settledDeadlines: [String: Bool] = [:]
    /// When the story, on the path played, set about each deadline's work (`completes`).
    private var workStarted: [String: TimeSpan] = [:]
    /// The deadlines the story marks as done on some path (``Scenario/deadlinesDoneOnPath``), found once.
    private let deadlinesDoneOnPath: Set<String>
    let discoveryClock: DiscoveryClock

    /// Most events a drill may produce; a scenario that loops without prompts stops here.
    static let eventBudget = 10_000

    /// Starts a drill: shows the first inject and asks its first prompt.
    ///
    /// With `evidence` (the profile held to the team's exports), the drill plays the preparedness
    /// as the evidence shows it, and each finding names its provenance.
    public init(scenario: Scenario, profile: PreparednessProfile, asOf: CalendarDate, mode: Mode = .drill, costs: AssessmentCosts = .init(),
                edition: AssessmentEdition = .current, evidence: EvidenceJudgement? = nil) {
        self.mode = mode
        self.edition = edition
        self.scenario = scenario
        deadlinesDoneOnPath = scenario.deadlinesDoneOnPath
        self.profile = evidence?.profile ?? profile
        self.asOf = asOf
        self.costs = costs
        assessment = (evidence.map { Assessor(evidence: $0, asOf: asOf, costs: costs, edition: edition) }
            ?? Assessor(profile: profile, asOf: asOf, costs: costs, edition: edition)).assess(scenario)
        discoveryClock = DiscoveryClock(scenario.discovered, onOrAfter: asOf)
        if scenario.injects.isEmpty { finish() } else { enter(0) }
    }

    /// Rebuilds a session from the answers of a stored run, in order.
    ///
    /// - Throws: `AnswerRejection` when a stored answer no longer fits (the content changed).
    public static func replaying(scenario: Scenario, profile: PreparednessProfile, asOf: CalendarDate,
                                 answers: [(answer: String, actor: String?)]) throws(AnswerRejection) -> DrillSession {
        try replaying(scenario: scenario, profile: profile, asOf: asOf, inputs: answers.map { .answer($0.answer, actor: $0.actor, seconds: nil) })
    }

    /// Rebuilds a session from everything put into it, in order.
    public static func replaying(scenario: Scenario, profile: PreparednessProfile, asOf: CalendarDate, mode: Mode = .drill,
                                 edition: AssessmentEdition = .current, evidence: EvidenceJudgement? = nil,
                                 inputs: [Input]) throws(AnswerRejection) -> DrillSession {
        var session = DrillSession(scenario: scenario, profile: profile, asOf: asOf, mode: mode, edition: edition, evidence: evidence)
        for input in inputs {
            switch input {
            case let .answer(answer, actor, seconds): _ = try session.answer(answer, by: actor, seconds: seconds)
            case let .grade(promptID, grade, grader, comment): _ = try session.grade(promptID, grade, by: grader, comment: comment)
            }
        }
        return session
    }

    /// The inputs recorded in a list of events: answers and grades, in order.
    public static func inputs(in events: [DrillEvent]) -> [Input] {
        events.compactMap { event in
            switch event.kind {
            case .answer: .answer(event.answer ?? "", actor: event.actor, seconds: event.seconds)
            case .grade: .grade(promptID: event.promptID ?? "", Grade(rawValue: event.answer ?? "") ?? .missed, grader: event.actor, comment: event.text)
            default: nil
            }
        }
    }

    // MARK: Where the drill stands

    /// The prompt waiting for an answer, or `nil` when the drill has ended.
    public var pendingPrompt: Prompt? {
        guard case let .prompt(inject, prompt) = position else { return nil }
        return scenario.injects[inject].prompts[prompt]
    }

    /// The inject whose prompts are being answered.
    public var currentInject: Inject? {
        guard case let .prompt(inject, _) = position else { return nil }
        return scenario.injects[inject]
    }

    /// The local day and time at a point on the simulated clock, in the scenario's zone: `Sunday 01:15 Europe/Berlin`.
    public func localTime(at offset: TimeSpan) -> String {
        let zone = scenario.discovered.timeZone
        return discoveryClock.describe(discoveryClock.instant(at: offset), in: zone) + " " + zone
    }

    /// Whether the drill has ended.
    public var isFinished: Bool { position == .finished }

    /// The team's contacts, in the order a `pick-contact` prompt numbers them.
    public var contactChoices: [Contact] { profile.contacts }

    /// The score on the path taken so far (final once the drill has ended).
    public var score: DrillScore {
        let answers = events.filter { $0.kind == .answer }
        // Free-text answers count once graded; the latest grade of each prompt stands.
        var grades: [String: DrillEvent] = [:]
        for event in events where event.kind == .grade { grades[event.promptID ?? ""] = event }
        let findings = assessment.findings
        return DrillScore(
            responsePoints: answers.compactMap(\.points).reduce(0, +) + grades.values.compactMap(\.points).reduce(0, +),
            responsePossible: answers.compactMap(\.maxPoints).reduce(0, +) + grades.values.compactMap(\.maxPoints).reduce(0, +),
            contacts: DrillScore.pillarScore(findings, .contacts),
            logs: DrillScore.pillarScore(findings, .logs),
            backups: DrillScore.pillarScore(findings, .backups),
            deadlinesMet: settledDeadlines.values.filter { $0 }.count,
            deadlinesTotal: scenario.deadlines.count)
    }

    // MARK: Answering

    /// Accepts an answer to the pending prompt and plays on to the next prompt or the end.
    ///
    /// - Parameters:
    ///   - input: what the team typed (`2`, `isolate`, `1,3`, `yes`, `72`, free text) or a stored canonical answer.
    ///   - actor: who answered.
    /// - Returns: the range of `events` that this answer added.
    /// - Throws: `AnswerRejection` when the input does not answer the prompt; nothing changes.
    @discardableResult
    public mutating func answer(_ input: String, by actor: String? = nil, seconds: Double? = nil) throws(AnswerRejection) -> Range<Int> {
        guard case let .prompt(injectIndex, promptIndex) = position else {
            throw AnswerRejection("the drill has ended; there is nothing left to answer")
        }
        let inject = scenario.injects[injectIndex]
        let prompt = inject.prompts[promptIndex]
        let result = try interpret(input, for: prompt)
        let start = events.count

        events.append(DrillEvent(
            kind: .answer, simulated: now, injectID: inject.id, promptID: prompt.id, actor: actor, text: result.shown,
            answer: result.canonical, points: result.points, maxPoints: result.maxPoints, met: result.correct,
            delay: result.cost > .zero ? result.cost : nil, seconds: seconds))
        for narration in result.narration {
            events.append(DrillEvent(kind: .consequence, simulated: now, injectID: inject.id, promptID: prompt.id, text: narration))
        }
        startWork(on: result.completes + (result.correct == false ? [] : prompt.completes))
        if result.cost > .zero {
            teamDelay = teamDelay + result.cost
            events.append(DrillEvent(
                kind: .consequence, simulated: now, injectID: inject.id, promptID: prompt.id,
                text: "That choice costs \(result.cost.spoken): every deadline still ahead moves back by as much (\(teamDelay.spoken) lost to choices so far).",
                delay: result.cost))
        }
        if let explanation = explanation(for: prompt, correct: result.correct) {
            events.append(DrillEvent(kind: .consequence, simulated: now, injectID: inject.id, promptID: prompt.id, text: explanation))
        }
        if mode == .onboarding {
            for lesson in recordsBehind(prompt, in: inject) {
                events.append(DrillEvent(kind: .consequence, simulated: now, injectID: inject.id, promptID: prompt.id, text: lesson))
            }
        }
        if let target = result.branch { branch = target }

        if promptIndex + 1 < inject.prompts.count {
            ask(injectIndex, promptIndex + 1)
        } else {
            leave(injectIndex)
        }
        return start..<events.count
    }

    /// Grades a free-text answer of this run (during the drill or after it has ended).
    ///
    /// - Returns: the range of `events` the grade added.
    /// - Throws: `AnswerRejection` when the prompt is not a free-text prompt answered in this run.
    @discardableResult
    public mutating func grade(_ promptID: String, _ grade: Grade, by grader: String?, comment: String = "") throws(AnswerRejection) -> Range<Int> {
        guard let prompt = scenario.prompts.first(where: { $0.id == promptID }), case .freeText = prompt.kind else {
            throw AnswerRejection("'\(promptID)' is not a free-text prompt of this scenario; only free-text answers are graded")
        }
        guard let answer = events.last(where: { $0.kind == .answer && $0.promptID == promptID }) else {
            throw AnswerRejection("'\(promptID)' has not been answered in this run yet")
        }
        guard comment.count <= AnswerRejection.maxLength else {
            throw AnswerRejection("that comment is \(comment.count) characters long; keep it under \(AnswerRejection.maxLength)")
        }
        let start = events.count
        events.append(DrillEvent(
            kind: .grade, simulated: answer.simulated, injectID: answer.injectID, promptID: promptID, actor: grader, text: comment,
            answer: grade.rawValue, points: grade.points(of: prompt.points), maxPoints: prompt.points, met: grade == .met))
        return start..<events.count
    }

    /// Free-text answers of this run with their latest grade, if any.
    public var freeTextAnswers: [(prompt: Prompt, answer: DrillEvent, grade: DrillEvent?)] {
        scenario.prompts.compactMap { prompt in
            guard case .freeText = prompt.kind, let answer = events.last(where: { $0.kind == .answer && $0.promptID == prompt.id }) else { return nil }
            return (prompt, answer, events.last { $0.kind == .grade && $0.promptID == prompt.id })
        }
    }

    private func explanation(for prompt: Prompt, correct: Bool?) -> String? {
        let expected: String? = switch prompt.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            "Expected: " + options.filter(\.correct).map(\.text).joined(separator: "; ") + "."
        case let .pickContact(roles):
            "Expected: your " + roles.map(\.spoken).joined(separator: " or ") + "."
        case let .yesNo(expected):
            "Expected: \(expected ? "yes" : "no")."
        case let .estimate(expected, tolerance, unit):
            "Expected: \(Self.number(expected))\(unit.map { " \($0)" } ?? "")" + (tolerance > 0 ? " (± \(Self.number(tolerance)))." : ".")
        case let .freeText(guidance):
            guidance.map { "A good answer covers: \($0)" }
        }
        let parts = [correct == true ? nil : expected, prompt.explanation].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    // MARK: Moving through the story

    private mutating func enter(_ index: Int) {
        guard events.count < Self.eventBudget else {
            events.append(DrillEvent(kind: .consequence, simulated: now, text: "The scenario loops without end; the drill stops here."))
            finish()
            return
        }
        let inject = scenario.injects[index]
        now = max(now, inject.at)
        startWork(on: inject.completes)
        settleDeadlines(dueBy: now)
        injectsShown += 1
        events.append(DrillEvent(kind: .inject, simulated: now, injectID: inject.id, text: inject.title))
        for consequence in inject.consequences {
            guard let finding = assessment.finding(consequence.need), consequence.when.contains(finding.status) else { continue }
            events.append(DrillEvent(kind: .consequence, simulated: now, injectID: inject.id, needID: consequence.need,
                                     text: consequence.narrative(filledFrom: finding), delay: finding.delay > .zero ? finding.delay : nil))
        }
        if inject.prompts.isEmpty {
            leave(index)
        } else {
            ask(index, 0)
        }
    }

    private mutating func ask(_ injectIndex: Int, _ promptIndex: Int) {
        let inject = scenario.injects[injectIndex]
        let prompt = inject.prompts[promptIndex]
        position = .prompt(inject: injectIndex, prompt: promptIndex)
        events.append(DrillEvent(kind: .prompt, simulated: now, injectID: inject.id, promptID: prompt.id, text: prompt.question))
    }

    private mutating func leave(_ index: Int) {
        let inject = scenario.injects[index]
        let following: BranchTarget = index + 1 < scenario.injects.count ? .inject(scenario.injects[index + 1].id) : .end
        let target = branch ?? inject.next ?? following
        branch = nil
        switch target {
        case .end:
            finish()
        case let .inject(id):
            if let next = scenario.injects.firstIndex(where: { $0.id == id }) { enter(next) } else { finish() }
        }
    }

    private mutating func finish() {
        position = .finished
        settleDeadlines(dueBy: nil)
        let met = settledDeadlines.values.filter { $0 }.count
        events.append(DrillEvent(
            kind: .ended, simulated: now,
            text: "The drill is over at \(now.clockLabel): \(injectsShown) injects, \(met) of \(scenario.deadlines.count) deadlines met."))
    }

    /// Notes that the story sets about these deadlines' work now (the first time counts).
    private mutating func startWork(on deadlineIDs: [String]) {
        for id in deadlineIDs where workStarted[id] == nil { workStarted[id] = now }
    }

    /// When a deadline's milestone is reached on the path played, or `nil` when the path never
    /// set about its work. A deadline the story never marks (`completes`) is reached as `check`
    /// judges it; one it marks no earlier than the moment the story set about it plus the work
    /// and its needs' delays. Choices' costs come on top of either.
    private func reached(_ outcome: DeadlineOutcome) -> TimeSpan? {
        guard deadlinesDoneOnPath.contains(outcome.deadlineID) else { return outcome.reached + teamDelay }
        guard let started = workStarted[outcome.deadlineID] else { return nil }
        let takes = scenario.deadlines.first { $0.id == outcome.deadlineID }?.takes ?? .zero
        let onPath = outcome.causes.reduce(started + takes) { $0 + $1.delay }
        return max(outcome.reached, onPath) + teamDelay
    }

    /// Settles deadlines that fall due by `limit` (all of them when `nil`), in order of due time.
    private mutating func settleDeadlines(dueBy limit: TimeSpan?) {
        let outcomes = assessment.deadlines
            .filter { outcome in settledDeadlines[outcome.deadlineID] == nil && (limit.map { outcome.due <= $0 } ?? true) }
            .sorted { $0.due < $1.due }
        for outcome in outcomes {
            guard let reached = reached(outcome) else {
                settledDeadlines[outcome.deadlineID] = false
                let text = position == .finished
                    ? "Deadline missed: \(outcome.title), due \(outcome.due.clockLabel): the path played never came to this work."
                    : "Deadline missed: \(outcome.title), due \(outcome.due.clockLabel): by then the story had not set about this work."
                events.append(DrillEvent(kind: .deadline, simulated: outcome.due, deadlineID: outcome.deadlineID, text: text, met: false))
                continue
            }
            let met = reached <= outcome.due
            settledDeadlines[outcome.deadlineID] = met
            var text = met
                ? "Deadline met: \(outcome.title), due \(outcome.due.clockLabel), done at \(reached.clockLabel)."
                : "Deadline missed: \(outcome.title), due \(outcome.due.clockLabel), not done until \(reached.clockLabel)."
            var causes = outcome.causes.map { "\($0.needID) +\($0.delay.spoken)" }
            if let started = workStarted[outcome.deadlineID], started > .zero { causes.insert("the story set about it at \(started.clockLabel)", at: 0) }
            if teamDelay > .zero { causes.append("choices +\(teamDelay.spoken)") }
            if !met, !causes.isEmpty {
                text += " What held it up: " + causes.joined(separator: ", ") + "."
            }
            events.append(DrillEvent(kind: .deadline, simulated: met ? reached : outcome.due, deadlineID: outcome.deadlineID,
                                     text: text, met: met))
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
