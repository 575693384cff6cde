import Foundation
import GRDB

/// A transcript file to import: where it is, and how messages name it.
public struct TranscriptFile: Hashable, Sendable {
    /// The file.
    public var url: URL
    /// The path as the user gave it, for messages.
    public var displayPath: String

    /// Creates a file to import.
    public init(url: URL, displayPath: String) {
        self.url = url
        self.displayPath = displayPath
    }

    /// A file named by a path, shown as given.
    public init(path: String) {
        self.init(url: URL(fileURLWithPath: path), displayPath: path)
    }
}

/// The run a stored transcript holds, as import reports it.
public struct ImportedRun: Hashable, Sendable {
    /// The run's id.
    public var id: String
    /// The team.
    public var team: String
    /// The scenario's id.
    public var scenarioId: String
    /// Where the run stands in the transcript.
    public var status: RunStatus
    /// The key that signed the transcript's seal, or `nil` for an unsigned transcript (exported before runs were sealed).
    public var signedBy: String?

    /// The run of a transcript.
    public init(_ transcript: RunTranscript) {
        id = transcript.id
        team = transcript.team
        scenarioId = transcript.scenarioId
        status = transcript.status
        signedBy = transcript.seal?.keyId
    }
}

/// What importing one file did.
public enum TranscriptImportResult: Equatable, Sendable {
    /// The transcript was valid; what storing it did.
    case stored(ImportedRun, ImportOutcome)
    /// The file is missing, or it is not a transcript drill could have recorded; nothing was stored from it.
    case refused(LoadFailure)
}

/// How many transcripts one transaction of an import holds.
///
/// Each commit waits for the disk (`synchronous=FULL`); one per transcript was most of an
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
    /// Reads, checks and stores transcript files in order, as `drill import` does.
    ///
    /// Every file is read and checked like ``RunTranscript/load(fileAt:displayPath:cache:)``,
    /// then stored like ``importTranscript(_:source:)``. Files are committed in batches (see
    /// ``ImportBatching``), each file in its own savepoint, so a file that cannot be stored
    /// leaves the others of its batch as they are. `report` is called for every file, in order,
    /// once its batch is committed: a run reported as stored is on disk. Files are read and
    /// checked on `workers` threads ahead of the one storing them (one: all on the calling thread).
    ///
    /// - Throws: a ``StoreError`` when the database fails; the batches committed before stay,
    ///   and so do the files of the current batch before the one that failed.
    ///
    /// A signed transcript is refused unless one of `keys` signed it (default: this installation's
    /// key); an unsigned one is stored, and reported with ``ImportedRun/signedBy`` `nil`. Either
    /// way the stored run is sealed and signed with this installation's key.
    public func importTranscripts(_ files: [TranscriptFile], cache: TranscriptContentCache = .init(), batching: ImportBatching = .init(),
                                  workers: Int = ProcessInfo.processInfo.activeProcessorCount, keys: TrustedKeys? = nil,
                                  report: (TranscriptFile, TranscriptImportResult) -> Void) throws(StoreError) {
        let keys = keys ?? trustedKeys
        // Reading and checking a file is most of the work and needs no database: other threads
        // check the files ahead, while this one stores them in order.
        let checked = InOrderWork.Ahead(count: files.count, workers: workers, window: 8) { index in
            Result { () throws(LoadFailure) in
                try RunTranscript.load(fileAt: files[index].url, displayPath: files[index].displayPath, cache: cache, keys: keys)
            }
        }
        defer { checked.stop() }
        var next = files.startIndex
        let clock = ContinuousClock()
        var pending: [Result<RunTranscript, LoadFailure>] = []
        while next < files.endIndex {
            var results: [(TranscriptFile, TranscriptImportResult)] = []
            var failure: (any Error)?
            // Files are checked before the write lock is taken (as many as are checked within
            // `maxDuration`), so a transaction holds the lock only to store them; it stops after
            // `maxDuration` too, leaving the rest for the next one (storing a file, sealed and
            // signed, takes longer than a drill may wait for many of them).
            let gathering = clock.now
            while next + pending.count < files.endIndex, pending.count < batching.maxFiles,
                  pending.isEmpty || clock.now - gathering < batching.maxDuration {
                pending.append(checked.take(next + pending.count))
            }
            try write { db in
                let started = clock.now
                while let checkedFile = pending.first, results.isEmpty || clock.now - started < batching.maxDuration {
                    pending.removeFirst()
                    let file = files[next]
                    let transcript: RunTranscript
                    switch checkedFile {
                    case let .success(loaded):
                        transcript = loaded
                    case let .failure(error):
                        results.append((file, .refused(error)))
                        next += 1
                        continue
                    }
                    var outcome = ImportOutcome.alreadyStored
                    do {
                        try db.inSavepoint {
                            outcome = try importTranscript(transcript, source: file.displayPath, keys: keys, in: db)
                            return .commit
                        }
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        // Checked transcripts satisfy every constraint; this one is refused alone.
                        let detail = Self.storeError(error, path: path, writing: true).message
                        results.append((file, .refused(.invalid([
                            Diagnostic(path: file.displayPath, line: 1, column: 1, message: "the transcript: could not be stored: \(detail)"),
                        ]))))
                        next += 1
                        continue
                    } catch {
                        // Commit what the batch holds so far, then fail.
                        failure = error
                        break
                    }
                    results.append((file, .stored(ImportedRun(transcript), outcome)))
                    next += 1
                }
                try Self.indexPendingEvents(db)
            }
            for (file, result) in results { report(file, result) }
            if let failure { throw Self.storeError(failure, path: path, writing: true) }
            // A moment with the lock free, so a drill waiting for it gets it before the next transaction.
            if next < files.endIndex { usleep(5_000) }
        }
    }
}
