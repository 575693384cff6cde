import Foundation

extension AppDatabase {
    /// Every improvement item, oldest first (only `team`'s when given), brought up to date with
    /// the stored runs and checks: new gaps get a number, items whose runs were all deleted go.
    /// Accepted risks are judged on `day` (default: today, UTC).
    public func improvementItems(team: String? = nil, on day: CalendarDate? = nil) throws(StoreError) -> [ImprovementItem] {
        try transaction { store in try ImprovementItem.refresh(in: store, team: team, on: day ?? Self.today) }
    }

    /// One item by number, up to date, or `nil` when no item has it.
    public func improvementItem(id: Int64, on day: CalendarDate? = nil) throws(StoreError) -> ImprovementItem? {
        try transaction { store in try ImprovementItem.refresh(in: store, on: day ?? Self.today).first { $0.id == id } }
    }

    /// Sets an item's owner and due date; `.some(nil)` clears one, `nil` leaves it. Returns the
    /// item, or `nil` when no item has that number.
    public func updateImprovementItem(id: Int64, owner: String??, dueDate: CalendarDate??) throws(StoreError) -> ImprovementItem? {
        try transaction { store -> ImprovementItem? in
            // Number any gaps found since items were last listed, so every number a report showed exists.
            _ = try ImprovementItem.refresh(in: store, on: Self.today)
            guard var item = try store.itemRecord(id: id) else { return nil }
            var changes: [String] = []
            if let owner {
                item.owner = owner
                changes.append("owner \(owner ?? "cleared")")
            }
            if let dueDate {
                item.dueDate = dueDate
                changes.append("due \(dueDate?.description ?? "cleared")")
            }
            try store.updateItem(item)
            try store.addItemEvent(.init(itemID: id, at: Date(), kind: .updated, text: changes.joined(separator: ", ")))
            try store.audit("improvement.updated", runID: nil, detail: "#\(id) \(item.fixKey): \(changes.joined(separator: ", "))")
            return try ImprovementItem.refresh(in: store, on: Self.today).first { $0.id == id }
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
        return try transaction { store -> Result<ImprovementItem, ItemChangeRefusal> in
            guard let item = try ImprovementItem.refresh(in: store, on: day).first(where: { $0.id == itemID }) else { return .failure(.noSuchItem(itemID)) }
            guard item.state == .open else { return .failure(.closed(itemID)) }
            try store.addItemEvent(.init(itemID: itemID, at: Date(), kind: .accepted, text: reason, until: until))
            try store.audit("improvement.risk-accepted", runID: nil, detail: "#\(itemID) \(item.fixKey): risk accepted until \(until): \(reason)")
            guard let updated = try ImprovementItem.refresh(in: store, on: day).first(where: { $0.id == itemID }) else { return .failure(.noSuchItem(itemID)) }
            return .success(updated)
        }
    }

    /// Adds a note to an item. Audited.
    public func addNote(itemID: Int64, text: String) throws(StoreError) -> Result<ImprovementItem, ItemChangeRefusal> {
        try transaction { store -> Result<ImprovementItem, ItemChangeRefusal> in
            guard let item = try ImprovementItem.refresh(in: store, on: Self.today).first(where: { $0.id == itemID }) else { return .failure(.noSuchItem(itemID)) }
            try store.addItemEvent(.init(itemID: itemID, at: Date(), kind: .note, text: text))
            try store.audit("improvement.noted", runID: nil, detail: "#\(itemID) \(item.fixKey): \(text)")
            guard let updated = try ImprovementItem.refresh(in: store, on: Self.today).first(where: { $0.id == itemID }) else { return .failure(.noSuchItem(itemID)) }
            return .success(updated)
        }
    }

    /// Closes, need by need, the open items of the report's team whose needs the check found
    /// met, and returns the items that are now closed (every need they cover met). The check's
    /// evidence behind each finding (its file and SHA-256) is kept with the closure.
    ///
    /// Only closes: a check never opens an item (gaps are opened by drills).
    public func closeImprovementItems(checkedBy report: CheckReport, at checkedAt: Date) throws(StoreError) -> [ImprovementItem] {
        try transaction { store in
            let open = try ImprovementItem.refresh(in: store, team: report.team, on: Self.today).filter { $0.state == .open }
            var touched: [Int64] = []
            for item in open {
                for covered in item.needs where covered.isOpen {
                    guard let scenario = report.scenarios.first(where: { $0.id == covered.scenarioId }),
                          let need = scenario.needs.first(where: { $0.id == covered.needId }), need.status == .met else { continue }
                    let provenance = (need.basis?.provenance ?? []).filter { $0.file != nil || $0.sha256 != nil }
                    try store.addCheckClosure(team: item.team, scenarioID: covered.scenarioId, needID: covered.needId, checkedAt: checkedAt,
                                              reason: need.reason, provenance: provenance)
                    try store.audit("improvement.closed", runID: nil,
                                    detail: "#\(item.id) \(covered.scenarioId)/\(covered.needId) met in drill check"
                                        + (provenance.isEmpty ? "" : " (evidence: " + provenance.map { "\($0.file ?? "?") sha256 \($0.sha256 ?? "?")" }.joined(separator: ", ") + ")"))
                    if !touched.contains(item.id) { touched.append(item.id) }
                }
            }
            guard !touched.isEmpty else { return [] }
            return try ImprovementItem.refresh(in: store, team: report.team, on: Self.today).filter { touched.contains($0.id) && $0.state == .closed }
        }
    }

    /// Today in UTC.
    static var today: CalendarDate { Timestamp8601.day(Date()) }
}

extension ImprovementItem {
    /// Derives every item (only `team`'s when given) from the runs and checks, numbers new
    /// ones, drops those no run finds any more, and adds what people recorded.
    ///
    /// A team's items follow from its own runs, findings and checks alone, so a report or check
    /// for one team reads only those.
    static func refresh(in store: StoreTransaction, team: String? = nil, on day: CalendarDate) throws -> [ImprovementItem] {
        let sources = try store.itemSources(team: team)
        var runInfo: [String: ItemSourceRows.Run] = [:]
        var drills: [ImprovementLedger.Drill] = []
        for run in sources.runs {
            runInfo[run.id] = run
            if run.isFinishedDrill { drills.append(.init(team: run.team, startedAt: run.playedAt)) }
        }
        var observations: [NeedObservation] = []
        for finding in sources.findings {
            guard let run = runInfo[finding.runID] else { continue }
            observations.append(NeedObservation(
                team: run.team, scenarioID: run.scenarioID, needID: finding.needID, pillar: finding.pillar, status: finding.status,
                reason: finding.reason, fix: finding.fix, at: run.playedAt, runID: finding.runID, position: finding.position))
        }
        for closure in sources.closures {
            observations.append(NeedObservation(
                team: closure.team, scenarioID: closure.scenarioID, needID: closure.needID, pillar: .contacts, status: .met,
                reason: closure.reason, fix: nil, at: closure.checkedAt, runID: nil, evidence: closure.provenance))
        }
        let entries = ImprovementLedger.entries(from: observations, drills: drills)

        var records = try store.itemRecords(team: team)
        var byKey: [ImprovementLedger.Key: Int] = [:]
        for (index, record) in records.enumerated() { byKey[.init(team: record.team, fixKey: record.fixKey)] = index }
        var used = Set<Int>()
        var built: [(entry: ImprovementLedger.Entry, record: ImprovementItemRecord)] = []
        var scenarios: [String: (Scenario, PreparednessPolicy)?] = [:]
        for entry in entries {
            var index = byKey[entry.key]
            if index == nil {
                if scenarios[entry.openedRunID] == nil {
                    scenarios[entry.openedRunID] = try content(runID: entry.openedRunID, in: store)
                }
                var action = "Change \(entry.fix ?? "the preparedness") so that \(entry.needID) is met."
                if let (scenario, policy) = scenarios[entry.openedRunID] ?? nil,
                   let need = scenario.needs.first(where: { $0.id == entry.needID }) {
                    action = CorrectiveAction.text(for: need, status: entry.lastStatus, in: scenario, policy: policy)
                }
                var record = ImprovementItemRecord(team: entry.key.team, fixKey: entry.key.fixKey, pillar: entry.pillar, action: action)
                try store.insertItem(&record)
                records.append(record)
                index = records.count - 1
            }
            guard let index else { continue }
            used.insert(index)
            if let basis = actionBasis(of: entry), basis != records[index].actionBasis {
                records[index].action = try mergedAction(of: entry, contents: &scenarios, in: store)
                records[index].actionBasis = basis
                try store.updateItem(records[index])
            }
            built.append((entry, records[index]))
        }
        for (index, record) in records.enumerated() where !used.contains(index) {
            try store.deleteItem(record)
        }

        let events = try store.itemEvents(itemIDs: built.compactMap(\.record.id))
        return built.compactMap { entry, record in
            guard let id = record.id else { return nil }
            return item(id: id, entry: entry, record: record, events: events[id] ?? [], on: day)
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

    /// What a merged item's action sentence follows from: how sentences are merged (``mergeRule``),
    /// then each gap still open under it, with its status and the run that found it last. `nil`
    /// for an item that covers one need (its sentence is its opening gap's, made when it was
    /// stored) or has no gap open (it keeps the sentence it had). The sentence is made again
    /// only when this changes, so a refresh parses a scenario only for an item a new run changed.
    static func actionBasis(of entry: ImprovementLedger.Entry) -> String? {
        let open = entry.needs.filter(\.isOpen)
        guard entry.needs.count > 1, !open.isEmpty else { return nil }
        return ([mergeRule] + open.map { "\($0.scenarioId)/\($0.needId) \($0.status) \($0.runIds.last ?? "")" }).joined(separator: "\n")
    }

    /// Names how ``mergedAction(of:contents:in:)`` merges sentences, as the first line of every
    /// basis: a sentence made by an earlier rule (each scenario's sentence in turn, before
    /// ``CorrectiveAction/strictest(_:)``) is made again at the next refresh.
    static let mergeRule = "merge: strictest"

    /// The action of a merged item: what each gap still open under it needs, as its latest run's
    /// scenario states it. Different sentences become one asking for the strictest of each part
    /// (``CorrectiveAction/strictest(_:)``) where they can; otherwise each is given once, named
    /// by its scenario.
    private static func mergedAction(of entry: ImprovementLedger.Entry, contents: inout [String: (Scenario, PreparednessPolicy)?],
                                     in store: StoreTransaction) throws -> String {
        let open = entry.needs.filter(\.isOpen)
        var sentences: [(scenarioID: String, text: String)] = []
        var gaps: [CorrectiveAction.Gap] = []
        for covered in open {
            var text = "Change \(entry.fix ?? "the preparedness") so that \(covered.needId) is met."
            if let runID = covered.runIds.last {
                if contents[runID] == nil { contents[runID] = try content(runID: runID, in: store) }
                if let (scenario, policy) = contents[runID] ?? nil, let need = scenario.needs.first(where: { $0.id == covered.needId }) {
                    let status = NeedStatus(rawValue: covered.status) ?? .unmet
                    text = CorrectiveAction.text(for: need, status: status, in: scenario, policy: policy)
                    gaps.append(CorrectiveAction.Gap(need: need, status: status, scenario: scenario, policy: policy))
                }
            }
            if !sentences.contains(where: { $0.text == text }) { sentences.append((covered.scenarioId, text)) }
        }
        guard sentences.count > 1 else { return sentences.first?.text ?? "" }
        // Merged only when every gap's need was read from its run.
        if gaps.count == open.count, let one = CorrectiveAction.strictest(gaps) { return one }
        return sentences.map { "For \($0.scenarioID): \($0.text)" }.joined(separator: " ")
    }

    /// A run's scenario and the policy of its preparedness, or `nil` when either no longer loads.
    private static func content(runID: String, in store: StoreTransaction) throws -> (Scenario, PreparednessPolicy)? {
        guard let run = try store.runRecord(id: runID), let content = try? StoredRun.content(of: run) else { return nil }
        return (content.scenario, content.profile.policy)
    }
}
