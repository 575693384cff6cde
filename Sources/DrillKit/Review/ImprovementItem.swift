import Foundation

/// A corrective action for one fix: the change to one preparedness field (the finding's `fix`,
/// `backups[config]`) that would close every gap the team's drills found there, in whichever
/// scenario and run found them. It opens with the first run that finds such a gap, closes by
/// itself when every need it covers has since been found met (by a run, or `drill check`), and
/// reopens, with its number, owner, due date and history, when a run finds the gap again.
///
/// Everything but the owner, the due date, notes and accepted risks follows from the stored runs
/// and checks, so an item can never disagree with the runs it cites.
public struct ImprovementItem: Codable, Hashable, Sendable {
    /// Open until every need it covers is found met.
    public enum State: String, Codable, Sendable, CaseIterable {
        case open, closed
    }

    /// Where the item stands for a reader: open, open with its risk accepted until a day, or closed.
    public enum Status: String, Codable, Sendable, CaseIterable {
        case open
        /// Open, and the team accepted the risk until ``RiskAcceptance/until``.
        case riskAccepted = "risk-accepted"
        case closed
    }

    /// One scenario's need that the fix closes.
    public struct CoveredNeed: Codable, Hashable, Sendable {
        /// The scenario.
        public var scenarioId: String
        /// The need.
        public var needId: String
        /// `unmet` or `partial` while the gap is open; `met` once found met since. A need whose
        /// latest gap asks for a different fix is `moved` (``movedTo`` names the fix).
        public var status: String
        /// Why, as the latest run or check put it.
        public var reason: String
        /// Every run that found this need's gap under this fix.
        public var runIds: [String]
        /// The fix its latest gap asks for, when that is another item's.
        public var movedTo: String?

        /// Whether the gap is still open here.
        public var isOpen: Bool { status == NeedStatus.unmet.rawValue || status == NeedStatus.partial.rawValue }
    }

    /// A stretch of time the item was open.
    public struct OpenPeriod: Codable, Hashable, Sendable {
        /// When a run found the gap (first, or again after it closed).
        public var openedAt: Date
        /// The run that opened it.
        public var openedRunId: String
        /// When it closed; `nil` while open.
        public var closedAt: Date?
    }

    /// An accepted risk: the team decided not to fix the gap until a day, and said why.
    public struct RiskAcceptance: Codable, Hashable, Sendable {
        /// Why.
        public var reason: String
        /// The last day the acceptance holds; the item counts as open again the day after.
        public var until: CalendarDate
        /// When it was recorded.
        public var acceptedAt: Date
        /// Who recorded it (the audit trail's user).
        public var acceptedBy: String?
        /// Whether it still holds on the day the item was read (and the item is open).
        public var inForce: Bool
    }

    /// A note someone wrote on the item.
    public struct Note: Codable, Hashable, Sendable {
        /// When.
        public var at: Date
        /// Who (the audit trail's user).
        public var author: String?
        /// What.
        public var text: String
    }

    /// One step of the item's history, oldest first.
    public struct HistoryEntry: Codable, Hashable, Sendable {
        /// What happened.
        public enum Kind: String, Codable, Sendable, CaseIterable {
            case opened
            case foundAgain = "found-again"
            case needMet = "need-met"
            case closed
            case reopened
            case riskAccepted = "risk-accepted"
            case acceptanceExpired = "acceptance-expired"
            case note
            case updated
            case merged
        }

        /// When (a run's day played, a check's time, or when someone wrote it).
        public var at: Date
        /// What happened.
        public var kind: Kind
        /// The run it concerns, if a run.
        public var runId: String?
        /// Whether `drill check` did it.
        public var byCheck: Bool
        /// The needs it concerns, `scenario/need`.
        public var needs: [String]
        /// In words.
        public var text: String
        /// For a check that closed a need: the evidence it was judged on (file and SHA-256).
        public var evidence: [Provenance]
        /// Who, for what people did (notes, accepted risks, owner and due-date changes).
        public var by: String?

        /// Creates an entry.
        public init(at: Date, kind: Kind, runId: String? = nil, byCheck: Bool = false, needs: [String] = [], text: String,
                    evidence: [Provenance] = [], by: String? = nil) {
            self.at = at
            self.kind = kind
            self.runId = runId
            self.byCheck = byCheck
            self.needs = needs
            self.text = text
            self.evidence = evidence
            self.by = by
        }
    }

    /// The item's number, for `drill actions set`.
    public var id: Int64
    /// The team whose preparedness has the gap.
    public var team: String
    /// The fix that identifies the item: the preparedness field to change (`backups[config]`), or
    /// `scenario/need` for a gap that names none.
    public var fixKey: String
    /// The scenario whose need first found the gap.
    public var scenarioId: String
    /// That need.
    public var needId: String
    /// Every scenario's need the fix covers, in the order they were found.
    public var needs: [CoveredNeed]
    /// The need's pillar.
    public var pillar: Pillar
    /// What to do, in one sentence (as the first gap put it).
    public var action: String
    /// The preparedness field to change (`contacts[insurer]`), as the latest finding named it.
    public var fix: String?
    /// Open or closed.
    public var state: State
    /// Open, risk accepted, or closed.
    public var status: Status
    /// `unmet` or `partial`, as the latest run that found the gap judged it.
    public var lastStatus: NeedStatus
    /// Why, in numbers, as the latest run that found the gap put it.
    public var reason: String
    /// The run that first found the gap.
    public var openedRunId: String
    /// When that run was played.
    public var openedAt: Date
    /// Every run that found the gap, the opening one first.
    public var seenInRunIds: [String]
    /// Each stretch the item was open, oldest first; more than one when it reopened.
    public var periods: [OpenPeriod]
    /// When every need was last found met; `nil` while open.
    public var closedAt: Date?
    /// The run that found the last need met; `nil` when `drill check` did, or the item is open.
    public var closedByRunId: String?
    /// The finding that closed it, in numbers.
    public var closingReason: String?
    /// For an item a check closed: the evidence the closing finding was judged on.
    public var closingEvidence: [Provenance]
    /// For an item closed because its last open gap now asks for another fix: that fix. The
    /// need is not met; the gap is that other item's now.
    public var supersededBy: String?
    /// The team's finished drills since the item (re)opened (until it closed).
    public var drillsSinceOpened: Int
    /// Still open after two or more of the team's drills, and no risk accepted: called out in reports.
    public var openAfterTwoDrills: Bool
    /// Who will do it.
    public var owner: String?
    /// By when.
    public var dueDate: CalendarDate?
    /// The latest accepted risk, whether or not it still holds.
    public var acceptance: RiskAcceptance?
    /// Notes, oldest first.
    public var notes: [Note]
    /// Opened, found again, closed, reopened, accepted, noted: oldest first.
    public var history: [HistoryEntry]

    /// Creates an item.
    public init(id: Int64, team: String, fixKey: String? = nil, scenarioId: String, needId: String, needs: [CoveredNeed]? = nil,
                pillar: Pillar, action: String, fix: String?, state: State, status: Status? = nil, lastStatus: NeedStatus, reason: String,
                openedRunId: String, openedAt: Date, seenInRunIds: [String], periods: [OpenPeriod]? = nil, closedAt: Date?,
                closedByRunId: String?, closingReason: String?, closingEvidence: [Provenance] = [], supersededBy: String? = nil, drillsSinceOpened: Int,
                openAfterTwoDrills: Bool, owner: String?, dueDate: CalendarDate?, acceptance: RiskAcceptance? = nil,
                notes: [Note] = [], history: [HistoryEntry] = []) {
        self.id = id
        self.team = team
        self.fixKey = fixKey ?? fix ?? "\(scenarioId)/\(needId)"
        self.scenarioId = scenarioId
        self.needId = needId
        self.needs = needs ?? [CoveredNeed(scenarioId: scenarioId, needId: needId, status: state == .open ? lastStatus.rawValue : "met",
                                           reason: reason, runIds: seenInRunIds)]
        self.pillar = pillar
        self.action = action
        self.fix = fix
        self.state = state
        self.status = status ?? (state == .closed ? .closed : acceptance?.inForce == true ? .riskAccepted : .open)
        self.lastStatus = lastStatus
        self.reason = reason
        self.openedRunId = openedRunId
        self.openedAt = openedAt
        self.seenInRunIds = seenInRunIds
        self.periods = periods ?? [OpenPeriod(openedAt: openedAt, openedRunId: openedRunId, closedAt: closedAt)]
        self.closedAt = closedAt
        self.closedByRunId = closedByRunId
        self.closingReason = closingReason
        self.closingEvidence = closingEvidence
        self.supersededBy = supersededBy
        self.drillsSinceOpened = drillsSinceOpened
        self.openAfterTwoDrills = openAfterTwoDrills
        self.owner = owner
        self.dueDate = dueDate
        self.acceptance = acceptance
        self.notes = notes
        self.history = history
    }

    /// Whether a check (rather than a run) closed it.
    public var closedByCheck: Bool { state == .closed && closedByRunId == nil }

    /// Whether the team has accepted the risk, and the acceptance still holds.
    public var isRiskAccepted: Bool { status == .riskAccepted }

    /// Whether it is open, no accepted risk holds, and its due date has passed on `day`.
    public func isOverdue(on day: CalendarDate) -> Bool {
        guard state == .open, !isRiskAccepted, let dueDate else { return false }
        return dueDate < day
    }

    /// The scenarios whose needs it covers, in the order found.
    public var scenarioIds: [String] {
        var seen: [String] = []
        for need in needs where !seen.contains(need.scenarioId) { seen.append(need.scenarioId) }
        return seen
    }

    /// How many times it reopened after closing.
    public var timesReopened: Int { max(0, periods.count - 1) }

    /// `#4`.
    public var label: String { "#\(id)" }

    /// The plan's start date: the day the item was last opened (first found, or found again).
    public var startDate: CalendarDate { Timestamp8601.day(periods.last?.openedAt ?? openedAt) }

    /// The fix key of a finding: its `fix`, with "add one" spelled as the field it adds
    /// (`contacts: add one with role insurer` is `contacts[insurer]`), so adding a record and then
    /// correcting it are the same item; `scenario/need` when the finding names no field.
    public static func fixKey(fix: String?, scenarioID: String, needID: String) -> String {
        guard let fix = fix.map({ String($0.trimmingSpaces) }), !fix.isEmpty else { return "\(scenarioID)/\(needID)" }
        for (prefix, field) in [("contacts: add one with role ", "contacts"), ("backups: add one with asset ", "backups")]
        where fix.hasPrefix(prefix) {
            return "\(field)[\(fix.dropFirst(prefix.count))]"
        }
        return fix
    }
}

/// What one run or check found about one need of one team: the raw material of improvement items.
public struct NeedObservation: Hashable, Sendable {
    /// The team.
    public var team: String
    /// The scenario.
    public var scenarioID: String
    /// The need.
    public var needID: String
    /// Its pillar.
    public var pillar: Pillar
    /// What was found.
    public var status: NeedStatus
    /// Why.
    public var reason: String
    /// The field to change.
    public var fix: String?
    /// When (the day a run was played, or the time of a check).
    public var at: Date
    /// The run; `nil` for a check.
    public var runID: String?
    /// The need's place in the scenario's list, so items number in the scenario's order.
    public var position: Int
    /// For a check: the evidence the finding was judged on.
    public var evidence: [Provenance]

    /// Creates an observation.
    public init(team: String, scenarioID: String, needID: String, pillar: Pillar, status: NeedStatus, reason: String, fix: String?,
                at: Date, runID: String?, position: Int = 0, evidence: [Provenance] = []) {
        self.position = position
        self.team = team
        self.scenarioID = scenarioID
        self.needID = needID
        self.pillar = pillar
        self.status = status
        self.reason = reason
        self.fix = fix
        self.at = at
        self.runID = runID
        self.evidence = evidence
    }
}

/// Improvement items as they follow from observations: per team, each fix (``ImprovementItem/fixKey(fix:scenarioID:needID:)``)
/// that some run found needed is one item. It is open while any need it covers was last found
/// unmet or partial under that fix, closes when the last of them is found met (or its gap moves
/// to another fix), and reopens when a run finds one of them again.
public enum ImprovementLedger {
    /// One item as derived, before it has a number, an action sentence, an owner or a due date.
    public struct Entry: Hashable, Sendable {
        /// The team and fix: what identifies the item.
        public var key: Key
        /// The need's pillar.
        public var pillar: Pillar
        /// The scenario and need of the gap that opened it first.
        public var scenarioID: String
        /// That need.
        public var needID: String
        /// The latest finding's field to change.
        public var fix: String?
        /// Unmet or partial, as last seen.
        public var lastStatus: NeedStatus
        /// The latest reason.
        public var reason: String
        /// The run that first found it.
        public var openedRunID: String
        /// When that run was played.
        public var openedAt: Date
        /// Runs that found the gap.
        public var seenInRunIDs: [String]
        /// The needs covered, in the order found.
        public var needs: [ImprovementItem.CoveredNeed]
        /// Each stretch it was open.
        public var periods: [ImprovementItem.OpenPeriod]
        /// When it closed (the latest time).
        public var closedAt: Date?
        /// The run that closed it, if a run did.
        public var closedByRunID: String?
        /// The closing finding's reason.
        public var closingReason: String?
        /// The closing check's evidence.
        public var closingEvidence: [Provenance]
        /// The fix the last open gap moved to, when that closed it.
        public var supersededBy: String?
        /// Drills since the current stretch opened (until it closed).
        public var drillsSinceOpened: Int
        /// The need's place in the scenario.
        public var position: Int
        /// What the runs and checks did to it, oldest first.
        public var history: [ImprovementItem.HistoryEntry]

        /// Whether it is still open.
        public var isOpen: Bool { closedAt == nil }
    }

    /// What identifies an item.
    public struct Key: Hashable, Sendable {
        /// The team.
        public var team: String
        /// The fix.
        public var fixKey: String

        /// Creates a key.
        public init(team: String, fixKey: String) {
            self.team = team
            self.fixKey = fixKey
        }
    }

    /// A finished drill of a team, counted for "open after two drills".
    public struct Drill: Hashable, Sendable {
        /// The team.
        public var team: String
        /// When it was played.
        public var startedAt: Date

        /// Creates a drill.
        public init(team: String, startedAt: Date) {
            self.team = team
            self.startedAt = startedAt
        }
    }

    private struct NeedKey: Hashable {
        var team: String
        var scenarioID: String
        var needID: String
    }

    /// Derives every item, oldest first. Observations may come in any order; checks never open an item.
    public static func entries(from observations: [NeedObservation], drills: [Drill]) -> [Entry] {
        let sorted = observations.sorted { a, b in
            (a.at, a.runID == nil ? 1 : 0, a.runID ?? "", a.position) < (b.at, b.runID == nil ? 1 : 0, b.runID ?? "", b.position)
        }
        var entries: [Key: Entry] = [:]
        var order: [Key] = []
        // Which item each need's open gap is tracked under.
        var trackedUnder: [NeedKey: Key] = [:]

        func record(_ entry: inout Entry, _ kind: ImprovementItem.HistoryEntry.Kind, _ observation: NeedObservation, text: String) {
            let need = "\(observation.scenarioID)/\(observation.needID)"
            if var last = entry.history.last, last.kind == kind, last.runId == observation.runID, last.at == observation.at,
               last.byCheck == (observation.runID == nil) {
                if !last.needs.contains(need) { last.needs.append(need) }
                last.evidence += observation.evidence.filter { !last.evidence.contains($0) }
                entry.history[entry.history.count - 1] = last
                return
            }
            entry.history.append(.init(at: observation.at, kind: kind, runId: observation.runID, byCheck: observation.runID == nil,
                                       needs: [need], text: text, evidence: observation.evidence))
        }

        /// Marks a need no longer open under `key`, and closes the item when none is left open.
        func release(_ needKey: NeedKey, from key: Key, by observation: NeedObservation, status: String, movedTo: String?) {
            guard var entry = entries[key],
                  let index = entry.needs.firstIndex(where: { $0.scenarioId == needKey.scenarioID && $0.needId == needKey.needID }) else { return }
            entry.needs[index].status = status
            entry.needs[index].reason = observation.reason
            entry.needs[index].movedTo = movedTo
            let who = observation.runID.map { "run \($0)" } ?? "drill check"
            record(&entry, .needMet, observation, text: movedTo.map { "\(who) found the gap now asks for another fix (\($0))" }
                ?? "\(who) found the need met")
            if entry.isOpen && !entry.needs.contains(where: \.isOpen) {
                entry.closedAt = observation.at
                entry.closedByRunID = observation.runID
                entry.closingReason = movedTo.map { "The gap now asks for another fix: \($0). " + observation.reason } ?? observation.reason
                entry.closingEvidence = observation.evidence
                entry.supersededBy = movedTo
                if !entry.periods.isEmpty { entry.periods[entry.periods.count - 1].closedAt = observation.at }
                record(&entry, .closed, observation, text: movedTo.map { "closed by \(who): the gap now asks for another fix, \($0)" }
                    ?? "closed by \(who): every need it covers is met")
            }
            entries[key] = entry
        }

        for observation in sorted {
            let needKey = NeedKey(team: observation.team, scenarioID: observation.scenarioID, needID: observation.needID)
            if observation.status == .met {
                guard let key = trackedUnder.removeValue(forKey: needKey) else { continue }
                release(needKey, from: key, by: observation, status: NeedStatus.met.rawValue, movedTo: nil)
                continue
            }
            // Checks never open an item: only a drill finds a gap.
            guard let runID = observation.runID else { continue }
            let key = Key(team: observation.team,
                          fixKey: ImprovementItem.fixKey(fix: observation.fix, scenarioID: observation.scenarioID, needID: observation.needID))
            if let previous = trackedUnder[needKey], previous != key {
                release(needKey, from: previous, by: observation, status: "moved", movedTo: key.fixKey)
            }
            trackedUnder[needKey] = key
            let covered = ImprovementItem.CoveredNeed(scenarioId: observation.scenarioID, needId: observation.needID,
                                                      status: observation.status.rawValue, reason: observation.reason, runIds: [runID])
            guard var entry = entries[key] else {
                var fresh = Entry(
                    key: key, pillar: observation.pillar, scenarioID: observation.scenarioID, needID: observation.needID, fix: observation.fix,
                    lastStatus: observation.status, reason: observation.reason, openedRunID: runID, openedAt: observation.at,
                    seenInRunIDs: [runID], needs: [covered], periods: [.init(openedAt: observation.at, openedRunId: runID, closedAt: nil)],
                    closedAt: nil, closedByRunID: nil, closingReason: nil, closingEvidence: [], supersededBy: nil, drillsSinceOpened: 0,
                    position: observation.position, history: [])
                record(&fresh, .opened, observation, text: "opened by run \(runID)")
                entries[key] = fresh
                order.append(key)
                continue
            }
            if !entry.isOpen {
                entry.closedAt = nil
                entry.closedByRunID = nil
                entry.closingReason = nil
                entry.closingEvidence = []
                entry.supersededBy = nil
                entry.periods.append(.init(openedAt: observation.at, openedRunId: runID, closedAt: nil))
                record(&entry, .reopened, observation, text: "reopened by run \(runID): the gap was found again")
            } else if entry.history.last.map({ $0.runId == runID && ($0.kind == .opened || $0.kind == .reopened) }) == true {
                record(&entry, entry.history[entry.history.count - 1].kind, observation, text: "")
            } else {
                record(&entry, .foundAgain, observation, text: "found again by run \(runID)")
            }
            if let index = entry.needs.firstIndex(where: { $0.scenarioId == observation.scenarioID && $0.needId == observation.needID }) {
                entry.needs[index].status = observation.status.rawValue
                entry.needs[index].reason = observation.reason
                entry.needs[index].movedTo = nil
                if !entry.needs[index].runIds.contains(runID) { entry.needs[index].runIds.append(runID) }
            } else {
                entry.needs.append(covered)
            }
            if !entry.seenInRunIDs.contains(runID) { entry.seenInRunIDs.append(runID) }
            entry.lastStatus = observation.status
            entry.reason = observation.reason
            entry.fix = observation.fix
            entries[key] = entry
        }

        let drillsByTeam = Dictionary(grouping: drills, by: \.team)
        var result = order.compactMap { entries[$0] }
        for index in result.indices {
            let entry = result[index]
            let since = entry.periods.last?.openedAt ?? entry.openedAt
            result[index].drillsSinceOpened = (drillsByTeam[entry.key.team] ?? []).filter { drill in
                drill.startedAt > since && (entry.closedAt.map { drill.startedAt <= $0 } ?? true)
            }.count
        }
        return result.sorted { ($0.openedAt, $0.scenarioID, $0.position, $0.needID) < ($1.openedAt, $1.scenarioID, $1.position, $1.needID) }
    }
}
