import Foundation
import GRDB

extension AppDatabase {
    /// Stores a new run with its participants (in the order given), the findings it starts from,
    /// and its opening events (the first inject and prompt, numbered from 1, recorded at the
    /// start), in one transaction: a run is never stored without its opening.
    ///
    /// The participants' `runID`, `position` and `id` are set here. Throws
    /// ``StoreError/runExists(_:)`` when a run with the same id is already stored.
    public func createRun(_ run: RunRecord, participants: [ParticipantRecord], findings: [Finding], evidence: RunEvidence? = nil,
                          opening: [DrillEvent] = []) throws(StoreError) {
        var run = run
        run.startedAt = EventChain.storable(run.startedAt)
        var head = EventChain.genesis(of: run)
        let events = opening.enumerated().map { offset, event in
            head = EventChain.link(previous: head, seq: offset + 1, recordedAt: run.startedAt, event: event)
            return EventRecord(event: event, runID: run.id, seq: offset + 1, recordedAt: run.startedAt, hash: head)
        }
        run.headHash = head
        let participants = participants.enumerated().map { position, participant in
            ParticipantRecord(runID: run.id, name: participant.name, role: participant.role, position: position)
        }
        let findings = findings.enumerated().map { FindingRecord(runID: run.id, position: $0, finding: $1) }
        try transaction { store in
            // The same writer as an imported run's, so a started run and an imported one are stored alike.
            do {
                try store.insertRun(StoredRunRows(run: run, participants: participants, findings: findings, events: events,
                                                  evidenceJSON: evidence?.canonicalJSON))
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                throw StoreError.runExists(run.id)
            }
            try store.seal(runID: run.id, action: "run.started")
            try store.audit("run.started", runID: run.id,
                            detail: "\(run.mode) of \(run.scenarioID) for \(run.team)" + (run.playedOn.map { ", backfilled: played on \($0)" } ?? ""))
        }
    }

    /// Stores one event of a run in its own transaction, committed before this returns.
    ///
    /// Throws ``StoreError/duplicateEvent(runID:seq:)`` when the run already has an event
    /// numbered `seq`: that means two drills are writing the same run, and neither should
    /// carry on silently. Throws ``StoreError/runNotFound(_:)`` for a run that is not stored.
    public func appendEvent(_ event: DrillEvent, runID: String, seq: Int, recordedAt: Date) throws(StoreError) {
        try appendEvents([event], runID: runID, firstSeq: seq, recordedAt: recordedAt)
    }

    /// Stores one step of a run (an answer with everything it caused: consequences, deadlines,
    /// the next inject and prompt) in one transaction, committed before this returns: all of
    /// it or none of it, with one wait for the disk. The events are numbered from `firstSeq`
    /// and chained in order. Throws as ``appendEvent(_:runID:seq:recordedAt:)``.
    public func appendEvents(_ events: [DrillEvent], runID: String, firstSeq: Int, recordedAt: Date) throws(StoreError) {
        guard !events.isEmpty else { return }
        let recordedAt = EventChain.storable(recordedAt)
        do {
            let memo = try write { db -> StepMemo.Entry? in
                let dataVersion = try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version"))
                // The run as this value left it at its last step, when nothing has written to the
                // file since; otherwise read from its rows and checked against its seal.
                var checked = dataVersion.flatMap { stepMemo.seal(runID: runID, dataVersion: $0, totalChanges: db.totalChangesCount) }
                if checked == nil, let read = try checkSealed(runID: runID, in: db), let head = read.content.headHash {
                    checked = (read.seal, head)
                }
                guard let checked else { throw StoreError.runNotFound(runID) }
                var previous = checked.headHash
                var records: [EventRecord] = []
                records.reserveCapacity(events.count)
                for (offset, event) in events.enumerated() {
                    let seq = firstSeq + offset
                    let hash = EventChain.link(previous: previous, seq: seq, recordedAt: recordedAt, event: event)
                    records.append(EventRecord(event: event, runID: runID, seq: seq, recordedAt: recordedAt, hash: hash))
                    previous = hash
                }
                do {
                    try StoreTransaction(database: self, db: db).insertEvents(records)
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
                    // The first of the step's numbers already stored: what two drills writing one run collide on.
                    let taken = try Int.fetchOne(db, sql: "SELECT MIN(seq) FROM event WHERE runID = ? AND seq BETWEEN ? AND ?",
                                                 arguments: [runID, firstSeq, firstSeq + events.count - 1])
                    throw StoreError.duplicateEvent(runID: runID, seq: taken ?? firstSeq)
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                    throw StoreError.runNotFound(runID)
                }
                try db.cachedStatement(sql: "UPDATE run SET headHash = ? WHERE id = ?").execute(arguments: [previous, runID])
                // The step changed only the head: the seal just checked, with the new head, is the
                // one the rows now give (reading and digesting them again was a quarter of a step).
                let seal = checked.seal.replacingHeadHash(previous)
                try store(seal, runID: runID, action: "run.step", in: db)
                // Another connection cannot commit while this transaction holds the write lock, so
                // the data version read at its start is the one after it commits.
                return dataVersion.map {
                    StepMemo.Entry(runID: runID, seal: seal, headHash: previous, dataVersion: $0, totalChanges: db.totalChangesCount)
                }
            }
            // Remembered once committed (a failed commit leaves the rows as they were).
            stepMemo.remember(memo)
        } catch {
            stepMemo.remember(nil)
            throw error
        }
    }

    /// Sets a run's status and end time (`nil` clears it, as when a finished run is resumed).
    public func setStatus(runID: String, _ status: RunStatus, endedAt: Date?) throws(StoreError) {
        try write { db in
            try checkSealed(runID: runID, in: db)
            try db.cachedStatement(sql: "UPDATE run SET status = ?, endedAt = ? WHERE id = ?").execute(arguments: [status.rawValue, endedAt, runID])
            guard db.changesCount == 1 else { throw StoreError.runNotFound(runID) }
            let action = switch status {
            case .paused: "run.paused"
            case .inProgress: "run.resumed"
            case .finished: "run.finished"
            }
            try seal(runID: runID, action: action, in: db)
            try record(action, runID: runID, detail: "", in: db)
            if status != .inProgress { try Self.indexPendingEntries(db) }
        }
    }

    /// Marks a run finished with its score: status, end time, overall score and the score as JSON.
    public func finishRun(runID: String, score: DrillScore, endedAt: Date) throws(StoreError) {
        try write { db in
            try checkSealed(runID: runID, in: db)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = String(decoding: try encoder.encode(score), as: UTF8.self)
            try db.cachedStatement(sql: "UPDATE run SET status = ?, endedAt = ?, overallScore = ?, scoreJSON = ? WHERE id = ?")
                .execute(arguments: [RunStatus.finished.rawValue, endedAt, score.overall, json, runID])
            guard db.changesCount == 1 else { throw StoreError.runNotFound(runID) }
            try seal(runID: runID, action: "run.finished", in: db)
            try record("run.finished", runID: runID, detail: "overall \(score.overall)/100", in: db)
            try Self.indexPendingEntries(db)
        }
    }

    /// Records an administrative action in the audit trail, in its own transaction.
    public func audit(_ action: String, runID: String? = nil, detail: String = "") throws(StoreError) {
        try write { db in try record(action, runID: runID, detail: detail, in: db) }
    }

    func record(_ action: String, runID: String?, detail: String, in db: Database) throws {
        var entry = AuditRecord(at: Date(), action: action, runID: runID, detail: detail, identity: identity)
        try appendAudit(&entry, in: db)
    }
}
