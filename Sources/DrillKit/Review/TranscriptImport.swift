import Foundation

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

/// What importing one transcript did.
public enum ImportOutcome: Hashable, Sendable {
    /// The run was not stored; now it is.
    case imported
    /// The same run, exactly, was already stored: nothing changed.
    case alreadyStored
    /// An earlier state of the run was stored (it was paused or in progress); its later events were added.
    case extended(newEvents: Int)
    /// A later state of the run is already stored: nothing changed.
    case newerStored
    /// A run with the same id but different content is stored: nothing changed.
    case conflict(String)
}

/// What importing one file did.
public enum TranscriptImportResult: Equatable, Sendable {
    /// The transcript was valid; what storing it did.
    case stored(ImportedRun, ImportOutcome)
    /// The file is missing, or it is not a transcript drill could have recorded; nothing was stored from it.
    case refused(LoadFailure)
}

extension AppDatabase {
    /// Stores a transcript's run exactly as it was exported: the same id, times, events and
    /// hash chain. Importing the same run again changes nothing; importing a later state of a
    /// stored run adds the events it lacks.
    ///
    /// The transcript should have passed ``RunTranscript/problems(cache:keys:)``. The import is recorded in
    /// the audit trail with `source`. One transaction; to import many files, see
    /// ``importTranscripts(_:cache:batching:workers:keys:report:)``.
    ///
    /// A new run keeps the transcript's signature when one of `keys` (default: this
    /// installation's key) made it; otherwise, and whenever events are added, the run is signed
    /// with this installation's key.
    public func importTranscript(_ transcript: RunTranscript, source: String, keys: TrustedKeys? = nil) throws(StoreError) -> ImportOutcome {
        let keys = keys ?? trustedKeys
        return try transaction { store in
            let outcome = try transcript.store(in: store, source: source,
                                               verifiedSeal: transcript.signatureVerdict(keys: keys) == .valid ? transcript.seal : nil)
            try store.indexPendingEntries()
            return outcome
        }
    }

    /// Reads, checks and stores transcript files in order, as `drill import` does.
    ///
    /// Every file is read and checked like ``RunTranscript/load(fileAt:displayPath:cache:keys:)``,
    /// then stored like ``importTranscript(_:source:keys:)``. Files are committed in batches (see
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
        try storeInBatches(
            count: files.count, batching: batching, workers: workers, displayPath: { files[$0].displayPath },
            // One thread stores while the others check, so whatever needs no database is done
            // in the check: the rows a new run is stored as are worked out there too.
            check: { index throws(LoadFailure) in
                let transcript = try RunTranscript.load(fileAt: files[index].url, displayPath: files[index].displayPath, cache: cache, keys: keys)
                return (transcript, transcript.storedRows)
            },
            store: { (checked: (transcript: RunTranscript, rows: StoredRunRows), index: Int, store: StoreTransaction) throws -> (ImportedRun, ImportOutcome) in
                // Loaded with `keys`, a transcript whose seal is not signed by one of them was
                // refused: a seal it still carries was verified (checking it again here, on the
                // storing thread, was a tenth of that thread's work).
                let outcome = try checked.transcript.store(in: store, source: files[index].displayPath, verifiedSeal: checked.transcript.seal,
                                                           rows: checked.rows)
                return (ImportedRun(checked.transcript), outcome)
            },
            report: { index, result in
                switch result {
                case let .success((run, outcome)): report(files[index], .stored(run, outcome))
                case let .failure(failure): report(files[index], .refused(failure))
                }
            })
    }
}

extension RunTranscript {
    /// Stores the run inside a transaction the caller holds (see ``AppDatabase/importTranscript(_:source:keys:)``).
    ///
    /// `verifiedSeal` is the transcript's seal when its signature was verified against trusted
    /// keys: a new run keeps it. `rows`, when given, are ``storedRows`` worked out beforehand.
    func store(in store: StoreTransaction, source: String, verifiedSeal: StoredSeal?, rows newRows: StoredRunRows? = nil) throws -> ImportOutcome {
        guard let rows = try store.runRows(id: id) else {
            try store.insertRun(newRows ?? storedRows)
            try store.seal(runID: id, action: "run.imported", keeping: verifiedSeal)
            try store.audit("run.imported", runID: id, detail: "from \(source)" + signer)
            return .imported
        }
        // Seals are compared by content: the stored run is sealed with this installation's key.
        var unsealed = self
        unsealed.seal = nil
        let incoming = unsealed.jsonData()
        var stored = RunTranscript(run: rows.run, participants: rows.participants, findings: rows.findings, events: rows.events)
        stored.evidence = rows.evidenceJSON.flatMap { try? RunEvidence(canonicalJSON: $0) }
        if stored.jsonData() == incoming { return .alreadyStored }
        func header(_ transcript: RunTranscript) -> Data {
            var header = transcript
            header.events = []
            header.status = .inProgress
            header.endedAt = nil
            header.score = nil
            header.headHash = nil
            header.seal = nil
            return header.jsonData()
        }
        guard header(stored) == header(self) else {
            return .conflict("run \(id) is already stored with a different header (team, scenario, preparedness, participants or findings)")
        }
        let storedEvents = stored.events.map(Self.single)
        let incomingEvents = events.map(Self.single)
        if storedEvents.count >= incomingEvents.count, Array(storedEvents.prefix(incomingEvents.count)) == incomingEvents {
            return .newerStored
        }
        guard Array(incomingEvents.prefix(storedEvents.count)) == storedEvents else {
            return .conflict("run \(id) is already stored, and its events differ from the transcript's from event \(Self.firstDifference(storedEvents, incomingEvents))")
        }
        try store.checkSealed(runID: id)
        let added = Self.linked(events.dropFirst(storedEvents.count), from: rows.run.headHash ?? genesisHash)
        var outcome = rows.run
        outcome.status = status
        outcome.endedAt = endedAt.map(EventChain.storable)
        outcome.overallScore = score?.overall
        outcome.scoreJSON = RunSeal.scoreJSON(score)
        outcome.headHash = added.last?.hash ?? rows.run.headHash ?? genesisHash
        try store.extendRun(outcome, with: added)
        try store.seal(runID: id, action: "run.imported")
        try store.audit("run.imported", runID: id, detail: "from \(source): \(events.count - storedEvents.count) more events" + signer)
        return .extended(newEvents: events.count - storedEvents.count)
    }

    /// The rows the store keeps of this run, as it would have written them: times at the
    /// store's precision, and each event linked into the run's hash chain from the start. The
    /// texts' hashes were checked (``problems(cache:keys:)``), so they are the texts' SHA-256.
    var storedRows: StoredRunRows {
        let events = Self.linked(self.events[...], from: genesisHash)
        var run = RunRecord(
            id: id, team: team, scenarioID: scenarioId, scenarioTitle: scenarioTitle, scenarioKind: scenarioKind, mode: mode,
            facilitator: facilitator, status: status, startedAt: EventChain.storable(startedAt), endedAt: endedAt.map(EventChain.storable),
            asOf: asOf, scenarioYAML: scenarioYAML, preparednessYAML: preparednessYAML, preparednessSource: preparednessSource,
            overallScore: score?.overall, scoreJSON: RunSeal.scoreJSON(score), playedOn: playedOn,
            knownHashes: (scenarioHash, preparednessHash))
        run.headHash = events.last?.hash ?? genesisHash
        return StoredRunRows(
            run: run,
            participants: participants.enumerated().map { ParticipantRecord(runID: id, name: $1.name, role: $1.role, position: $0) },
            findings: findings.enumerated().map { position, result in
                FindingRecord(runID: id, position: position, finding: Finding(
                    needID: result.id, pillar: result.pillar, status: result.status, reasons: result.reason.isEmpty ? [] : [result.reason],
                    delay: TimeSpan(hours: result.delayHours), evidenceLoss: TimeSpan(hours: result.evidenceLossHours), fix: result.fix))
            },
            events: events, evidenceJSON: evidence?.canonicalJSON)
    }

    /// Events as the store writes them, at its precision, each linked to the one before (the first to `previous`).
    private static func linked(_ events: ArraySlice<EventRecord>, from previous: String) -> [EventRecord] {
        var previous = previous
        return events.map { event in
            var stored = event
            stored.recordedAt = EventChain.storable(event.recordedAt)
            previous = EventChain.link(previous: previous, seq: stored.seq, recordedAt: stored.recordedAt, event: stored.event)
            stored.hash = previous
            return stored
        }
    }

    private var signer: String {
        seal.map { "; signed by key \($0.keyId)" } ?? "; unsigned"
    }

    private static func firstDifference(_ a: [Data], _ b: [Data]) -> Int {
        (Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)) + 1
    }

    /// One event as canonical JSON, for comparing stored and incoming events.
    static func single(_ event: EventRecord) -> Data {
        (try? DrillJSON.encode(event)) ?? Data()
    }
}
