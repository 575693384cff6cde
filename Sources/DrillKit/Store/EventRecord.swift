import Foundation
import GRDB

/// One ``DrillEvent`` of a run as it is recorded: its place in the run, when it was written,
/// every field, and its link in the run's hash chain. It is both the `event` table's row and
/// an event of an exported transcript.
///
/// The row is read and written column by column (``init(row:)``, ``encode(to:)-(PersistenceContainer)``);
/// the `Codable` conformance is the transcript's JSON form (keys `seq`, `recordedAt`, `kind`,
/// `simulatedHours`, `injectId`, …, `hash`; times ISO 8601 in UTC), which leaves out ``runID``:
/// a transcript's events are its run's, and the transcript sets it from its id.
///
/// Spans are stored as hours (`simulatedHours`, `delayHours`), the unit of the model, so the
/// conversion is lossless both ways.
public struct EventRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    /// The run it belongs to; not part of the JSON form (empty when decoded from it alone).
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
        public static let runID = Column("runID")
        /// `seq`.
        public static let seq = Column("seq")
        /// `kind`.
        public static let kind = Column("kind")
        /// `recordedAt`.
        public static let recordedAt = Column("recordedAt")
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

    /// The JSON keys of an event in a transcript.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case seq, recordedAt, kind, simulatedHours, injectId, promptId, deadlineId, needId, actor, text, answer, points,
             maxPoints, met, delayHours, seconds, hash
    }

    /// Reads an event of a transcript; ``runID`` is left empty for the transcript to set.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        runID = ""
        seq = try container.decode(Int.self, forKey: .seq)
        recordedAt = try container.decodeTimestamp(forKey: .recordedAt)
        kind = try container.decode(DrillEvent.Kind.self, forKey: .kind)
        simulatedHours = try container.decode(Double.self, forKey: .simulatedHours)
        injectID = try container.decodeIfPresent(String.self, forKey: .injectId)
        promptID = try container.decodeIfPresent(String.self, forKey: .promptId)
        deadlineID = try container.decodeIfPresent(String.self, forKey: .deadlineId)
        needID = try container.decodeIfPresent(String.self, forKey: .needId)
        actor = try container.decodeIfPresent(String.self, forKey: .actor)
        text = try container.decode(String.self, forKey: .text)
        answer = try container.decodeIfPresent(String.self, forKey: .answer)
        points = try container.decodeIfPresent(Int.self, forKey: .points)
        maxPoints = try container.decodeIfPresent(Int.self, forKey: .maxPoints)
        met = try container.decodeIfPresent(Bool.self, forKey: .met)
        delayHours = try container.decodeIfPresent(Double.self, forKey: .delayHours)
        seconds = try container.decodeIfPresent(Double.self, forKey: .seconds)
        hash = try container.decodeIfPresent(String.self, forKey: .hash)
    }

    /// Writes the event as a transcript holds it (without ``runID``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encode(Timestamp8601.string(recordedAt), forKey: .recordedAt)
        try container.encode(kind, forKey: .kind)
        try container.encode(simulatedHours, forKey: .simulatedHours)
        try container.encodeIfPresent(injectID, forKey: .injectId)
        try container.encodeIfPresent(promptID, forKey: .promptId)
        try container.encodeIfPresent(deadlineID, forKey: .deadlineId)
        try container.encodeIfPresent(needID, forKey: .needId)
        try container.encodeIfPresent(actor, forKey: .actor)
        try container.encode(text, forKey: .text)
        try container.encodeIfPresent(answer, forKey: .answer)
        try container.encodeIfPresent(points, forKey: .points)
        try container.encodeIfPresent(maxPoints, forKey: .maxPoints)
        try container.encodeIfPresent(met, forKey: .met)
        try container.encodeIfPresent(delayHours, forKey: .delayHours)
        try container.encodeIfPresent(seconds, forKey: .seconds)
        try container.encodeIfPresent(hash, forKey: .hash)
    }
}
