import Foundation
import GRDB

extension AppDatabase {
    /// Stores a new run with its participants (in the order given) and the findings it starts from.
    ///
    /// The participants' `runID`, `position` and `id` are set here. Throws
    /// ``StoreError/runExists(_:)`` when a run with the same id is already stored.
    public func createRun(_ run: RunRecord, participants: [ParticipantRecord], findings: [Finding]) throws(StoreError) {
        try write { db in
            do {
                try run.insert(db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StoreError.runExists(run.id)
            }
            for (position, participant) in participants.enumerated() {
                var participant = participant
                participant.id = nil
                participant.runID = run.id
                participant.position = position
                try participant.insert(db)
            }
            for (position, finding) in findings.enumerated() {
                try FindingRecord(runID: run.id, position: position, finding: finding).insert(db)
            }
        }
    }

    /// Stores one event of a run in its own transaction, committed before this returns.
    ///
    /// Throws ``StoreError/duplicateEvent(runID:seq:)`` when the run already has an event
    /// numbered `seq`: that means two drills are writing the same run, and neither should
    /// carry on silently. Throws ``StoreError/runNotFound(_:)`` for a run that is not stored.
    public func appendEvent(_ event: DrillEvent, runID: String, seq: Int, recordedAt: Date) throws(StoreError) {
        try write { db in
            do {
                try EventRecord(event: event, runID: runID, seq: seq, recordedAt: recordedAt).insert(db)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StoreError.duplicateEvent(runID: runID, seq: seq)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw StoreError.runNotFound(runID)
            }
        }
    }

    /// Sets a run's status and end time (`nil` clears it, as when a finished run is resumed).
    public func setStatus(runID: String, _ status: RunStatus, endedAt: Date?) throws(StoreError) {
        try write { db in
            let changed = try RunRecord.filter(RunRecord.Columns.id == runID).updateAll(db, [
                RunRecord.Columns.status.set(to: status.rawValue),
                RunRecord.Columns.endedAt.set(to: endedAt),
            ])
            guard changed == 1 else { throw StoreError.runNotFound(runID) }
        }
    }

    /// Marks a run finished with its score: status, end time, overall score and the score as JSON.
    public func finishRun(runID: String, score: DrillScore, endedAt: Date) throws(StoreError) {
        try write { db in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(score), as: UTF8.self)
            let changed = try RunRecord.filter(RunRecord.Columns.id == runID).updateAll(db, [
                RunRecord.Columns.status.set(to: RunStatus.finished.rawValue),
                RunRecord.Columns.endedAt.set(to: endedAt),
                RunRecord.Columns.overallScore.set(to: score.overall),
                RunRecord.Columns.scoreJSON.set(to: json),
            ])
            guard changed == 1 else { throw StoreError.runNotFound(runID) }
        }
    }
}
