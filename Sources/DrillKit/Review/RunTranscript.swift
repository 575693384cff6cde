import Foundation

/// A stored run as one value: who played what, against which records, every event, the
/// findings and the score. Its JSON (`drill show --format json`) is the lossless exchange form.
public struct RunTranscript: Codable, Hashable, Sendable {
    /// A participant and their role.
    public struct Participant: Codable, Hashable, Sendable {
        /// Their name.
        public var name: String
        /// Their role in the drill, if given.
        public var role: String?
    }

    /// One event with its place and wall-clock time.
    public struct Event: Codable, Hashable, Sendable {
        /// 1-based position in the run.
        public var seq: Int
        /// When it was recorded (UTC).
        public var recordedAt: Date
        /// What happened.
        public var kind: DrillEvent.Kind
        /// Hours after discovery on the simulated clock.
        public var simulatedHours: Double
        /// The inject it belongs to.
        public var injectId: String?
        /// The prompt it belongs to.
        public var promptId: String?
        /// The deadline it concerns.
        public var deadlineId: String?
        /// The need it narrates.
        public var needId: String?
        /// Who answered or wrote it.
        public var actor: String?
        /// The text shown.
        public var text: String
        /// The canonical answer.
        public var answer: String?
        /// Points earned.
        public var points: Int?
        /// Points possible.
        public var maxPoints: Int?
        /// Expected answer given, or deadline met.
        public var met: Bool?
        /// Simulated hours it cost.
        public var delayHours: Double?

        /// Flattens a stored event.
        public init(_ stored: StoredEvent) {
            let event = stored.event
            seq = stored.seq
            recordedAt = stored.recordedAt
            kind = event.kind
            simulatedHours = event.simulated.hours
            injectId = event.injectID
            promptId = event.promptID
            deadlineId = event.deadlineID
            needId = event.needID
            actor = event.actor
            text = event.text
            answer = event.answer
            points = event.points
            maxPoints = event.maxPoints
            met = event.met
            delayHours = event.delay?.hours
        }
    }

    /// The run's id.
    public var id: String
    /// The team.
    public var team: String
    /// The scenario's id.
    public var scenarioId: String
    /// The scenario's title.
    public var scenarioTitle: String
    /// The scenario's kind.
    public var scenarioKind: String
    /// `drill` (later: `onboarding`).
    public var mode: String
    /// The facilitator.
    public var facilitator: String?
    /// Participants in order.
    public var participants: [Participant]
    /// in-progress, paused or finished.
    public var status: RunStatus
    /// When the run started (UTC).
    public var startedAt: Date
    /// When it finished (UTC).
    public var endedAt: Date?
    /// The day records were judged on.
    public var asOf: CalendarDate
    /// The preparedness file it was played against, or the embedded example team.
    public var preparednessSource: String
    /// SHA-256 of the scenario YAML.
    public var scenarioHash: String
    /// SHA-256 of the preparedness YAML.
    public var preparednessHash: String
    /// The score, once finished.
    public var score: DrillScore?
    /// The findings at the start of the run.
    public var findings: [CheckReport.NeedResult]
    /// Every event in order.
    public var events: [Event]
    /// The exact scenario YAML.
    public var scenarioYAML: String
    /// The exact preparedness YAML.
    public var preparednessYAML: String

    /// Reads a run's transcript from the database.
    public init(runID: String, from database: AppDatabase) throws(StoreError) {
        let run = try database.run(matching: runID)
        id = run.id
        team = run.team
        scenarioId = run.scenarioID
        scenarioTitle = run.scenarioTitle
        scenarioKind = run.scenarioKind
        mode = run.mode
        facilitator = run.facilitator
        participants = try database.participants(runID: run.id).map { Participant(name: $0.name, role: $0.role) }
        status = run.status
        startedAt = run.startedAt
        endedAt = run.endedAt
        asOf = run.asOf
        preparednessSource = run.preparednessSource
        scenarioHash = run.scenarioHash
        preparednessHash = run.preparednessHash
        score = run.score
        findings = try database.findings(runID: run.id).map { CheckReport.NeedResult($0.finding) }
        events = try database.events(runID: run.id).map(Event.init)
        scenarioYAML = run.scenarioYAML
        preparednessYAML = run.preparednessYAML
    }
}
