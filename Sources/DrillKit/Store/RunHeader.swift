import Foundation
import GRDB

/// A stored run as lists show it: its columns without the scenario and preparedness texts.
///
/// `drill runs`, trends and score histories never replay a run, and reading the two texts
/// (23 KB a run in the benchmark's data) was the larger part of listing runs. Whatever needs
/// the texts reads the whole ``RunRecord``.
public struct RunHeader: Hashable, Sendable, FetchableRecord {
    /// See ``RunRecord/id``.
    public var id: String
    /// See ``RunRecord/team``.
    public var team: String
    /// See ``RunRecord/scenarioID``.
    public var scenarioID: String
    /// See ``RunRecord/scenarioKind``.
    public var scenarioKind: String
    /// See ``RunRecord/mode``.
    public var mode: String
    /// See ``RunRecord/status``.
    public var status: RunStatus
    /// See ``RunRecord/startedAt``.
    public var startedAt: Date
    /// See ``RunRecord/endedAt``.
    public var endedAt: Date?
    /// See ``RunRecord/overallScore``.
    public var overallScore: Int?
    /// See ``RunRecord/scoreJSON``.
    public var scoreJSON: String?
    /// See ``RunRecord/playedOn``.
    public var playedOn: CalendarDate?

    /// The columns a header reads, for `SELECT`.
    static let columns = "id, team, scenarioID, scenarioKind, mode, status, startedAt, endedAt, overallScore, scoreJSON, playedOn"

    /// Reads a row that has at least ``columns``.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        team = try row.decode(forColumn: "team")
        scenarioID = try row.decode(forColumn: "scenarioID")
        scenarioKind = try row.decode(forColumn: "scenarioKind")
        mode = try row.decode(forColumn: "mode")
        status = try RecordColumn.decode(RunStatus.self, "status", in: row)
        startedAt = try row.decode(forColumn: "startedAt")
        endedAt = try row.decode(forColumn: "endedAt")
        overallScore = try row.decode(forColumn: "overallScore")
        scoreJSON = try row.decode(forColumn: "scoreJSON")
        playedOn = try RunRecord.decodePlayedOn(in: row)
    }

    /// The header of a whole record.
    public init(_ run: RunRecord) {
        id = run.id
        team = run.team
        scenarioID = run.scenarioID
        scenarioKind = run.scenarioKind
        mode = run.mode
        status = run.status
        startedAt = run.startedAt
        endedAt = run.endedAt
        overallScore = run.overallScore
        scoreJSON = run.scoreJSON
        playedOn = run.playedOn
    }

    /// See ``RunRecord/playedAt``.
    public var playedAt: Date { RunRecord.playedAt(startedAt: startedAt, playedOn: playedOn) }
    /// See ``RunRecord/isBackfilled``.
    public var isBackfilled: Bool { playedOn != nil }
    /// See ``RunRecord/score``.
    public var score: DrillScore? { RunRecord.score(fromJSON: scoreJSON) }
}
