import Foundation
import GRDB

/// What `drill verify` found in a database.
public struct IntegrityReport: Hashable, Sendable, Codable {
    /// One thing that does not match, named as precisely as the records allow.
    public struct Problem: Hashable, Sendable, Codable {
        /// The run it concerns.
        public var runId: String?
        /// The first event that does not match.
        public var seq: Int?
        /// The field (the store's column name, or `participants`, `findings`) that does not match.
        public var field: String?
        /// The audit entry that does not match.
        public var auditEntry: Int64?
        /// The ledger entry that does not match.
        public var ledgerEntry: Int64?
        /// What is wrong, in a sentence.
        public var detail: String

        /// Creates a problem.
        public init(runId: String? = nil, seq: Int? = nil, field: String? = nil, auditEntry: Int64? = nil, ledgerEntry: Int64? = nil,
                    detail: String) {
            self.runId = runId
            self.seq = seq
            self.field = field
            self.auditEntry = auditEntry
            self.ledgerEntry = ledgerEntry
            self.detail = detail
        }
    }

    /// One run: its chain, its seal, its signature, its place in the ledger and what follows from it.
    public struct RunCheck: Hashable, Sendable, Codable {
        /// The run.
        public var runId: String
        /// Events checked.
        public var events: Int
        /// The id of the key that signed the run's seal, if any.
        public var keyId: String?
        /// The first thing found wrong with the run, if any.
        public var problem: Problem?
        /// Whether the run is intact.
        public var intact: Bool { problem == nil }
    }

    /// SQLite's own verdict (`PRAGMA integrity_check`): `ok`, or what is damaged.
    public var integrityCheck: [String]
    /// Every run checked, oldest first.
    public var runs: [RunCheck]
    /// Audit entries checked.
    public var auditEntries: Int
    /// Ledger entries checked.
    public var ledgerEntries: Int
    /// The id of the key that signed the anchor, if any.
    public var anchorKeyId: String?
    /// What is wrong outside any one stored run: the audit trail, the ledger, the anchor, runs deleted outside `drill prune`.
    public var problems: [Problem]

    /// Whether nothing is wrong.
    public var isIntact: Bool { integrityCheck == ["ok"] && runs.allSatisfy(\.intact) && problems.isEmpty }
    /// Every problem, the database's own first, then each run's.
    public var allProblems: [Problem] { problems + runs.compactMap(\.problem) }
}

/// The stored rows of one run, as `drill verify` hands them to checks of what follows from them.
public struct StoredRunRows: Sendable {
    /// The run's row.
    public var run: RunRecord
    /// Its participants, in order.
    public var participants: [ParticipantRecord]
    /// Its findings, in order.
    public var findings: [FindingRecord]
    /// Its events, in order.
    public var events: [EventRecord]
    /// The evidence it was judged against, in its stored form; `nil` when it had none.
    public var evidenceJSON: String? = nil
}

extension AppDatabase {
    /// Checks the file (`PRAGMA integrity_check`) and every record a reviewer reads, or only the given runs':
    /// each run's texts against their hashes, its event chain, its seal (naming the field that
    /// changed), the seal's signature, and that its seal is the last the ledger recorded for it;
    /// the ledger's and the audit trail's chains, and the anchor's signature over their heads;
    /// and runs the ledger knows that are gone. `derived` checks what follows from a run's rows
    /// (its score, findings and status, recomputed), when given.
    ///
    /// Signatures count when made by one of `keys` (default: this installation's key).
    ///
    /// Runs are read in batches on this thread and checked on every core while the next batch
    /// is read (replaying each run is most of the work); the report lists them in order, as if
    /// checked one by one.
    public func verify(runIDs: [String]? = nil, keys: TrustedKeys? = nil,
                       derived: (@Sendable (StoredRunRows) -> IntegrityReport.Problem?)? = nil) throws(StoreError) -> IntegrityReport {
        let keys = keys ?? trustedKeys
        return try read { db in
            let integrityCheck = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            var problems: [IntegrityReport.Problem] = []
            let anchor = try Anchor.fetch(db)
            if let signature = anchor.signature, let keyID = anchor.keyID {
                switch keys.verdict(signature: signature, keyID: keyID, message: anchor.message) {
                case .valid: break
                case .invalid:
                    problems.append(.init(field: "anchor", detail: "the anchor's signature does not sign the ledger's and audit trail's heads: they were rebuilt without the key"))
                case .unknownKey:
                    problems.append(.init(field: "anchor", detail: "the anchor was signed by key \(keyID), which is not trusted here"))
                }
            } else {
                problems.append(.init(field: "anchor", detail: "the database carries no signed anchor"))
            }

            // The audit trail's chain, and its head against the anchor.
            var previous: String?
            var auditCount = 0
            var auditBroken = false
            var sealedAsFound = 0
            let audit = try Row.fetchCursor(db, sql: "SELECT id, at, action, runID, detail, user, host, hash FROM audit ORDER BY id")
            while let row = try audit.next() {
                auditCount += 1
                let id: Int64 = row["id"]
                // Records are sealed as found once, when the file is first sealed; again means
                // someone unsealed them to have drill vouch for what they changed.
                if row["action"] as String == "records.sealed" {
                    sealedAsFound += 1
                    if sealedAsFound == 2 {
                        problems.append(.init(auditEntry: id, detail: "audit entry \(id): records were sealed as found a second time, so the file was unsealed outside drill"))
                    }
                }
                let link = RecordChain.auditLink(previous: previous, at: row["at"], action: row["action"], runID: row["runID"],
                                                 detail: row["detail"], user: row["user"], host: row["host"])
                if !auditBroken, row["hash"] as String? != link {
                    problems.append(.init(auditEntry: id, detail: "audit entry \(id) was altered, or an entry before it removed"))
                    auditBroken = true
                }
                previous = row["hash"]
            }
            if !auditBroken, auditCount != anchor.auditCount || previous != anchor.auditHead {
                problems.append(.init(field: "audit", detail: auditCount < anchor.auditCount
                    ? "the audit trail holds \(auditCount) entries; the anchor names \(anchor.auditCount): the last were removed"
                    : "the audit trail's last entry is not the one the anchor names"))
            }

            // The ledger's chain, and the last seal it recorded for each run.
            previous = nil
            var ledgerCount = 0
            var ledgerBroken = false
            var lastSeal: [String: (seal: String?, action: String, entry: Int64)] = [:]
            let ledger = try Row.fetchCursor(db, sql: "SELECT id, runID, action, seal, hash FROM ledger ORDER BY id")
            while let row = try ledger.next() {
                ledgerCount += 1
                let id: Int64 = row["id"], runID: String = row["runID"], action: String = row["action"], seal: String? = row["seal"]
                let link = RecordChain.ledgerLink(previous: previous, runID: runID, action: action, seal: seal)
                if !ledgerBroken, row["hash"] as String? != link {
                    problems.append(.init(runId: runID, ledgerEntry: id, detail: "ledger entry \(id) (run \(runID)) was altered, or an entry before it removed"))
                    ledgerBroken = true
                }
                previous = row["hash"]
                if action == "run.sealed", let earlier = lastSeal[runID] {
                    problems.append(.init(runId: runID, ledgerEntry: id,
                                          detail: "ledger entry \(id): run \(runID) was sealed as found after entry \(earlier.entry) had sealed it: its seal was removed outside drill to have it vouched for again"))
                }
                lastSeal[runID] = (seal, action, id)
            }
            if !ledgerBroken, ledgerCount != anchor.ledgerCount || previous != anchor.ledgerHead {
                problems.append(.init(field: "ledger", detail: ledgerCount < anchor.ledgerCount
                    ? "the ledger holds \(ledgerCount) entries; the anchor names \(anchor.ledgerCount): the last were removed"
                    : "the ledger's last entry is not the one the anchor names"))
            }

            var request = RunRecord.order(RunRecord.Columns.startedAt, RunRecord.Columns.id)
            if let runIDs { request = request.filter(runIDs.contains(RunRecord.Columns.id)) }
            var checks: [IntegrityReport.RunCheck] = []
            var seen = Set<String>()
            var batch: [RunRows] = []
            // Each batch is checked on every core while this thread reads the next one: reading
            // was a quarter of verify's time, spent with the checkers idle. At most two batches
            // are held, so memory stays flat.
            var checking: BatchCheck?
            let runs = try request.asRequest(of: Row.self).fetchCursor(db)
            while let row = try runs.next() {
                let rows = try RunRows(row, in: db) { lastSeal[$0] }
                seen.insert(rows.stored.run.id)
                batch.append(rows)
                if batch.count == Self.verifyBatchSize {
                    checks += checking?.results() ?? []
                    checking = BatchCheck(batch, keys: keys, derived: derived)
                    batch = []
                    batch.reserveCapacity(Self.verifyBatchSize)
                }
            }
            checks += checking?.results() ?? []
            checks += BatchCheck(batch, keys: keys, derived: derived).results()
            if runIDs == nil { problems += try checkItems(ledger: lastSeal, in: db) }
            for (runID, last) in lastSeal.sorted(by: { $0.value.entry < $1.value.entry })
            where last.seal != nil && !runID.contains(":") && !seen.contains(runID) && (runIDs == nil || runIDs?.contains(runID) == true) {
                problems.append(.init(runId: runID, ledgerEntry: last.entry,
                                      detail: "run \(runID) is in the ledger (last: \(last.action)) but not in the database: it was deleted outside `drill prune`"))
            }
            return IntegrityReport(integrityCheck: integrityCheck, runs: checks, auditEntries: auditCount, ledgerEntries: ledgerCount,
                                   anchorKeyId: anchor.keyID, problems: problems)
        }
    }

    /// Improvement items and the checks that closed them, against the ledger: each as it was
    /// last sealed, none added or deleted outside drill.
    private func checkItems(ledger: [String: (seal: String?, action: String, entry: Int64)], in db: Database) throws -> [IntegrityReport.Problem] {
        var problems: [IntegrityReport.Problem] = []
        var seen = Set<String>()
        for item in try ImprovementItemRecord.fetchAll(db) {
            guard let id = item.id else { continue }
            let key = Self.itemKey(id)
            seen.insert(key)
            if ledger[key]?.seal != Self.itemSeal(item) {
                problems.append(.init(field: "improvementItem",
                                      detail: "improvement item #\(id) (\(item.fixKey)) differs from what was sealed: its owner, due date or action was edited outside drill"))
            }
        }
        for event in try ImprovementItemEventRecord.fetchAll(db) {
            guard let id = event.id else { continue }
            let key = Self.itemEventKey(id)
            seen.insert(key)
            if ledger[key]?.seal != Self.itemEventSeal(event) {
                problems.append(.init(field: "improvementItemEvent",
                                      detail: "the \(event.kind.rawValue) \(id) of improvement item #\(event.itemID) was added or edited outside drill"))
            }
        }
        for row in try Row.fetchAll(db, sql: "SELECT * FROM checkClosure ORDER BY id") {
            let id: Int64 = row["id"]
            let key = Self.closureKey(id)
            seen.insert(key)
            if ledger[key]?.seal != Self.closureSeal(row) {
                problems.append(.init(field: "checkClosure", detail: "the check that closed \(row["scenarioID"] as String? ?? "?")/\(row["needID"] as String? ?? "?") (closure \(id)) was added or edited outside drill"))
            }
        }
        for (key, last) in ledger.sorted(by: { $0.value.entry < $1.value.entry })
        where last.seal != nil && (key.hasPrefix("item:") || key.hasPrefix("closure:") || key.hasPrefix("itemEvent:")) && !seen.contains(key) {
            let (field, name) = key.hasPrefix("item:") ? ("improvementItem", "improvement item #")
                : key.hasPrefix("itemEvent:") ? ("improvementItemEvent", "item note or accepted risk ") : ("checkClosure", "closure ")
            problems.append(.init(field: field, ledgerEntry: last.entry,
                                  detail: "\(name)\(key.drop { $0 != ":" }.dropFirst()) is in the ledger but not in the database: it was deleted outside drill"))
        }
        return problems
    }

    /// How many runs `verify` reads before checking them side by side: enough to keep every
    /// core busy, few enough that memory stays flat on a large store.
    static let verifyBatchSize = 256

    /// Everything `verify` reads about one run, as plain values that any thread may check.
    struct RunRows: Sendable {
        /// The run's rows, as checks of what follows from them receive them.
        var stored: StoredRunRows
        var sealFields: String?
        var sealHash: String?
        var sealKeyID: String?
        var sealSignature: String?
        /// The last seal the ledger recorded for the run.
        var ledger: (seal: String?, action: String, entry: Int64)?

        /// Reads the rest of a run from its row (all of `run`'s columns, its seal's included).
        init(_ row: Row, in db: Database, ledger: (String) -> (seal: String?, action: String, entry: Int64)?) throws {
            stored = try StoredRunRows(try RunRecord(row: row), in: db)
            self.ledger = ledger(stored.run.id)
            sealFields = row["sealFields"]
            sealHash = row["sealHash"]
            sealKeyID = row["sealKeyID"]
            sealSignature = row["sealSignature"]
        }
    }

    /// A batch of runs being checked on every core, in the background; ``results()`` waits for
    /// them and lists them in the batch's order.
    private final class BatchCheck: @unchecked Sendable {
        // Both are set in `init` and never replaced; `group` orders the workers' writes before `results()`.
        private let group = DispatchGroup()
        private let checked: CheckResults

        init(_ batch: [RunRows], keys: TrustedKeys, derived: (@Sendable (StoredRunRows) -> IntegrityReport.Problem?)?) {
            @Sendable func check(_ rows: RunRows) -> IntegrityReport.RunCheck {
                IntegrityReport.RunCheck(runId: rows.stored.run.id, events: rows.stored.events.count, keyId: rows.sealKeyID,
                                         problem: AppDatabase.checkRun(rows, keys: keys, derived: derived))
            }
            let checked = CheckResults(count: batch.count)
            self.checked = checked
            guard !batch.isEmpty else { return }
            let workers = min(ProcessInfo.processInfo.activeProcessorCount, batch.count)
            DispatchQueue.global().async(group: group) {
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    for index in stride(from: worker, to: batch.count, by: workers) { checked.set(index, check(batch[index])) }
                }
            }
        }

        func results() -> [IntegrityReport.RunCheck] {
            group.wait()
            return checked.all
        }
    }

    /// Results written by several threads, each to its own slots.
    fileprivate final class CheckResults: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [IntegrityReport.RunCheck?]

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ check: IntegrityReport.RunCheck) { lock.withLock { results[index] = check } }

        var all: [IntegrityReport.RunCheck] { lock.withLock { results.compactMap { $0 } } }
    }

    /// The first thing wrong with one run, in the order a reader would want it named.
    fileprivate static func checkRun(_ rows: RunRows, keys: TrustedKeys,
                                 derived: (@Sendable (StoredRunRows) -> IntegrityReport.Problem?)?) -> IntegrityReport.Problem? {
        let run = rows.stored.run, events = rows.stored.events, participants = rows.stored.participants, findings = rows.stored.findings
        let evidence = rows.stored.evidenceJSON, ledger = rows.ledger
        func problem(seq: Int? = nil, field: String? = nil, _ detail: String) -> IntegrityReport.Problem {
            .init(runId: run.id, seq: seq, field: field, detail: detail)
        }
        if ContentHash.sha256(run.scenarioYAML) != run.scenarioHash {
            return problem(field: "scenarioYAML", "the stored scenario text does not match its hash: it was edited")
        }
        if ContentHash.sha256(run.preparednessYAML) != run.preparednessHash {
            return problem(field: "preparednessYAML", "the stored preparedness text does not match its hash: it was edited")
        }
        let recomputed = RunSeal(RunSeal.Content(run: run, participants: participants, findings: findings, evidence: evidence))
        guard let sealHash = rows.sealHash else {
            return problem(field: "sealHash", "the run carries no seal: it was added outside drill, or its seal removed")
        }
        // A header field is named before the event chain, which starts from the header and would
        // only say that event 1 no longer follows.
        let changed = recomputed.fieldsDiffering(from: rows.sealFields)
        if let field = changed.first(where: { $0 != "headHash" }) {
            let others = changed.filter { $0 != field }
            return problem(field: field, "the run's \(field) differs from what was sealed" + (others.isEmpty ? "" : " (and \(others.joined(separator: ", ")))"))
        }
        if let broken = EventChain.check(genesis: EventChain.genesis(of: run), events: events.map { ($0.seq, $0.recordedAt, $0.event, $0.hash) },
                                         head: run.headHash) {
            return problem(seq: broken.seq, field: broken.seq == nil ? "headHash" : nil, broken.detail)
        }
        if !changed.isEmpty {
            return problem(field: "headHash", "the run's events are not those sealed: events were removed or replaced, and the head hash reset to match")
        }
        if recomputed.hash != sealHash {
            return problem(field: "sealHash", "the run's seal does not match its sealed fields: it was altered")
        }
        guard let keyID = rows.sealKeyID, let signature = rows.sealSignature else {
            return problem(field: "sealSignature", "the run's seal is not signed")
        }
        guard let ledger else {
            return problem(field: "ledger", "the run is not in the ledger: it was added outside drill")
        }
        if ledger.seal != Self.ledgerSeal(StoredSeal(hash: sealHash, keyId: keyID, signature: signature)) {
            return problem(field: "ledger", "the run differs from its last state in the ledger (entry \(ledger.entry), \(ledger.action)): it was rolled back, or its seal or signature replaced")
        }
        // A run imported from a transcript keeps the signature it came with; the ledger pins it,
        // and the anchor (signed here) covers the ledger, so a key not trusted here is named, not refused.
        if keys.verdict(signature: signature, keyID: keyID, message: RunSeal.signedMessage(sealHash)) == .invalid {
            return problem(field: "sealSignature", "the run's seal was not signed by key \(keyID): it was recomputed without the key")
        }
        return derived?(rows.stored)
    }

    /// Audit entries, newest first.
    public func auditEntries(_ filter: AuditFilter = AuditFilter()) throws(StoreError) -> [AuditRecord] {
        try read { db in
            var request = AuditRecord.order(AuditRecord.Columns.id.desc)
            if let action = filter.action {
                request = request.filter(sql: "substr(action, 1, length(?)) = ?", arguments: [action, action])
            }
            if let runID = filter.runID { request = request.filter(AuditRecord.Columns.runID == runID) }
            if let since = filter.since { request = request.filter(AuditRecord.Columns.at >= since) }
            if let until = filter.until { request = request.filter(AuditRecord.Columns.at < until) }
            if let limit = filter.limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// Deletes runs started before a time, with everything stored about them, and records each
    /// deletion in the audit trail. Returns the ids deleted.
    public func deleteRuns(startedBefore cutoff: Date, reason: String) throws(StoreError) -> [RunRecord] {
        try write { db in
            let runs = try RunRecord.filter(RunRecord.Columns.startedAt < cutoff).order(RunRecord.Columns.startedAt).fetchAll(db)
            for run in runs {
                _ = try run.delete(db)
                try appendLedger(runID: run.id, action: "run.deleted", seal: nil, in: db)
                try record("run.deleted", runID: run.id,
                           detail: "\(run.scenarioID) for \(run.team), started \(run.startedAt), head \(run.headHash ?? "none"); \(reason)", in: db)
            }
            return runs
        }
    }
}
