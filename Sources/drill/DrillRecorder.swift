import DrillKit
import Foundation

/// Commits a run's events to the database, one step per transaction, numbering them in order.
/// Shared between the drill loop and the Ctrl-C handler, hence a class with a lock.
final class DrillRecorder: @unchecked Sendable {
    let database: AppDatabase
    let runID: String
    private var nextSeq: Int
    private var lastSimulated = TimeSpan.zero
    private let lock = NSLock()

    /// `lastSimulated` is the simulated time of the last event already stored (where a pause is recorded).
    init(database: AppDatabase, runID: String, nextSeq: Int, lastSimulated: TimeSpan = .zero) {
        self.database = database
        self.runID = runID
        self.nextSeq = nextSeq
        self.lastSimulated = lastSimulated
    }

    /// Makes one event durable before anyone sees it.
    func record(_ event: DrillEvent) throws(StoreError) {
        try record(contentsOf: [event])
    }

    /// Makes one step's events durable together, in one transaction, before any is shown.
    func record(contentsOf events: [DrillEvent]) throws(StoreError) {
        guard let last = events.last else { return }
        lock.lock()
        defer { lock.unlock() }
        try database.appendEvents(events, runID: runID, firstSeq: nextSeq, recordedAt: Date())
        nextSeq += events.count
        lastSimulated = last.simulated
    }

    /// Records a pause at the simulated time of the last event, and marks the run paused.
    func pause(_ reason: String) throws(StoreError) {
        let simulated = lock.withLock { lastSimulated }
        try record(DrillEvent(kind: .paused, simulated: simulated, text: reason))
        try database.setStatus(runID: runID, .paused, endedAt: nil)
    }
}
