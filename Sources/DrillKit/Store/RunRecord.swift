import Foundation
import GRDB

/// Where a run stands: still being played, stopped to continue later, or done.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    /// Being played now (or killed mid-play: `drill resume` continues it).
    case inProgress = "in-progress"
    /// Stopped on purpose, to continue later.
    case paused
    /// Played to the end and scored.
    case finished
}

/// One drill as stored: who played which scenario against which preparedness, and how it ended.
///
/// The scenario and preparedness texts are stored whole, with their SHA-256, so a run can be
/// replayed and re-scored exactly even after the files in the repository have changed.
public struct RunRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    /// `YYYYMMDD-xxxxxxxxxxxx`: the UTC start date and twelve random base32 characters (see
    /// ``makeID(startedAt:)``); runs stored before the ids grew have four (`YYYYMMDD-xxxx`) and keep them.
    public var id: String
    /// The team named in the preparedness file.
    public var team: String
    /// The scenario's id.
    public var scenarioID: String
    /// The scenario's title, as it read when the run started.
    public var scenarioTitle: String
    /// The scenario's kind (`data-exposure`, …), kept as text so runs of kinds added later still load.
    public var scenarioKind: String
    /// How the drill was played: `drill` (a team's quarterly drill) or `onboarding`.
    public var mode: String
    /// Who ran the drill, when someone did.
    public var facilitator: String?
    /// In progress, paused or finished.
    public var status: RunStatus
    /// When the run started (UTC).
    public var startedAt: Date
    /// When the run finished, if it has.
    public var endedAt: Date?
    /// The day the preparedness records were judged on.
    public var asOf: CalendarDate
    /// The scenario file's text as played.
    public var scenarioYAML: String
    /// SHA-256 of ``scenarioYAML`` (see ``ContentHash``).
    public var scenarioHash: String
    /// The preparedness file's text as played.
    public var preparednessYAML: String
    /// SHA-256 of ``preparednessYAML``.
    public var preparednessHash: String
    /// Where the preparedness came from: a path, or `<embedded example team>`.
    public var preparednessSource: String
    /// The overall score, 0–100, once finished.
    public var overallScore: Int?
    /// The full ``DrillScore`` as JSON, once finished (see ``score``).
    public var scoreJSON: String?
    /// The hash of the run's last event, or of its header before any event (see ``EventChain``).
    public var headHash: String?
    /// For a drill recorded after it was held (`drill run --played-on`): the day it was played.
    /// `nil` for a drill recorded as it was played; ``startedAt`` is always when it was recorded.
    public var playedOn: CalendarDate?

    /// The table's name.
    public static let databaseTableName = "run"

    /// The table's columns, for queries.
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `team`.
        public static let team = Column(CodingKeys.team)
        /// `scenarioID`.
        public static let scenarioID = Column(CodingKeys.scenarioID)
        /// `status`.
        public static let status = Column(CodingKeys.status)
        /// `startedAt`.
        public static let startedAt = Column(CodingKeys.startedAt)
        /// `endedAt`.
        public static let endedAt = Column(CodingKeys.endedAt)
        /// `overallScore`.
        public static let overallScore = Column(CodingKeys.overallScore)
        /// `scoreJSON`.
        public static let scoreJSON = Column(CodingKeys.scoreJSON)
    }

    /// Creates a run record; the hashes are computed from the texts unless `knownHashes` gives
    /// them (texts already checked against their hashes, e.g. an imported transcript's: hashing
    /// them again is a measurable part of an import).
    public init(id: String, team: String, scenarioID: String, scenarioTitle: String, scenarioKind: String, mode: String = "drill",
                facilitator: String? = nil, status: RunStatus = .inProgress, startedAt: Date, endedAt: Date? = nil,
                asOf: CalendarDate, scenarioYAML: String, preparednessYAML: String, preparednessSource: String,
                overallScore: Int? = nil, scoreJSON: String? = nil, playedOn: CalendarDate? = nil,
                knownHashes: (scenario: String, preparedness: String)? = nil) {
        self.id = id
        self.team = team
        self.scenarioID = scenarioID
        self.scenarioTitle = scenarioTitle
        self.scenarioKind = scenarioKind
        self.mode = mode
        self.facilitator = facilitator
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.asOf = asOf
        self.scenarioYAML = scenarioYAML
        self.scenarioHash = knownHashes?.scenario ?? ContentHash.sha256(scenarioYAML)
        self.preparednessYAML = preparednessYAML
        self.preparednessHash = knownHashes?.preparedness ?? ContentHash.sha256(preparednessYAML)
        self.preparednessSource = preparednessSource
        self.overallScore = overallScore
        self.scoreJSON = scoreJSON
        self.playedOn = playedOn
    }

    /// Reads a row column by column: the same values as the `Decodable` conformance, without the
    /// decoder's runtime type lookups (a fifth of `drill runs` before; see BENCHMARKS.md).
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        team = try row.decode(forColumn: "team")
        scenarioID = try row.decode(forColumn: "scenarioID")
        scenarioTitle = try row.decode(forColumn: "scenarioTitle")
        scenarioKind = try row.decode(forColumn: "scenarioKind")
        mode = try row.decode(forColumn: "mode")
        facilitator = try row.decode(forColumn: "facilitator")
        status = try RecordColumn.decode(RunStatus.self, "status", in: row)
        startedAt = try row.decode(forColumn: "startedAt")
        endedAt = try row.decode(forColumn: "endedAt")
        asOf = try RecordColumn.decodeDate("asOf", in: row)
        scenarioYAML = try row.decode(forColumn: "scenarioYAML")
        scenarioHash = try row.decode(forColumn: "scenarioHash")
        preparednessYAML = try row.decode(forColumn: "preparednessYAML")
        preparednessHash = try row.decode(forColumn: "preparednessHash")
        preparednessSource = try row.decode(forColumn: "preparednessSource")
        overallScore = try row.decode(forColumn: "overallScore")
        scoreJSON = try row.decode(forColumn: "scoreJSON")
        headHash = try row.decode(forColumn: "headHash")
        playedOn = try Self.decodePlayedOn(in: row)
    }

    /// The run with this id, or `nil`. One prepared statement for the connection: the query
    /// interface's `fetchOne(key:)` looked up the table's primary key every time (a tenth of
    /// `drill show`).
    static func fetch(_ db: Database, id: String) throws -> RunRecord? {
        try fetchOne(db.cachedStatement(sql: "SELECT * FROM run WHERE id = ?"), arguments: [id])
    }

    /// The `playedOn` column of `row`: `nil` when empty or absent (before v11; migrations that
    /// read runs run before it).
    static func decodePlayedOn(in row: Row) throws -> CalendarDate? {
        guard row.hasColumn("playedOn"), let text: String = try row.decode(forColumn: "playedOn") else { return nil }
        guard let day = CalendarDate(parsing: text) else {
            throw RecordColumn.UnknownValue(description: "column playedOn: expected a date as YYYY-MM-DD, found '\(text)'")
        }
        return day
    }

    /// When the drill was played: ``startedAt`` for a live drill; for a backfilled one, its
    /// ``playedOn`` day at the time of day it was recorded (so drills backfilled on one day keep
    /// their order). Trends, schedules and improvement items order drills by it.
    public var playedAt: Date { Self.playedAt(startedAt: startedAt, playedOn: playedOn) }

    /// Whether the drill was recorded after it was held (`--played-on`).
    public var isBackfilled: Bool { playedOn != nil }

    /// ``playedAt`` from its parts.
    public static func playedAt(startedAt: Date, playedOn: CalendarDate?) -> Date {
        guard let playedOn else { return startedAt }
        let seconds = startedAt.timeIntervalSince1970
        let intoDay = seconds - (seconds / 86_400).rounded(.down) * 86_400
        return Date(timeIntervalSince1970: TimeInterval(playedOn.daysSinceEpoch) * 86_400 + intoDay)
    }

    /// The stored score, or `nil` when the run has not finished or its JSON does not decode.
    public var score: DrillScore? { Self.score(fromJSON: scoreJSON) }

    /// A stored score's JSON decoded, or `nil`.
    static func score(fromJSON json: String?) -> DrillScore? {
        guard let json else { return nil }
        return try? JSONDecoder().decode(DrillScore.self, from: Data(json.utf8))
    }

    /// The 32 characters of RFC 4648 base32, in lower case: no 0, 1, 8 or 9 to misread.
    static let idAlphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// How many random characters a new run id has after its date: 60 bits. Four (20 bits),
    /// as before, refused one run in six on a day with 200,000 runs; with twelve, two runs of
    /// one day share an id with a chance of about one in 10^8 even then, and the store refuses
    /// a duplicate rather than overwrite a run (``StoreError/runExists(_:)``).
    public static let idRandomLength = 12
    /// The lengths of the random part a run id may have: four in ids stored before
    /// ``idRandomLength`` grew, up to sixteen.
    public static let idRandomLengths = 4...16

    /// A fresh run id, `YYYYMMDD-xxxxxxxxxxxx`: the UTC date of `startedAt` and ``idRandomLength`` random base32 characters.
    public static func makeID(startedAt: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        return makeID(startedAt: startedAt, using: &generator)
    }

    /// A run id as ``makeID(startedAt:)``, drawing the random part from `generator`.
    public static func makeID(startedAt: Date, using generator: inout some RandomNumberGenerator) -> String {
        let day = CalendarDate(daysSinceEpoch: Int((startedAt.timeIntervalSince1970 / 86_400).rounded(.down)))
        let suffix = String((0..<idRandomLength).map { _ in idAlphabet.randomElement(using: &generator) ?? "a" })
        return day.description.replacingOccurrences(of: "-", with: "") + "-" + suffix
    }
}
