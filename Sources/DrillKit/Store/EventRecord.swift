import Foundation
import GRDB

/// One ``DrillEvent`` of a run as a row: its place in the run, when it was written, and every field.
///
/// Spans are stored as hours (`simulatedHours`, `delayHours`), the unit of the model, so the
/// conversion is lossless both ways.
public struct EventRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    /// The run it belongs to.
    public var runID: String
    /// 1-based place in the run.
    public var seq: Int
    /// What happened.
    public var kind: DrillEvent.Kind
    /// When on the simulated clock, in hours after discovery.
    public var simulatedHours: Double
    /// When it was written (UTC, millisecond precision).
    public var recordedAt: Date
    /// See ``DrillEvent/injectID``.
    public var injectID: String?
    /// See ``DrillEvent/promptID``.
    public var promptID: String?
    /// See ``DrillEvent/deadlineID``.
    public var deadlineID: String?
    /// See ``DrillEvent/needID``.
    public var needID: String?
    /// See ``DrillEvent/actor``.
    public var actor: String?
    /// See ``DrillEvent/text``.
    public var text: String
    /// See ``DrillEvent/answer``.
    public var answer: String?
    /// See ``DrillEvent/points``.
    public var points: Int?
    /// See ``DrillEvent/maxPoints``.
    public var maxPoints: Int?
    /// See ``DrillEvent/met``.
    public var met: Bool?
    /// ``DrillEvent/delay`` in hours.
    public var delayHours: Double?
    /// Wall-clock seconds the team took to answer, in a timed drill.
    public var seconds: Double?
    /// The event's link in the run's hash chain (see ``EventChain``).
    public var hash: String?

    /// The table's name.
    public static let databaseTableName = "event"

    /// The table's columns, for queries.
    public enum Columns {
        /// `runID`.
        public static let runID = Column(CodingKeys.runID)
        /// `seq`.
        public static let seq = Column(CodingKeys.seq)
        /// `kind`.
        public static let kind = Column(CodingKeys.kind)
        /// `recordedAt`.
        public static let recordedAt = Column(CodingKeys.recordedAt)
    }

    /// Creates the row for an event.
    public init(event: DrillEvent, runID: String, seq: Int, recordedAt: Date, hash: String? = nil) {
        self.runID = runID
        self.seq = seq
        self.kind = event.kind
        self.simulatedHours = event.simulated.hours
        self.recordedAt = recordedAt
        self.injectID = event.injectID
        self.promptID = event.promptID
        self.deadlineID = event.deadlineID
        self.needID = event.needID
        self.actor = event.actor
        self.text = event.text
        self.answer = event.answer
        self.points = event.points
        self.maxPoints = event.maxPoints
        self.met = event.met
        self.delayHours = event.delay?.hours
        self.seconds = event.seconds
        self.hash = hash
    }

    /// Reads a row column by column: the same values as the `Decodable` conformance, without the
    /// decoder's runtime type lookups.
    public init(row: Row) throws {
        runID = try row.decode(forColumn: "runID")
        seq = try row.decode(forColumn: "seq")
        kind = try RecordColumn.decode(DrillEvent.Kind.self, "kind", in: row)
        simulatedHours = try row.decode(forColumn: "simulatedHours")
        recordedAt = try row.decode(forColumn: "recordedAt")
        injectID = try row.decode(forColumn: "injectID")
        promptID = try row.decode(forColumn: "promptID")
        deadlineID = try row.decode(forColumn: "deadlineID")
        needID = try row.decode(forColumn: "needID")
        actor = try row.decode(forColumn: "actor")
        text = try row.decode(forColumn: "text")
        answer = try row.decode(forColumn: "answer")
        points = try row.decode(forColumn: "points")
        maxPoints = try row.decode(forColumn: "maxPoints")
        met = try row.decode(forColumn: "met")
        delayHours = try row.decode(forColumn: "delayHours")
        seconds = try row.decode(forColumn: "seconds")
        hash = try row.decode(forColumn: "hash")
    }

    /// Writes the row column by column, as the `Encodable` conformance would.
    public func encode(to container: inout PersistenceContainer) throws {
        container["runID"] = runID
        container["seq"] = seq
        container["kind"] = kind.rawValue
        container["simulatedHours"] = simulatedHours
        container["recordedAt"] = recordedAt
        container["injectID"] = injectID
        container["promptID"] = promptID
        container["deadlineID"] = deadlineID
        container["needID"] = needID
        container["actor"] = actor
        container["text"] = text
        container["answer"] = answer
        container["points"] = points
        container["maxPoints"] = maxPoints
        container["met"] = met
        container["delayHours"] = delayHours
        container["seconds"] = seconds
        container["hash"] = hash
    }

    /// The event the row holds.
    public var event: DrillEvent {
        DrillEvent(kind: kind, simulated: TimeSpan(hours: simulatedHours), injectID: injectID, promptID: promptID,
                   deadlineID: deadlineID, needID: needID, actor: actor, text: text, answer: answer, points: points,
                   maxPoints: maxPoints, met: met, delay: delayHours.map(TimeSpan.init(hours:)), seconds: seconds)
    }

    /// The event with its place in the run and when it was written.
    public var stored: StoredEvent {
        StoredEvent(seq: seq, recordedAt: recordedAt, event: event, hash: hash)
    }
}

/// An event read back from a run, with its 1-based place and when it was written.
public struct StoredEvent: Hashable, Sendable {
    /// 1-based place in the run.
    public var seq: Int
    /// When it was written (UTC).
    public var recordedAt: Date
    /// The event.
    public var event: DrillEvent
    /// Its link in the run's hash chain.
    public var hash: String?

    /// Creates a stored event.
    public init(seq: Int, recordedAt: Date, event: DrillEvent, hash: String? = nil) {
        self.hash = hash
        self.seq = seq
        self.recordedAt = recordedAt
        self.event = event
    }
}
