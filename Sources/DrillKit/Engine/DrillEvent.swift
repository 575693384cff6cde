/// One step of a drill as it happened: what was shown, asked, answered or noted, on the
/// simulated clock. A run's events, in order, are its transcript.
///
/// Events of the engine's own kinds (`inject`, `prompt`, `answer`, `consequence`,
/// `deadline`, `ended`) follow deterministically from the scenario, the preparedness and the
/// answers, so a stored run replays exactly. `note`, `paused` and `resumed` are the
/// facilitator's and the terminal's, interleaved between them.
public struct DrillEvent: Codable, Hashable, Sendable {
    /// What happened.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// An inject arrived (`injectID`, `text` = its title).
        case inject
        /// A prompt was put to the team (`promptID`, `text` = the question).
        case prompt
        /// The team answered (`answer` = the canonical answer, `text` = as shown, `actor` = who).
        case answer
        /// The drill narrated what follows from the team's preparedness or choice.
        case consequence
        /// A deadline fell due or was settled (`deadlineID`, `met`).
        case deadline
        /// A facilitator's note (`actor`, `text`).
        case note
        /// The drill was paused (`text` = why).
        case paused
        /// The drill was resumed.
        case resumed
        /// The drill ended (`text` = the overall score line).
        case ended
        /// A facilitator graded a free-text answer (`promptID`, `answer` = met, partly or missed,
        /// `points` of `maxPoints`, `actor` = the grader, `text` = their comment).
        case grade
        /// A lessons-learned answer in the hot wash after the drill (`promptID` = the question, `actor`, `text`).
        case hotWash = "hot-wash"

        /// Whether the engine produces this kind (as opposed to the facilitator or terminal).
        public var isEngineKind: Bool {
            switch self {
            case .note, .paused, .resumed, .hotWash: false
            default: true
            }
        }
    }

    /// What happened.
    public var kind: Kind
    /// When on the simulated clock (hours after discovery).
    public var simulated: TimeSpan
    /// The inject it belongs to.
    public var injectID: String?
    /// The prompt it belongs to.
    public var promptID: String?
    /// The deadline it concerns.
    public var deadlineID: String?
    /// The need whose status it narrates.
    public var needID: String?
    /// Who answered or wrote it.
    public var actor: String?
    /// The text shown.
    public var text: String
    /// The canonical answer (`isolate`, `a,c`, `contact:2`, `yes`, `72`, or the free text).
    public var answer: String?
    /// Points earned by an answer.
    public var points: Int?
    /// Points an answer could have earned.
    public var maxPoints: Int?
    /// Whether an answer was the expected one, or a deadline was met.
    public var met: Bool?
    /// Simulated time a choice or gap cost.
    public var delay: TimeSpan?
    /// Wall-clock seconds the team took to answer, in a timed drill (pauses excluded).
    public var seconds: Double?

    /// Creates an event.
    public init(kind: Kind, simulated: TimeSpan, injectID: String? = nil, promptID: String? = nil, deadlineID: String? = nil,
                needID: String? = nil, actor: String? = nil, text: String, answer: String? = nil, points: Int? = nil,
                maxPoints: Int? = nil, met: Bool? = nil, delay: TimeSpan? = nil, seconds: Double? = nil) {
        self.kind = kind
        self.simulated = simulated
        self.injectID = injectID
        self.promptID = promptID
        self.deadlineID = deadlineID
        self.needID = needID
        self.actor = actor
        self.text = text
        self.answer = answer
        self.points = points
        self.maxPoints = maxPoints
        self.met = met
        self.delay = delay
        self.seconds = seconds
    }
}

extension DrillEvent {
    /// How a scored answer did: as expected, partly (some of a multiple choice's points), or not.
    public enum AnswerOutcome: String, Sendable {
        case expected, partly, missed
    }

    /// The outcome of an answer event that was scored; `nil` for anything else or an ungraded answer.
    public var answerOutcome: AnswerOutcome? {
        guard kind == .answer, let met else { return nil }
        if met { return .expected }
        if let points, let maxPoints, points > 0, points < maxPoints { return .partly }
        return .missed
    }
}
