import Foundation
import GRDB

/// How many files one transaction of an import holds.
///
/// Each commit waits for the disk (`synchronous=FULL`); one per file was most of an
/// import's time. A batch is committed when it holds `maxFiles` files or has taken
/// `maxDuration`, whichever comes first, so a kill loses at most that much work, which
/// running the same import again redoes. Files are checked before a transaction begins, so a
/// transaction holds the write lock only to store files already checked, for about
/// `maxDuration`: drills writing the same database wait about that long at most.
public struct ImportBatching: Hashable, Sendable {
    /// Most files per transaction.
    public var maxFiles: Int
    /// Longest a transaction stays open before it is committed (checked after each file).
    public var maxDuration: Duration

    /// Creates a batching.
    public init(maxFiles: Int = 256, maxDuration: Duration = .milliseconds(250)) {
        self.maxFiles = max(1, maxFiles)
        self.maxDuration = maxDuration
    }
}

extension AppDatabase {
    /// Checks items `0..<count` and stores them in order, in batches of transactions (see
    /// ``ImportBatching``), each item in its own savepoint, so an item that cannot be stored
    /// leaves the others of its batch as they are. `report` is called for every item, in order,
    /// once its batch is committed: an item reported as stored is on disk. Items are checked
    /// (`check`, which needs no database) on `workers` threads ahead of the one storing them
    /// (one: all on the calling thread). An item that breaks a constraint is refused alone,
    /// named by `displayPath`.
    ///
    /// - Throws: a ``StoreError`` when the database fails; the batches committed before stay,
    ///   and so do the items of the current batch before the one that failed.
    func storeInBatches<Item: Sendable, Stored>(
        count: Int, batching: ImportBatching, workers: Int, displayPath: (Int) -> String,
        check: @escaping @Sendable (Int) throws(LoadFailure) -> Item,
        store: (Item, Int, StoreTransaction) throws -> Stored,
        report: (Int, Result<Stored, LoadFailure>) -> Void
    ) throws(StoreError) {
        // Reading and checking a file is most of the work and needs no database: other threads
        // check the files ahead, while this one stores them in order. The window lets them
        // check on through a whole batch's transaction (up to `maxDuration`, some fifty files):
        // with 8, they stopped soon after the transaction began, and a 10,000-file import kept
        // one core of two busy.
        let checked = InOrderWork.Ahead(count: count, workers: workers, window: 64) { index in
            Result { () throws(LoadFailure) in try check(index) }
        }
        defer { checked.stop() }
        var next = 0
        let clock = ContinuousClock()
        var pending: [Result<Item, LoadFailure>] = []
        while next < count {
            var results: [(Int, Result<Stored, LoadFailure>)] = []
            var failure: (any Error)?
            // Items are checked before the write lock is taken (as many as are checked within
            // `maxDuration`), so a transaction holds the lock only to store them; it stops after
            // `maxDuration` too, leaving the rest for the next one (storing a file, sealed and
            // signed, takes longer than a drill may wait for many of them).
            let gathering = clock.now
            while next + pending.count < count, pending.count < batching.maxFiles,
                  pending.isEmpty || clock.now - gathering < batching.maxDuration {
                pending.append(checked.take(next + pending.count))
            }
            try write { db in
                let started = clock.now
                while let checkedItem = pending.first, results.isEmpty || clock.now - started < batching.maxDuration {
                    pending.removeFirst()
                    let item: Item
                    switch checkedItem {
                    case let .success(loaded):
                        item = loaded
                    case let .failure(error):
                        results.append((next, .failure(error)))
                        next += 1
                        continue
                    }
                    var stored: Stored?
                    do {
                        try db.inSavepoint {
                            stored = try store(item, next, StoreTransaction(database: self, db: db))
                            return .commit
                        }
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        // Checked items satisfy every constraint; this one is refused alone.
                        let detail = Self.storeError(error, path: path, writing: true).message
                        results.append((next, .failure(.invalid([
                            Diagnostic(path: displayPath(next), line: 1, column: 1, message: "the transcript: could not be stored: \(detail)"),
                        ]))))
                        next += 1
                        continue
                    } catch {
                        // Commit what the batch holds so far, then fail.
                        failure = error
                        break
                    }
                    if let stored { results.append((next, .success(stored))) }
                    next += 1
                }
                try Self.indexPendingEntries(db)
            }
            for (index, result) in results { report(index, result) }
            if let failure { throw Self.storeError(failure, path: path, writing: true) }
            // A moment with the lock free, so a drill waiting for it gets it before the next transaction.
            if next < count { usleep(5_000) }
        }
    }
}
