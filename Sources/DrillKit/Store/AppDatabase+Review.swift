import Foundation
import GRDB

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

/// What a search found.
public struct SearchResults: Hashable, Sendable {
    /// The best matches first.
    public var hits: [SearchHit]
    /// Whether more steps matched than a search ranks, so only the newest of them were ranked
    /// (see ``AppDatabase/searchRankingWindow``).
    public var rankedNewestOnly: Bool
}

/// One full-text match in the stored runs.
public struct SearchHit: Codable, Hashable, Sendable {
    /// The run.
    public var runId: String
    /// Its team.
    public var team: String
    /// Its scenario.
    public var scenarioId: String
    /// When it started.
    public var startedAt: Date
    /// The event's number, for a match in an event.
    public var seq: Int?
    /// The event's kind.
    public var kind: String?
    /// The event's time on the simulated clock.
    public var simulatedHours: Double?
    /// The need, for a match in a finding.
    public var needId: String?
    /// The matching text around the match; the matched words are between ``SearchHit/highlightStart`` and ``SearchHit/highlightEnd``.
    public var snippet: String

    /// Marks the start of a matched word in a snippet (a private-use character).
    public static let highlightStart = "\u{E000}"
    /// Marks the end of a matched word in a snippet.
    public static let highlightEnd = "\u{E001}"

    /// The snippet with the matched words between the given markers.
    public func snippet(marking start: String, _ end: String) -> String {
        snippet.replacingOccurrences(of: Self.highlightStart, with: start).replacingOccurrences(of: Self.highlightEnd, with: end)
    }
}

extension AppDatabase {
    // MARK: - Import

    /// Stores a transcript's run exactly as it was exported: the same id, times, events and
    /// hash chain. Importing the same run again changes nothing; importing a later state of a
    /// stored run adds the events it lacks.
    ///
    /// The transcript should have passed ``RunTranscript/problems(cache:)``. The import is recorded in
    /// the audit trail with `source`. One transaction; to import many files, see
    /// ``importTranscripts(_:cache:batching:workers:report:)``.
    ///
    /// A new run keeps the transcript's signature when one of `keys` (default: this
    /// installation's key) made it; otherwise, and whenever events are added, the run is signed
    /// with this installation's key.
    public func importTranscript(_ transcript: RunTranscript, source: String, keys: TrustedKeys? = nil) throws(StoreError) -> ImportOutcome {
        let keys = keys ?? trustedKeys
        return try write { db in
            let outcome = try importTranscript(transcript, source: source, keys: keys, in: db)
            try Self.indexPendingEvents(db)
            return outcome
        }
    }

    /// ``importTranscript(_:source:)`` inside a transaction the caller holds.
    func importTranscript(_ transcript: RunTranscript, source: String, keys: TrustedKeys, in db: Database) throws -> ImportOutcome {
        guard let run = try RunRecord.fetchOne(db, key: transcript.id) else {
            try Self.insert(transcript, in: db)
            let signed = transcript.signatureVerdict(keys: keys) == .valid ? transcript.seal : nil
            try seal(runID: transcript.id, action: "run.imported", keeping: signed, in: db)
            try record("run.imported", runID: transcript.id, detail: "from \(source)" + Self.signer(of: transcript), in: db)
            return .imported
        }
        // Seals are compared by content: the stored run is sealed with this installation's key.
        var unsealed = transcript
        unsealed.seal = nil
        let incoming = unsealed.jsonData()
        var stored = RunTranscript(
            run: run,
            participants: try ParticipantRecord.filter(ParticipantRecord.Columns.runID == run.id).order(ParticipantRecord.Columns.position).fetchAll(db),
            findings: try FindingRecord.filter(FindingRecord.Columns.runID == run.id).order(FindingRecord.Columns.position).fetchAll(db),
            events: try EventRecord.filter(EventRecord.Columns.runID == run.id).order(EventRecord.Columns.seq).fetchAll(db))
        stored.evidence = try Self.evidenceJSON(runID: run.id, in: db).flatMap { try? RunEvidence(canonicalJSON: $0) }
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
        guard header(stored) == header(transcript) else {
            return .conflict("run \(run.id) is already stored with a different header (team, scenario, preparedness, participants or findings)")
        }
        let storedEvents = stored.events.map { RunTranscript.single($0) }
        let incomingEvents = transcript.events.map { RunTranscript.single($0) }
        if storedEvents.count >= incomingEvents.count, Array(storedEvents.prefix(incomingEvents.count)) == incomingEvents {
            return .newerStored
        }
        guard Array(incomingEvents.prefix(storedEvents.count)) == storedEvents else {
            return .conflict("run \(run.id) is already stored, and its events differ from the transcript's from event \(Self.firstDifference(storedEvents, incomingEvents))")
        }
        try checkSealed(runID: run.id, in: db)
        var previous = run.headHash ?? transcript.genesisHash
        var added: [(EventRecord, String)] = []
        for event in transcript.events.dropFirst(storedEvents.count) {
            previous = EventChain.link(previous: previous, seq: event.seq, recordedAt: EventChain.storable(event.recordedAt), event: event.event)
            added.append((event, previous))
        }
        try Self.insert(added, runID: run.id, in: db)
        try Self.setOutcome(of: transcript, headHash: previous, in: db)
        try seal(runID: run.id, action: "run.imported", in: db)
        try record("run.imported", runID: run.id, detail: "from \(source): \(transcript.events.count - storedEvents.count) more events" + Self.signer(of: transcript), in: db)
        return .extended(newEvents: transcript.events.count - storedEvents.count)
    }

    private static func signer(of transcript: RunTranscript) -> String {
        transcript.seal.map { "; signed by key \($0.keyId)" } ?? "; unsigned"
    }

    private static func firstDifference(_ a: [Data], _ b: [Data]) -> Int {
        (Array(zip(a, b)).firstIndex { $0.0 != $0.1 } ?? min(a.count, b.count)) + 1
    }

    /// Stores a run that is not stored yet: its row (with its outcome and head hash), participants, findings and events.
    private static func insert(_ transcript: RunTranscript, in db: Database) throws {
        // The links are computed first so the run's row is written once, complete. The run, its
        // findings and events go through cached statements: an import writes millions of rows.
        var links: [String] = []
        links.reserveCapacity(transcript.events.count)
        var previous = transcript.genesisHash
        for event in transcript.events {
            previous = EventChain.link(previous: previous, seq: event.seq, recordedAt: EventChain.storable(event.recordedAt), event: event.event)
            links.append(previous)
        }
        let run = try db.cachedStatement(sql: """
            INSERT INTO run (id, team, scenarioID, scenarioTitle, scenarioKind, mode, facilitator, status, startedAt, endedAt, asOf,
                             scenarioYAML, scenarioHash, preparednessYAML, preparednessHash, preparednessSource, overallScore, scoreJSON, headHash,
                             playedOn)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // The hashes were checked against the texts (``RunTranscript/problems(cache:)``), so they are the texts' SHA-256.
        let values: [(any DatabaseValueConvertible)?] = [
            transcript.id, transcript.team, transcript.scenarioId, transcript.scenarioTitle, transcript.scenarioKind, transcript.mode,
            transcript.facilitator, transcript.status.rawValue, EventChain.storable(transcript.startedAt),
            transcript.endedAt.map(EventChain.storable), transcript.asOf.description, transcript.scenarioYAML, transcript.scenarioHash,
            transcript.preparednessYAML, transcript.preparednessHash, transcript.preparednessSource, transcript.score?.overall,
            try scoreJSON(transcript.score), previous, transcript.playedOn?.description,
        ]
        try run.execute(arguments: StatementArguments(values))
        try storeEvidence(transcript.evidence, runID: transcript.id, in: db)
        for (position, participant) in transcript.participants.enumerated() {
            var record = ParticipantRecord(runID: transcript.id, name: participant.name, role: participant.role, position: position)
            try record.insert(db)
        }
        let findings = transcript.findings.enumerated().map { position, result in
            FindingRecord(runID: transcript.id, position: position, finding: Finding(
                needID: result.id, pillar: result.pillar, status: result.status, reasons: result.reason.isEmpty ? [] : [result.reason],
                delay: TimeSpan(hours: result.delayHours), evidenceLoss: TimeSpan(hours: result.evidenceLossHours), fix: result.fix))
        }
        try insertRows(findings, table: "finding", columns: ["runID", "needID", "position", "pillar", "status", "reason", "delayHours",
                                                             "evidenceLossHours", "fix"], in: db) { finding in
            // As ``FindingRecord`` writes them.
            [finding.runID, finding.needID, finding.position, finding.pillar.rawValue, finding.status.rawValue, finding.reason,
             finding.delayHours, finding.evidenceLossHours, finding.fix]
        }
        try insert(Array(zip(transcript.events, links)), runID: transcript.id, in: db)
    }

    /// Stores events with their links, the columns as ``EventRecord`` writes them.
    private static func insert(_ events: [(EventRecord, String)], runID: String, in db: Database) throws {
        let columns = ["runID", "seq", "kind", "simulatedHours", "recordedAt", "injectID", "promptID", "deadlineID", "needID", "actor",
                       "text", "answer", "points", "maxPoints", "met", "delayHours", "seconds", "hash"]
        try insertRows(events, table: "event", columns: columns, in: db) { event, hash in
            [runID, event.seq, event.kind.rawValue, event.simulatedHours, EventChain.storable(event.recordedAt), event.injectID,
             event.promptID, event.deadlineID, event.needID, event.actor, event.text, event.answer, event.points, event.maxPoints,
             event.met, event.delayHours, event.seconds, hash]
        }
    }

    /// Most rows one `INSERT` statement stores.
    private static let rowsPerStatement = 64

    /// Stores rows several per statement. Each statement that fires the search index's trigger
    /// makes SQLite's full-text index write out what it holds, once per statement: with one
    /// statement per event and finding, that was a third of an import's time. Statements hold a
    /// power of two of rows, so at most seven per table are prepared and cached.
    private static func insertRows<Row>(_ rows: [Row], table: String, columns: [String], in db: Database,
                                        values: (Row) -> [(any DatabaseValueConvertible)?]) throws {
        let placeholders = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var start = 0
        while start < rows.count {
            var size = rowsPerStatement
            while size > rows.count - start { size /= 2 }
            let statement = try db.cachedStatement(
                sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                    + Array(repeating: placeholders, count: size).joined(separator: ", "))
            var arguments: [(any DatabaseValueConvertible)?] = []
            arguments.reserveCapacity(columns.count * size)
            for row in rows[start..<start + size] { arguments += values(row) }
            try statement.execute(arguments: StatementArguments(arguments))
            start += size
        }
    }

    /// A score as the `scoreJSON` column holds it.
    private static func scoreJSON(_ score: DrillScore?) throws -> String? {
        guard let score else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(score), as: UTF8.self)
    }

    private static func setOutcome(of transcript: RunTranscript, headHash: String, in db: Database) throws {
        let scoreJSON = try scoreJSON(transcript.score)
        try RunRecord.filter(RunRecord.Columns.id == transcript.id).updateAll(db, [
            RunRecord.Columns.status.set(to: transcript.status.rawValue),
            RunRecord.Columns.endedAt.set(to: transcript.endedAt.map(EventChain.storable)),
            RunRecord.Columns.overallScore.set(to: transcript.score?.overall),
            RunRecord.Columns.scoreJSON.set(to: scoreJSON),
            Column("headHash").set(to: headHash),
        ])
    }

    // MARK: - Improvement items

    /// Every improvement item, oldest first (only `team`'s when given), brought up to date with
    /// the stored runs and checks: new gaps get a number, items whose runs were all deleted go.
    /// Accepted risks are judged on `day` (default: today, UTC).
    public func improvementItems(team: String? = nil, on day: CalendarDate? = nil) throws(StoreError) -> [ImprovementItem] {
        try write { db in try refreshItems(in: db, team: team, on: day ?? Self.today) }
    }

    /// One item by number, up to date, or `nil` when no item has it.
    public func improvementItem(id: Int64, on day: CalendarDate? = nil) throws(StoreError) -> ImprovementItem? {
        try write { db in try refreshItems(in: db, on: day ?? Self.today).first { $0.id == id } }
    }

    /// Sets an item's owner and due date; `.some(nil)` clears one, `nil` leaves it. Returns the
    /// item, or `nil` when no item has that number.
    public func updateImprovementItem(id: Int64, owner: String??, dueDate: CalendarDate??) throws(StoreError) -> ImprovementItem? {
        try write { db -> ImprovementItem? in
            // Number any gaps found since items were last listed, so every number a report showed exists.
            _ = try refreshItems(in: db, on: Self.today)
            guard var item = try ImprovementItemRecord.fetchOne(db, key: id) else { return nil }
            var changes: [String] = []
            if let owner {
                item.owner = owner
                changes.append("owner \(owner ?? "cleared")")
            }
            if let dueDate {
                item.dueDate = dueDate
                changes.append("due \(dueDate?.description ?? "cleared")")
            }
            try item.update(db)
            try sealItem(item, in: db)
            try addItemEvent(.init(itemID: id, at: Date(), kind: .updated, text: changes.joined(separator: ", ")), in: db)
            try record("improvement.updated", runID: nil, detail: "#\(id) \(item.fixKey): \(changes.joined(separator: ", "))", in: db)
            return try refreshItems(in: db, on: Self.today).first { $0.id == id }
        }
    }

    /// What an accepted risk or note could not be recorded for.
    public enum ItemChangeRefusal: Error, Hashable, Sendable {
        /// No item has the number.
        case noSuchItem(Int64)
        /// The item is closed: there is no risk left to accept.
        case closed(Int64)
    }

    /// Records that the team accepts the risk of an open item until `until` (inclusive), and why;
    /// from the day after, the item counts as open again. Audited.
    public func acceptRisk(itemID: Int64, reason: String, until: CalendarDate, on day: CalendarDate? = nil) throws(StoreError) -> Result<ImprovementItem, ItemChangeRefusal> {
        let day = day ?? Self.today
        return try write { db -> Result<ImprovementItem, ItemChangeRefusal> in
            guard let item = try refreshItems(in: db, on: day).first(where: { $0.id == itemID }) else { return .failure(.noSuchItem(itemID)) }
            guard item.state == .open else { return .failure(.closed(itemID)) }
            try addItemEvent(.init(itemID: itemID, at: Date(), kind: .accepted, text: reason, until: until), in: db)
            try record("improvement.risk-accepted", runID: nil, detail: "#\(itemID) \(item.fixKey): risk accepted until \(until): \(reason)", in: db)
            guard let updated = try refreshItems(in: db, on: day).first(where: { $0.id == itemID }) else { return .failure(.noSuchItem(itemID)) }
            return .success(updated)
        }
    }

    /// Adds a note to an item. Audited.
    public func addNote(itemID: Int64, text: String) throws(StoreError) -> Result<ImprovementItem, ItemChangeRefusal> {
        try write { db -> Result<ImprovementItem, ItemChangeRefusal> in
            guard let item = try refreshItems(in: db, on: Self.today).first(where: { $0.id == itemID }) else { return .failure(.noSuchItem(itemID)) }
            try addItemEvent(.init(itemID: itemID, at: Date(), kind: .note, text: text), in: db)
            try record("improvement.noted", runID: nil, detail: "#\(itemID) \(item.fixKey): \(text)", in: db)
            guard let updated = try refreshItems(in: db, on: Self.today).first(where: { $0.id == itemID }) else { return .failure(.noSuchItem(itemID)) }
            return .success(updated)
        }
    }

    private func addItemEvent(_ event: ImprovementItemEventRecord, in db: Database) throws {
        var event = event
        event.at = EventChain.storable(event.at)
        event.author = event.author ?? identity.user
        try event.insert(db)
        try sealItemEvent(event, in: db)
    }

    /// Closes, need by need, the open items of the report's team whose needs the check found
    /// met, and returns the items that are now closed (every need they cover met). The check's
    /// evidence behind each finding (its file and SHA-256) is kept with the closure.
    ///
    /// Only closes: a check never opens an item (gaps are opened by drills).
    public func closeImprovementItems(checkedBy report: CheckReport, at checkedAt: Date) throws(StoreError) -> [ImprovementItem] {
        try write { db in
            let open = try refreshItems(in: db, team: report.team, on: Self.today).filter { $0.state == .open }
            var touched: [Int64] = []
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for item in open {
                for covered in item.needs where covered.isOpen {
                    guard let scenario = report.scenarios.first(where: { $0.id == covered.scenarioId }),
                          let need = scenario.needs.first(where: { $0.id == covered.needId }), need.status == .met else { continue }
                    let provenance = (need.basis?.provenance ?? []).filter { $0.file != nil || $0.sha256 != nil }
                    let provenanceJSON = provenance.isEmpty ? nil : String(decoding: try encoder.encode(provenance), as: UTF8.self)
                    try db.execute(
                        sql: "INSERT INTO checkClosure (team, scenarioID, needID, checkedAt, reason, provenance) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [item.team, covered.scenarioId, covered.needId, EventChain.storable(checkedAt), need.reason, provenanceJSON])
                    try sealClosure(id: db.lastInsertedRowID, in: db)
                    try record("improvement.closed", runID: nil,
                               detail: "#\(item.id) \(covered.scenarioId)/\(covered.needId) met in drill check"
                                   + (provenance.isEmpty ? "" : " (evidence: " + provenance.map { "\($0.file ?? "?") sha256 \($0.sha256 ?? "?")" }.joined(separator: ", ") + ")"),
                               in: db)
                    if !touched.contains(item.id) { touched.append(item.id) }
                }
            }
            guard !touched.isEmpty else { return [] }
            return try refreshItems(in: db, team: report.team, on: Self.today).filter { touched.contains($0.id) && $0.state == .closed }
        }
    }

    /// Today in UTC.
    static var today: CalendarDate { Timestamp8601.day(Date()) }

    /// Derives every item (only `team`'s when given) from the runs and checks, numbers new
    /// ones, drops those no run finds any more, and adds what people recorded.
    ///
    /// A team's items follow from its own runs, findings and checks alone, so a report or check
    /// for one team reads only those: reading every finding took seconds on a database of
    /// 100,000 runs (BENCHMARKS.md, `report --team`).
    private func refreshItems(in db: Database, team: String? = nil, on day: CalendarDate) throws -> [ImprovementItem] {
        let teamFilter = team == nil ? "" : " WHERE run.team = :team"
        let arguments: StatementArguments = team.map { ["team": $0] } ?? [:]
        let runs = try Row.fetchAll(db, sql: "SELECT id, team, scenarioID, startedAt, playedOn, mode, status FROM run" + teamFilter, arguments: arguments)
        var runInfo: [String: (team: String, scenarioID: String, playedAt: Date)] = [:]
        var drills: [ImprovementLedger.Drill] = []
        for row in runs {
            let id: String = row["id"], team: String = row["team"], startedAt: Date = row["startedAt"]
            let playedAt = RunRecord.playedAt(startedAt: startedAt, playedOn: (row["playedOn"] as String?).flatMap(CalendarDate.init(parsing:)))
            runInfo[id] = (team, row["scenarioID"], playedAt)
            if row["mode"] as String == "drill" && row["status"] as String == RunStatus.finished.rawValue {
                drills.append(.init(team: team, startedAt: playedAt))
            }
        }
        var observations: [NeedObservation] = []
        let findings = try FindingRecord.fetchAll(
            db, sql: "SELECT finding.* FROM finding" + (team == nil ? "" : " JOIN run ON run.id = finding.runID" + teamFilter), arguments: arguments)
        for finding in findings {
            guard let run = runInfo[finding.runID] else { continue }
            observations.append(NeedObservation(
                team: run.team, scenarioID: run.scenarioID, needID: finding.needID, pillar: finding.pillar, status: finding.status,
                reason: finding.reason, fix: finding.fix, at: run.playedAt, runID: finding.runID, position: finding.position))
        }
        let closures = "SELECT team, scenarioID, needID, checkedAt, reason, provenance FROM checkClosure" + (team == nil ? "" : " WHERE team = :team")
        for row in try Row.fetchAll(db, sql: closures, arguments: arguments) {
            let evidence = (row["provenance"] as String?).flatMap { try? JSONDecoder().decode([Provenance].self, from: Data($0.utf8)) } ?? []
            observations.append(NeedObservation(
                team: row["team"], scenarioID: row["scenarioID"], needID: row["needID"], pillar: .contacts, status: .met,
                reason: row["reason"], fix: nil, at: row["checkedAt"], runID: nil, evidence: evidence))
        }
        let entries = ImprovementLedger.entries(from: observations, drills: drills)

        var request = ImprovementItemRecord.all()
        if let team { request = request.filter(ImprovementItemRecord.Columns.team == team) }
        var records = try request.fetchAll(db)
        var byKey: [ImprovementLedger.Key: Int] = [:]
        for (index, record) in records.enumerated() { byKey[.init(team: record.team, fixKey: record.fixKey)] = index }
        var used = Set<Int>()
        var built: [(entry: ImprovementLedger.Entry, record: ImprovementItemRecord)] = []
        var scenarios: [String: (Scenario, PreparednessPolicy)?] = [:]
        for entry in entries {
            var index = byKey[entry.key]
            if index == nil {
                if scenarios[entry.openedRunID] == nil {
                    scenarios[entry.openedRunID] = try Self.loadContent(runID: entry.openedRunID, in: db)
                }
                var action = "Change \(entry.fix ?? "the preparedness") so that \(entry.needID) is met."
                if let (scenario, policy) = scenarios[entry.openedRunID] ?? nil,
                   let need = scenario.needs.first(where: { $0.id == entry.needID }) {
                    action = CorrectiveAction.text(for: need, status: entry.lastStatus, in: scenario, policy: policy)
                }
                var record = ImprovementItemRecord(team: entry.key.team, fixKey: entry.key.fixKey, pillar: entry.pillar, action: action)
                try record.insert(db)
                try sealItem(record, in: db)
                records.append(record)
                index = records.count - 1
            }
            guard let index else { continue }
            used.insert(index)
            built.append((entry, records[index]))
        }
        for (index, record) in records.enumerated() where !used.contains(index) {
            _ = try record.delete(db)
            if let id = record.id {
                try appendLedger(runID: Self.itemKey(id), action: "item.deleted", seal: nil, in: db)
                for event in try ImprovementItemEventRecord.filter(Column("itemID") == id).fetchAll(db) {
                    _ = try event.delete(db)
                    if let eventID = event.id { try appendLedger(runID: Self.itemEventKey(eventID), action: "itemEvent.deleted", seal: nil, in: db) }
                }
            }
        }

        let ids = built.compactMap(\.record.id)
        var events: [Int64: [ImprovementItemEventRecord]] = [:]
        if !ids.isEmpty {
            for event in try ImprovementItemEventRecord.filter(ids.contains(Column("itemID"))).order(Column("id")).fetchAll(db) {
                events[event.itemID, default: []].append(event)
            }
        }
        return built.compactMap { entry, record in
            guard let id = record.id else { return nil }
            return Self.item(id: id, entry: entry, record: record, events: events[id] ?? [], on: day)
        }.sorted { $0.id < $1.id }
    }

    /// An item from its derived entry, its stored record and what people recorded, as it stands on `day`.
    static func item(id: Int64, entry: ImprovementLedger.Entry, record: ImprovementItemRecord, events: [ImprovementItemEventRecord],
                     on day: CalendarDate) -> ImprovementItem {
        var history = entry.history
        var notes: [ImprovementItem.Note] = []
        var acceptance: ImprovementItem.RiskAcceptance?
        for event in events {
            switch event.kind {
            case .note:
                notes.append(.init(at: event.at, author: event.author, text: event.text))
                history.append(.init(at: event.at, kind: .note, text: event.text, by: event.author))
            case .accepted:
                let until = event.until ?? Timestamp8601.day(event.at)
                acceptance = .init(reason: event.text, until: until, acceptedAt: event.at, acceptedBy: event.author, inForce: false)
                history.append(.init(at: event.at, kind: .riskAccepted, text: "risk accepted until \(until): \(event.text)", by: event.author))
                let expiry = until.adding(days: 1)
                let expiredAt = Date(timeIntervalSince1970: TimeInterval(expiry.daysSinceEpoch) * 86_400)
                if expiry <= day, entry.closedAt.map({ $0 > expiredAt || $0 < event.at }) ?? true, event.id == events.last(where: { $0.kind == .accepted })?.id {
                    history.append(.init(at: expiredAt, kind: .acceptanceExpired, text: "the accepted risk ran out after \(until): open again"))
                }
            case .updated:
                history.append(.init(at: event.at, kind: .updated, text: event.text, by: event.author))
            case .merged:
                history.append(.init(at: event.at, kind: .merged, text: event.text, by: event.author))
            }
        }
        // An acceptance holds while the item stays open, from when it was recorded to its last day;
        // closing ends it (a gap found again later is a new risk to decide on).
        if var current = acceptance {
            let closedSince = entry.closedAt.map { $0 >= current.acceptedAt } ?? false
            let reopenedSince = entry.periods.last.map { $0.openedAt > current.acceptedAt && entry.periods.count > 1 } ?? false
            current.inForce = entry.isOpen && day <= current.until && !closedSince && !reopenedSince
            acceptance = current
        }
        history.sort { $0.at < $1.at }
        let accepted = acceptance?.inForce == true
        return ImprovementItem(
            id: id, team: entry.key.team, fixKey: entry.key.fixKey, scenarioId: entry.scenarioID, needId: entry.needID, needs: entry.needs,
            pillar: entry.pillar, action: record.action, fix: entry.fix, state: entry.isOpen ? .open : .closed,
            status: entry.isOpen ? (accepted ? .riskAccepted : .open) : .closed, lastStatus: entry.lastStatus, reason: entry.reason,
            openedRunId: entry.openedRunID, openedAt: entry.openedAt, seenInRunIds: entry.seenInRunIDs, periods: entry.periods,
            closedAt: entry.closedAt, closedByRunId: entry.closedByRunID, closingReason: entry.closingReason,
            closingEvidence: entry.closingEvidence, supersededBy: entry.supersededBy, drillsSinceOpened: entry.drillsSinceOpened,
            openAfterTwoDrills: entry.isOpen && !accepted && entry.drillsSinceOpened >= 2, owner: record.owner, dueDate: record.dueDate,
            acceptance: acceptance, notes: notes, history: history)
    }

    /// A run's scenario and the policy of its preparedness, or `nil` when either no longer loads.
    private static func loadContent(runID: String, in db: Database) throws -> (Scenario, PreparednessPolicy)? {
        guard let run = try RunRecord.fetchOne(db, key: runID), let content = try? StoredRun.content(of: run) else { return nil }
        return (content.scenario, content.profile.policy)
    }

    // MARK: - Teams and search

    /// Every team with a stored run, by name.
    public func teams() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT team FROM run ORDER BY team") }
    }

    /// How many of the newest matching steps a search ranks, at most. Ranking every match of a
    /// common word computes a score for each (70,000 matches: about a second, BENCHMARKS.md);
    /// finding the newest ones walks the index backwards and stops.
    public static let searchRankingWindow = 2_000

    /// Stored events and findings that contain every word of `text` (a word ending in `*` matches
    /// as a prefix; words are matched stemmed, ignoring case and accents), best matches first.
    /// When more than `window` steps match, the best of the newest `window` are returned.
    public func search(_ text: String, team: String? = nil, scenarioID: String? = nil, limit: Int = 20,
                       window: Int = searchRankingWindow) throws(StoreError) -> [SearchHit] {
        try searchResults(text, team: team, scenarioID: scenarioID, limit: limit, window: window).hits
    }

    /// ``search(_:team:scenarioID:limit:window:)`` with whether the ranking was limited to the newest matches.
    public func searchResults(_ text: String, team: String? = nil, scenarioID: String? = nil, limit: Int = 20,
                              window: Int = searchRankingWindow) throws(StoreError) -> SearchResults {
        let query = Self.searchQuery(text)
        guard !query.isEmpty else { return SearchResults(hits: [], rankedNewestOnly: false) }
        // Steps of runs still being played, or killed mid-drill, are indexed first.
        try indexPendingEvents()
        return try read { db in
            var filter = ""
            var filterArguments: [(any DatabaseValueConvertible)?] = []
            if let team {
                filter += " AND r.team = ?"
                filterArguments.append(team)
            }
            if let scenarioID {
                filter += " AND r.scenarioID = ?"
                filterArguments.append(scenarioID)
            }
            let from = """
                FROM searchIndex s
                JOIN run r ON r.id = s.runID
                LEFT JOIN event e ON e.runID = s.runID AND e.seq = s.seq
                WHERE searchIndex MATCH ? AND (s.seq IS NULL OR e.seq IS NOT NULL)
                """ + filter
            // The oldest entry of the newest `window` matches: entries are numbered as stored.
            let newest = try Row.fetchOne(db, sql: "SELECT min(rowid), count(*) FROM (SELECT s.rowid \(from) ORDER BY s.rowid DESC LIMIT ?)",
                                          arguments: StatementArguments([query] + filterArguments + [max(1, window)]))
            let oldestRanked: Int64 = newest?[0] ?? 0
            let windowFull = (newest?[1] as Int? ?? 0) >= max(1, window)
            let sql = """
                SELECT s.runID, s.seq, s.needID, r.team, r.scenarioID, r.startedAt, e.kind, e.simulatedHours,
                       snippet(searchIndex, -1, ?, ?, '…', 24) AS snippet
                \(from) AND s.rowid >= ?
                ORDER BY rank, r.startedAt DESC, s.seq LIMIT ?
                """
            let arguments: [(any DatabaseValueConvertible)?] = [SearchHit.highlightStart, SearchHit.highlightEnd, query]
                + filterArguments + [oldestRanked, max(0, limit)]
            let hits = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                SearchHit(runId: row["runID"], team: row["team"], scenarioId: row["scenarioID"], startedAt: row["startedAt"],
                          seq: row["seq"], kind: row["kind"], simulatedHours: row["simulatedHours"], needId: row["needID"],
                          snippet: row["snippet"])
            }
            return SearchResults(hits: hits, rankedNewestOnly: windowFull)
        }
    }

    /// The words of `text` as an FTS5 query of quoted terms, so that no input is query syntax.
    static func searchQuery(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).compactMap { word -> String? in
            var term = String(word)
            let prefix = term.count > 1 && term.hasSuffix("*")
            if prefix { term.removeLast() }
            // A term with no letters or digits would match nothing, or everything.
            guard term.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
            return "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : "")
        }.joined(separator: " ")
    }
}

extension RunTranscript {
    /// One event as canonical JSON, for comparing stored and incoming events.
    static func single(_ event: EventRecord) -> Data {
        (try? ReviewJSON.encode(event)) ?? Data()
    }
}
