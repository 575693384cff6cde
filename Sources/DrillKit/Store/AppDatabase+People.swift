import Foundation
import GRDB

/// One person's part in one run.
public struct Participation: Codable, Hashable, Sendable, FetchableRecord {
    /// The person.
    public var name: String
    /// Their role in that run.
    public var role: String?
    /// The run.
    public var runID: String
    /// The team.
    public var team: String
    /// The scenario.
    public var scenarioID: String
    /// Its kind.
    public var scenarioKind: String
    /// drill or onboarding.
    public var mode: String
    /// in-progress, paused or finished.
    public var status: RunStatus
    /// When the run started.
    public var startedAt: Date
    /// When it finished.
    public var endedAt: Date?

    /// Creates a participation.
    public init(name: String, role: String?, runID: String, team: String, scenarioID: String, scenarioKind: String, mode: String,
                status: RunStatus, startedAt: Date, endedAt: Date?) {
        self.name = name
        self.role = role
        self.runID = runID
        self.team = team
        self.scenarioID = scenarioID
        self.scenarioKind = scenarioKind
        self.mode = mode
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}

extension AppDatabase {
    /// Every participant of every run, oldest run first.
    public func participations() throws(StoreError) -> [Participation] {
        try read { db in
            try Participation.fetchAll(db, sql: """
                SELECT p.name, p.role, r.id AS runID, r.team, r.scenarioID, r.scenarioKind, r.mode, r.status, r.startedAt, r.endedAt
                FROM participant p JOIN run r ON r.id = p.runID
                ORDER BY r.startedAt, r.id, p.position
                """)
        }
    }

    /// Every run of a team (all teams when `nil`), oldest first, without their content.
    public func runHistory(team: String? = nil) throws(StoreError) -> [RunRecord] {
        try read { db in
            var request = RunRecord.order(RunRecord.Columns.startedAt, RunRecord.Columns.id)
            if let team { request = request.filter(RunRecord.Columns.team == team) }
            return try request.fetchAll(db)
        }
    }

    /// Replaces a run's score after grading, and records who graded it.
    public func regrade(runID: String, score: DrillScore, detail: String) throws(StoreError) {
        try write { db in
            try checkSealed(runID: runID, in: db)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(score), as: UTF8.self)
            try db.execute(sql: "UPDATE run SET overallScore = ?, scoreJSON = ? WHERE id = ? AND status = 'finished'",
                           arguments: [score.overall, json, runID])
            if db.changesCount > 0 { try seal(runID: runID, action: "run.graded", in: db) }
            try record("run.graded", runID: runID, detail: detail, in: db)
        }
    }
}
