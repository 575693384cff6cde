/// One step of the story, arriving at a time on the simulated clock.
public struct Inject: Hashable, Sendable, Identifiable {
    /// Unique id in the scenario.
    public var id: String
    /// A heading.
    public var title: String
    /// Offset from discovery.
    public var at: TimeSpan
    /// What the team learns.
    public var narrative: String
    /// Synthetic evidence, shown apart.
    public var evidence: [Evidence]
    /// Text shown only for a given status of a need.
    public var consequences: [Consequence]
    /// Decisions.
    public var prompts: [Prompt]
    /// Where to go afterwards; `nil` means the following inject.
    public var next: BranchTarget?
    /// Deadlines whose work the story sets about when it comes to this inject: on the path
    /// played, each is reached no earlier than this inject's time plus the work it takes.
    public var completes: [String] = []

    /// Creates an inject.
    public init(id: String, title: String, at: TimeSpan, narrative: String, evidence: [Evidence] = [],
                consequences: [Consequence] = [], prompts: [Prompt] = [], next: BranchTarget? = nil) {
        self.id = id
        self.title = title
        self.at = at
        self.narrative = narrative
        self.evidence = evidence
        self.consequences = consequences
        self.prompts = prompts
        self.next = next
    }
}

/// A synthetic log excerpt, ticket or message.
public struct Evidence: Hashable, Sendable {
    /// Where it comes from (`GitHub audit log`).
    public var source: String
    /// The excerpt, verbatim.
    public var excerpt: String

    /// Creates evidence.
    public init(source: String, excerpt: String) {
        self.source = source
        self.excerpt = excerpt
    }
}

/// Narrative shown only when a need has one of the given statuses.
public struct Consequence: Hashable, Sendable {
    /// The need's id.
    public var need: String
    /// The statuses that show it.
    public var when: Set<NeedStatus>
    /// The text.
    public var narrative: String

    /// Creates a consequence.
    public init(need: String, when: Set<NeedStatus>, narrative: String) {
        self.need = need
        self.when = when
        self.narrative = narrative
    }
}

/// A decision the team is asked to make.
public struct Prompt: Hashable, Sendable, Identifiable {
    /// The kind of answer, and what is expected.
    public enum Kind: Hashable, Sendable {
        /// One option.
        case singleChoice([Choice])
        /// Any number of options; the correct set is expected.
        case multipleChoice([Choice])
        /// One of the team's own contacts; any of these roles is expected.
        case pickContact(expected: [ContactRole])
        /// Yes or no.
        case yesNo(expected: Bool)
        /// Free text, graded by the facilitator against this guidance.
        case freeText(guidance: String?)
        /// A number, expected within a tolerance.
        case estimate(expected: Double, tolerance: Double, unit: String?)

        /// The options of a single- or multiple-choice prompt; `nil` for any other kind.
        public var choices: [Choice]? {
            switch self {
            case let .singleChoice(choices), let .multipleChoice(choices): choices
            case .pickContact, .yesNo, .freeText, .estimate: nil
            }
        }

        /// The name used in files: `single-choice`, `pick-contact`, …
        public var name: String {
            switch self {
            case .singleChoice: "single-choice"
            case .multipleChoice: "multiple-choice"
            case .pickContact: "pick-contact"
            case .yesNo: "yes-no"
            case .freeText: "free-text"
            case .estimate: "estimate"
            }
        }

        /// The names of every kind.
        public static let names = ["single-choice", "multiple-choice", "pick-contact", "yes-no", "free-text", "estimate"]
    }

    /// Unique id in the scenario.
    public var id: String
    /// The question.
    public var question: String
    /// The kind of answer, and what is expected.
    public var kind: Kind
    /// Points for the expected answer.
    public var points: Int
    /// Shown on request.
    public var hint: String?
    /// Shown after the answer.
    public var explanation: String?
    /// Where to go after a correct answer.
    public var onCorrect: BranchTarget?
    /// Where to go after an incorrect answer.
    public var onIncorrect: BranchTarget?
    /// Simulated time an incorrect answer loses (choices carry their own `cost`).
    public var costIfIncorrect: TimeSpan?
    /// The participant role asked to answer (`communications`), matched against participants' roles.
    public var role: String?
    /// Needs this decision depends on, explained in onboarding.
    public var needs: [String] = []
    /// Deadlines whose work an answer that is not wrong sets about (a wrong answer does not).
    public var completes: [String] = []

    /// Creates a prompt.
    public init(id: String, question: String, kind: Kind, points: Int = 10, hint: String? = nil, explanation: String? = nil,
                onCorrect: BranchTarget? = nil, onIncorrect: BranchTarget? = nil, costIfIncorrect: TimeSpan? = nil) {
        self.id = id
        self.question = question
        self.kind = kind
        self.points = points
        self.hint = hint
        self.explanation = explanation
        self.onCorrect = onCorrect
        self.onIncorrect = onIncorrect
        self.costIfIncorrect = costIfIncorrect
    }

    /// Every branch target the prompt names.
    public var branchTargets: [BranchTarget] {
        var targets = [onCorrect, onIncorrect].compactMap { $0 }
        switch kind {
        case let .singleChoice(options), let .multipleChoice(options): targets += options.compactMap(\.next)
        default: break
        }
        return targets
    }
}

/// One choice of a choice prompt.
public struct Choice: Hashable, Sendable, Identifiable {
    /// Unique id in the prompt.
    public var id: String
    /// What is shown.
    public var text: String
    /// Whether it is (one of) the expected answer(s).
    public var correct: Bool
    /// Where choosing it leads.
    public var next: BranchTarget?
    /// Simulated time choosing it loses (waiting for more evidence, a wasted call).
    public var cost: TimeSpan?
    /// Deadlines whose work choosing it sets about.
    public var completes: [String] = []

    /// Creates an option.
    public init(id: String, text: String, correct: Bool = false, next: BranchTarget? = nil, cost: TimeSpan? = nil) {
        self.id = id
        self.text = text
        self.correct = correct
        self.next = next
        self.cost = cost
    }
}
