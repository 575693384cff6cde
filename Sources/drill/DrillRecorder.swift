import DrillKit
import Foundation

/// Commits a run's events to the database one transaction each, numbering them in order.
/// Shared between the drill loop and the Ctrl-C handler, hence a class with a lock.
final class DrillRecorder: @unchecked Sendable {
    let database: AppDatabase
    let runID: String
    private var nextSeq: Int
    private var lastSimulated = TimeSpan.zero
    private let lock = NSLock()

    init(database: AppDatabase, runID: String, nextSeq: Int) {
        self.database = database
        self.runID = runID
        self.nextSeq = nextSeq
    }

    /// Makes one event durable before anyone sees it.
    func record(_ event: DrillEvent) throws(StoreError) {
        lock.lock()
        defer { lock.unlock() }
        try database.appendEvent(event, runID: runID, seq: nextSeq, recordedAt: Date())
        nextSeq += 1
        lastSimulated = event.simulated
    }

    /// Records a pause at the simulated time of the last event, and marks the run paused.
    func pause(_ reason: String) throws(StoreError) {
        let simulated = lock.withLock { lastSimulated }
        try record(DrillEvent(kind: .paused, simulated: simulated, text: reason))
        try database.setStatus(runID: runID, .paused, endedAt: nil)
    }
}
