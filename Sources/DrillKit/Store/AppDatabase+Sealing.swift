import Foundation
import GRDB

/// The anchor as stored: each chain's length and last link, signed.
struct Anchor: Hashable, Sendable {
    var ledgerCount = 0
    var ledgerHead: String?
    var auditCount = 0
    var auditHead: String?
    var keyID: String?
    var signature: String?

    var message: String {
        RecordChain.anchorMessage(ledgerCount: ledgerCount, ledgerHead: ledgerHead, auditCount: auditCount, auditHead: auditHead)
    }

    static func fetch(_ db: Database) throws -> Anchor {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM anchor WHERE id = 1")) else { return Anchor() }
        return Anchor(ledgerCount: row["ledgerCount"], ledgerHead: row["ledgerHead"], auditCount: row["auditCount"],
                      auditHead: row["auditHead"], keyID: row["keyID"], signature: row["signature"])
    }

    /// Signs the anchor with `key` and stores it.
    mutating func store(signedBy key: InstallationKey, in db: Database) throws {
        keyID = key.id
        signature = key.sign(message)
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO anchor (id, ledgerCount, ledgerHead, auditCount, auditHead, keyID, signature)
            VALUES (1, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [ledgerCount, ledgerHead, auditCount, auditHead, keyID, signature])
    }
}

/// The anchor a database value signed last: message, key and signature, all three compared
/// before a check is skipped, so an anchor changed in any way since is checked in full.
final class AnchorMemo: @unchecked Sendable {
    // Read and written under `lock` only.
    private let lock = NSLock()
    private var last: (message: String, keyID: String, signature: String)?

    func signed(_ anchor: Anchor) {
        guard let keyID = anchor.keyID, let signature = anchor.signature else { return }
        let message = anchor.message
        lock.withLock { last = (message, keyID, signature) }
    }

    func isLastSigned(message: String, keyID: String, signature: String) -> Bool {
        lock.withLock { last.map { $0.message == message && $0.keyID == keyID && $0.signature == signature } ?? false }
    }
}

/// The seal a database value stored last at a step of a run, and how the file stood right
/// after: SQLite's `data_version` (which changes whenever another connection, another drill or
/// the `sqlite3` CLI, commits) and this connection's total changes (which change with any of
/// its own writes). When both are unchanged at the run's next step, nothing has written to the
/// file since, so its rows still give that seal: the step need not read and digest them again
/// to check it (a third of a step's instructions, callgrind).
final class StepMemo: @unchecked Sendable {
    struct Entry {
        var runID: String
        var seal: RunSeal
        var headHash: String
        var dataVersion: Int
        var totalChanges: Int
    }

    // Read and written under `lock` only.
    private let lock = NSLock()
    private var last: Entry?

    func remember(_ entry: Entry?) {
        lock.withLock { last = entry }
    }

    /// The seal remembered for `runID`, when the file is as it was right after that step.
    func seal(runID: String, dataVersion: Int, totalChanges: Int) -> (seal: RunSeal, headHash: String)? {
        lock.withLock {
            guard let last, last.runID == runID, last.dataVersion == dataVersion, last.totalChanges == totalChanges else { return nil }
            return (last.seal, last.headHash)
        }
    }
}

/// A run's seal as stored beside it, for exports.
public struct StoredSeal: Hashable, Sendable, Codable {
    /// The seal (see ``RunSeal/hash``).
    public var hash: String
    /// The id of the key that signed it.
    public var keyId: String
    /// The base64 Ed25519 signature of ``RunSeal/signedMessage(_:)``.
    public var signature: String

    /// Creates a stored seal.
    public init(hash: String, keyId: String, signature: String) {
        self.hash = hash
        self.keyId = keyId
        self.signature = signature
    }
}

extension AppDatabase {
    /// Recomputes a run's seal from its rows, signs it, stores it beside the run, and appends it
    /// to the ledger. Every write that changes what a reviewer reads of a run ends here.
    ///
    /// `keeping` is a signature made elsewhere (an imported transcript's, already checked
    /// against trusted keys): kept when it signs exactly the seal the rows give, so the run's
    /// provenance survives the import and exporting it again gives the same bytes.
    func seal(runID: String, action: String, keeping signature: StoredSeal? = nil, in db: Database) throws {
        guard let sealed = try Self.sealedContent(runID: runID, in: db) else { return }
        try store(RunSeal(sealed.content), runID: runID, action: action, keeping: signature, in: db)
    }

    /// Stores `seal`, which the run's rows now give, as its seal, signed, and appends it to the
    /// ledger: for a write that knows what it changed (a step changes only the head hash).
    func store(_ seal: RunSeal, runID: String, action: String, keeping signature: StoredSeal? = nil, in db: Database) throws {
        let hash = seal.hash
        let signed = signature.flatMap { $0.hash == hash ? $0 : nil }
            ?? StoredSeal(hash: hash, keyId: key.id, signature: key.sign(RunSeal.signedMessage(hash)))
        try db.cachedStatement(sql: "UPDATE run SET sealFields = ?, sealHash = ?, sealKeyID = ?, sealSignature = ? WHERE id = ?")
            .execute(arguments: [seal.manifest, hash, signed.keyId, signed.signature, runID])
        try appendLedger(runID: runID, action: action, seal: Self.ledgerSeal(signed), in: db)
    }

    /// What the ledger records of a run's seal: the seal, the key and the signature, so a
    /// signature swapped for another (say, by a key that is not trusted) is found too.
    static func ledgerSeal(_ seal: StoredSeal) -> String {
        "\(seal.hash) \(seal.keyId) \(seal.signature)"
    }

    /// The anchor as stored, once it is known to be signed by a trusted key over the heads it
    /// names: a write extends only an anchor it can check, so it never vouches for chains
    /// rebuilt without the key.
    func checkedAnchor(in db: Database) throws -> Anchor {
        let anchor = try Anchor.fetch(db)
        guard let signature = anchor.signature, let keyID = anchor.keyID else {
            let chained = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ledger) OR EXISTS (SELECT 1 FROM audit WHERE hash IS NOT NULL)") ?? false
            if chained { throw StoreError.altered(path: path, detail: "the anchor over the ledger and the audit trail was removed") }
            return anchor
        }
        // The anchor this connection signed last is known good: checking it again (1.3 ms) was
        // a third of storing an imported run, which extends the anchor three times.
        let message = anchor.message
        if anchorMemo.isLastSigned(message: message, keyID: keyID, signature: signature) { return anchor }
        switch trustedKeys.verdict(signature: signature, keyID: keyID, message: message) {
        case .valid: return anchor
        case .invalid: throw StoreError.altered(path: path, detail: "the anchor's signature does not sign the ledger's and the audit trail's heads")
        case .unknownKey:
            throw StoreError.altered(path: path, detail: "the anchor was signed by key \(keyID), which is not trusted here (if it is a team member's installation, add its public key, from `drill key`, to KEYS in your config folder)")
        }
    }

    /// Throws unless a stored run is exactly as it was last sealed: its rows give its stored
    /// seal, and that seal is the ledger's last for it. Every write to an existing run checks
    /// this first, so a run edited outside drill is never re-sealed over the edit. Returns the
    /// seal checked (`nil` when the run is not stored).
    @discardableResult
    func checkSealed(runID: String, in db: Database) throws -> (seal: RunSeal, content: RunSeal.Content)? {
        guard let sealed = try Self.sealedContent(runID: runID, in: db) else { return nil }
        let seal = RunSeal(sealed.content)
        let recomputed = seal.hash, stored = sealed.row
        let last = try String.fetchOne(db.cachedStatement(sql: "SELECT seal FROM ledger WHERE runID = ? ORDER BY id DESC LIMIT 1"),
                                       arguments: [runID])
        guard let hash: String = stored["sealHash"], hash == recomputed, let keyID: String = stored["sealKeyID"],
              let signature: String = stored["sealSignature"], last == Self.ledgerSeal(StoredSeal(hash: hash, keyId: keyID, signature: signature))
        else {
            throw StoreError.altered(path: path, detail: "run \(runID) differs from what was sealed")
        }
        return (seal, sealed.content)
    }

    /// What a run's seal covers, read from its rows, with the run's row as stored (its seal
    /// columns); `nil` when the run is not stored.
    ///
    /// Every write to a run reads this, so the statements are prepared once per connection and
    /// the rows read in plain SQL: through the query interface, each read built its SQL and
    /// looked up the table's primary key again (about half of a seal's cost on the way to a
    /// drill's first prompt, callgrind). The scenario and preparedness texts are not read: the
    /// seal covers their hashes, and reading them was most of what a step read.
    static func sealedContent(runID: String, in db: Database) throws -> (content: RunSeal.Content, row: Row)? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(sealedColumns) FROM run WHERE id = ?"), arguments: [runID]) else {
            return nil
        }
        // Each value is read and normalised as RunRecord(row:) reads it, so the seal is the one
        // `drill verify` recomputes from the whole record (StoreTests "Writes seal a run from its sealed columns…").
        let content = RunSeal.Content(
            id: try row.decode(forColumn: "id"), team: try row.decode(forColumn: "team"), scenarioID: try row.decode(forColumn: "scenarioID"),
            scenarioTitle: try row.decode(forColumn: "scenarioTitle"), scenarioKind: try row.decode(forColumn: "scenarioKind"),
            mode: try row.decode(forColumn: "mode"), facilitator: try row.decode(forColumn: "facilitator"),
            participants: try participants(runID: runID, in: db).map { ($0.name, $0.role) },
            status: try RecordColumn.decode(RunStatus.self, "status", in: row).rawValue,
            startedAt: try row.decode(forColumn: "startedAt"), endedAt: try row.decode(forColumn: "endedAt"),
            asOf: try RecordColumn.decodeDate("asOf", in: row).description, scenarioHash: try row.decode(forColumn: "scenarioHash"),
            preparednessHash: try row.decode(forColumn: "preparednessHash"), preparednessSource: try row.decode(forColumn: "preparednessSource"),
            overallScore: try row.decode(forColumn: "overallScore"), scoreJSON: try row.decode(forColumn: "scoreJSON"),
            findings: try findings(runID: runID, in: db), headHash: try row.decode(forColumn: "headHash"),
            evidence: try evidenceJSON(runID: runID, in: db), playedOn: try RunRecord.decodePlayedOn(in: row)?.description)
        return (content, row)
    }

    /// The run's columns a seal covers, and its stored seal's.
    private static let sealedColumns = """
        id, team, scenarioID, scenarioTitle, scenarioKind, mode, facilitator, status, startedAt, endedAt, asOf, scenarioHash,
        preparednessHash, preparednessSource, overallScore, scoreJSON, headHash, playedOn, sealHash, sealKeyID, sealSignature
        """

    /// Appends an entry to the ledger of run seals (`seal` is `nil` for a deletion) and re-signs the anchor.
    func appendLedger(runID: String, action: String, seal: String?, in db: Database) throws {
        var anchor = try checkedAnchor(in: db)
        let link = RecordChain.ledgerLink(previous: anchor.ledgerHead, runID: runID, action: action, seal: seal)
        try db.cachedStatement(sql: "INSERT INTO ledger (runID, action, seal, hash) VALUES (?, ?, ?, ?)")
            .execute(arguments: [runID, action, seal, link])
        anchor.ledgerCount += 1
        anchor.ledgerHead = link
        try anchor.store(signedBy: key, in: db)
        anchorMemo.signed(anchor)
    }

    /// Appends an entry to the audit trail, chained to the one before, and re-signs the anchor.
    func appendAudit(_ entry: inout AuditRecord, in db: Database) throws {
        var anchor = try checkedAnchor(in: db)
        // Stored at a whole millisecond, so the time read back hashes as it did here.
        entry.at = EventChain.storable(entry.at)
        entry.hash = RecordChain.auditLink(previous: anchor.auditHead, at: entry.at, action: entry.action, runID: entry.runID,
                                           detail: entry.detail, user: entry.user, host: entry.host)
        try db.cachedStatement(sql: "INSERT INTO audit (at, action, runID, detail, user, host, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [RecordColumn.time(entry.at), entry.action, entry.runID, entry.detail, entry.user, entry.host, entry.hash])
        entry.id = db.lastInsertedRowID
        anchor.auditCount += 1
        anchor.auditHead = entry.hash
        try anchor.store(signedBy: key, in: db)
        anchorMemo.signed(anchor)
    }

    /// Seals what was stored before the file was sealed (a database of an earlier drill), once:
    /// every audit entry is chained in order, every run sealed as it stands, and the sealing
    /// recorded in the audit trail. What was edited before this cannot be told apart from what
    /// was recorded; the audit entry says when the older records were vouched for.
    func sealExistingRecords(in db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT pending FROM sealing WHERE id = 1") == 1 else { return }
        var anchor = try checkedAnchor(in: db)
        var auditCount = 0
        let entries = try Row.fetchAll(db, sql: "SELECT id, at, action, runID, detail, user, host FROM audit WHERE hash IS NULL ORDER BY id")
        for row in entries {
            let link = RecordChain.auditLink(previous: anchor.auditHead, at: row["at"], action: row["action"], runID: row["runID"],
                                             detail: row["detail"], user: row["user"], host: row["host"])
            try db.execute(sql: "UPDATE audit SET hash = ? WHERE id = ?", arguments: [link, row["id"] as Int64])
            anchor.auditHead = link
            anchor.auditCount += 1
            auditCount += 1
        }
        try anchor.store(signedBy: key, in: db)
        let runIDs = try String.fetchAll(db, sql: "SELECT id FROM run WHERE sealHash IS NULL ORDER BY startedAt, id")
        for runID in runIDs { try seal(runID: runID, action: "run.sealed", in: db) }
        for item in try ImprovementItemRecord.fetchAll(db) { try sealItem(item, in: db) }
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM checkClosure ORDER BY id") { try sealClosure(id: id, in: db) }
        for event in try ImprovementItemEventRecord.order(Column("id")).fetchAll(db) { try sealItemEvent(event, in: db) }
        // Items merged into another (v11) are gone from the table, not deleted outside drill.
        let merged = try Int64.fetchAll(db, sql: "SELECT otherItemID FROM improvementItemEvent WHERE kind = 'merged' AND otherItemID IS NOT NULL ORDER BY id")
        let stored = Set(try Int64.fetchAll(db, sql: "SELECT id FROM improvementItem"))
        for id in merged where !stored.contains(id) {
            let last = try Row.fetchOne(db, sql: "SELECT action, seal FROM ledger WHERE runID = ? ORDER BY id DESC LIMIT 1", arguments: [Self.itemKey(id)])
            if let last, (last["seal"] as String?) != nil { try appendLedger(runID: Self.itemKey(id), action: "item.merged", seal: nil, in: db) }
        }
        try db.execute(sql: "UPDATE sealing SET pending = 0 WHERE id = 1")
        if !runIDs.isEmpty || auditCount > 0 {
            try record("records.sealed", runID: nil,
                       detail: "\(runIDs.count) runs and \(auditCount) audit entries stored before sealing were sealed as they stood, with key \(key.id)",
                       in: db)
        }
    }

    /// The ledger's key for an improvement item: its number, which no run id can be.
    static func itemKey(_ id: Int64) -> String { "item:\(id)" }
    /// The ledger's key for a check that closed an item.
    static func closureKey(_ id: Int64) -> String { "closure:\(id)" }

    /// The seal of an improvement item's stored fields (its owner, due date and action are
    /// what a reviewer reads that no run holds).
    static func itemSeal(_ item: ImprovementItemRecord) -> String {
        var encoder = FieldEncoder(tag: "drill-item-v2")
        for field in [item.id.map(String.init), item.team, item.fixKey, item.pillar.rawValue, item.action, item.owner, item.dueDate?.description] {
            encoder.add(field)
        }
        return ContentHash.sha256(encoder.text)
    }

    /// The ledger's key for a note, accepted risk or change of an item.
    static func itemEventKey(_ id: Int64) -> String { "itemEvent:\(id)" }

    /// The seal of a note, accepted risk or change of an item.
    static func itemEventSeal(_ event: ImprovementItemEventRecord) -> String {
        var encoder = FieldEncoder(tag: "drill-item-event-v1")
        for field in [event.id.map(String.init), String(event.itemID), String(EventChain.milliseconds(event.at)), event.kind.rawValue, event.text,
                      event.until?.description, event.author, event.otherItemID.map(String.init)] {
            encoder.add(field)
        }
        return ContentHash.sha256(encoder.text)
    }

    /// Records a note, accepted risk or change of an item in the ledger.
    func sealItemEvent(_ event: ImprovementItemEventRecord, in db: Database) throws {
        guard let id = event.id else { return }
        try appendLedger(runID: Self.itemEventKey(id), action: "itemEvent.sealed", seal: Self.itemEventSeal(event), in: db)
    }

    /// The seal of a check's closure of an item, from its row.
    static func closureSeal(_ row: Row) -> String {
        var encoder = FieldEncoder(tag: "drill-closure-v1")
        encoder.add(String(row["id"] as Int64))
        for column in ["team", "scenarioID", "needID", "reason"] { encoder.add(row[column] as String?) }
        encoder.add(String(EventChain.milliseconds(row["checkedAt"] as Date)))
        // The evidence behind the closing finding (v11); closures without it keep their seal.
        if let provenance = row["provenance"] as String? { encoder.add(provenance) }
        return ContentHash.sha256(encoder.text)
    }

    /// Records an improvement item as it now stands in the ledger.
    func sealItem(_ item: ImprovementItemRecord, in db: Database) throws {
        guard let id = item.id else { return }
        try appendLedger(runID: Self.itemKey(id), action: "item.sealed", seal: Self.itemSeal(item), in: db)
    }

    /// Records a check's closure of an item in the ledger.
    func sealClosure(id: Int64, in db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM checkClosure WHERE id = ?", arguments: [id]) else { return }
        try appendLedger(runID: Self.closureKey(id), action: "closure.sealed", seal: Self.closureSeal(row), in: db)
    }

    /// Re-signs, with this installation's key, an anchor signed by the key `keyID` that is not
    /// trusted here (a lost key, a colleague's installation), and records it in the audit trail.
    /// The caller verifies everything else first: this vouches for the chains as they stand.
    public func adoptAnchor(signedBy keyID: String) throws(StoreError) {
        try write { db in
            var anchor = try Anchor.fetch(db)
            guard anchor.keyID == keyID, let signature = anchor.signature,
                  trustedKeys.verdict(signature: signature, keyID: keyID, message: anchor.message) == .unknownKey else {
                throw StoreError.altered(path: path, detail: "the anchor is not signed by an untrusted key \(keyID), so there is nothing to adopt")
            }
            try anchor.store(signedBy: key, in: db)
            try record("anchor.adopted", runID: nil, detail: "anchor signed by key \(keyID), not trusted here, re-signed with key \(key.id) after verification", in: db)
        }
    }

    /// A run's seal and signature as stored, or `nil` when it has none.
    public func storedSeal(runID: String) throws(StoreError) -> StoredSeal? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT sealHash, sealKeyID, sealSignature FROM run WHERE id = ?", arguments: [runID]),
                  let hash: String = row["sealHash"], let keyID: String = row["sealKeyID"], let signature: String = row["sealSignature"]
            else { return nil }
            return StoredSeal(hash: hash, keyId: keyID, signature: signature)
        }
    }
}
