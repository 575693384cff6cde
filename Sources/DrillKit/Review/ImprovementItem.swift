import Foundation

/// A corrective action for one gap a drill found: a need of a scenario that a team's
/// preparedness did not meet. It opens with the first run that finds the need unmet or
/// partial, and closes by itself when a later run, or `drill check`, finds the need met.
///
/// Everything but the owner and the due date follows from the stored runs and checks, so an
/// item can never disagree with the runs it cites.
public struct ImprovementItem: Codable, Hashable, Sendable {
    /// Open until a run or check finds the need met.
    public enum State: String, Codable, Sendable, CaseIterable {
        case open, closed
    }

    /// The item's number, for `drill actions set`.
    public var id: Int64
    /// The team whose preparedness has the gap.
    public var team: String
    /// The scenario whose need it is.
    public var scenarioId: String
    /// The need.
    public var needId: String
    /// The need's pillar.
    public var pillar: Pillar
    /// What to do, in one sentence.
    public var action: String
    /// The preparedness field to change (`contacts[insurer]`), as the latest finding named it.
    public var fix: String?
    /// Open or closed.
    public var state: State
    /// `unmet` or `partial`, as the latest run that found the gap judged it.
    public var lastStatus: NeedStatus
    /// Why, in numbers, as the latest run that found the gap put it.
    public var reason: String
    /// The run that first found the gap.
    public var openedRunId: String
    /// When that run started.
    public var openedAt: Date
    /// Every run that found the gap, the opening one first.
    public var seenInRunIds: [String]
    /// When the need was found met.
    public var closedAt: Date?
    /// The run that found the need met; `nil` when `drill check` did, or the item is open.
    public var closedByRunId: String?
    /// The finding that closed it, in numbers.
    public var closingReason: String?
    /// The team's finished drills since the item opened (until it closed).
    public var drillsSinceOpened: Int
    /// Still open after two or more of the team's drills: called out in reports.
    public var openAfterTwoDrills: Bool
    /// Who will do it.
    public var owner: String?
    /// By when.
    public var dueDate: CalendarDate?

    /// Creates an item.
    public init(id: Int64, team: String, scenarioId: String, needId: String, pillar: Pillar, action: String, fix: String?, state: State,
                lastStatus: NeedStatus, reason: String, openedRunId: String, openedAt: Date, seenInRunIds: [String], closedAt: Date?,
                closedByRunId: String?, closingReason: String?, drillsSinceOpened: Int, openAfterTwoDrills: Bool, owner: String?,
                dueDate: CalendarDate?) {
        self.id = id
        self.team = team
        self.scenarioId = scenarioId
        self.needId = needId
        self.pillar = pillar
        self.action = action
        self.fix = fix
        self.state = state
        self.lastStatus = lastStatus
        self.reason = reason
        self.openedRunId = openedRunId
        self.openedAt = openedAt
        self.seenInRunIds = seenInRunIds
        self.closedAt = closedAt
        self.closedByRunId = closedByRunId
        self.closingReason = closingReason
        self.drillsSinceOpened = drillsSinceOpened
        self.openAfterTwoDrills = openAfterTwoDrills
        self.owner = owner
        self.dueDate = dueDate
    }

    /// Whether a check (rather than a run) closed it.
    public var closedByCheck: Bool { state == .closed && closedByRunId == nil }

    /// Whether it is open and its due date has passed on `day`.
    public func isOverdue(on day: CalendarDate) -> Bool {
        guard state == .open, let dueDate else { return false }
        return dueDate < day
    }

    /// `#4`.
    public var label: String { "#\(id)" }
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
    /// When (a run's start, or the time of a check).
    public var at: Date
    /// The run; `nil` for a check.
    public var runID: String?
    /// The need's place in the scenario's list, so items number in the scenario's order.
    public var position: Int

    /// Creates an observation.
    public init(team: String, scenarioID: String, needID: String, pillar: Pillar, status: NeedStatus, reason: String, fix: String?,
                at: Date, runID: String?, position: Int = 0) {
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
    }
}

/// Improvement items as they follow from observations: per need of a team, each stretch of
/// runs that found it unmet or partial is one item, closed by the first observation after
/// it that found the need met.
public enum ImprovementLedger {
    /// One item as derived, before it has a number, an action sentence, an owner or a due date.
    public struct Entry: Hashable, Sendable {
        /// The team, scenario, need and opening run: what identifies the item.
        public var key: Key
        /// The need's pillar.
        public var pillar: Pillar
        /// The latest finding's field to change.
        public var fix: String?
        /// Unmet or partial, as last seen.
        public var lastStatus: NeedStatus
        /// The latest reason.
        public var reason: String
        /// When the opening run started.
        public var openedAt: Date
        /// Runs that found the gap.
        public var seenInRunIDs: [String]
        /// When it closed.
        public var closedAt: Date?
        /// The run that closed it, if a run did.
        public var closedByRunID: String?
        /// The closing finding's reason.
        public var closingReason: String?
        /// Drills since opening (until closing).
        public var drillsSinceOpened: Int
        /// The need's place in the scenario.
        public var position: Int

        /// Whether it is still open.
        public var isOpen: Bool { closedAt == nil }
    }

    /// What identifies an item.
    public struct Key: Hashable, Sendable {
        /// The team.
        public var team: String
        /// The scenario.
        public var scenarioID: String
        /// The need.
        public var needID: String
        /// The run that opened it.
        public var openedRunID: String

        /// Creates a key.
        public init(team: String, scenarioID: String, needID: String, openedRunID: String) {
            self.team = team
            self.scenarioID = scenarioID
            self.needID = needID
            self.openedRunID = openedRunID
        }
    }

    /// A finished drill of a team, counted for "open after two drills".
    public struct Drill: Hashable, Sendable {
        /// The team.
        public var team: String
        /// When it started.
        public var startedAt: Date

        /// Creates a drill.
        public init(team: String, startedAt: Date) {
            self.team = team
            self.startedAt = startedAt
        }
    }

    /// Derives every item, oldest first. Observations may come in any order; checks never open an item.
    public static func entries(from observations: [NeedObservation], drills: [Drill]) -> [Entry] {
        let sorted = observations.sorted { a, b in
            (a.at, a.runID == nil ? 1 : 0, a.runID ?? "") < (b.at, b.runID == nil ? 1 : 0, b.runID ?? "")
        }
        var open: [String: Entry] = [:]
        var entries: [Entry] = []
        for observation in sorted {
            let need = "\(observation.team)\u{0}\(observation.scenarioID)\u{0}\(observation.needID)"
            if observation.status == .met {
                guard var entry = open.removeValue(forKey: need) else { continue }
                entry.closedAt = observation.at
                entry.closedByRunID = observation.runID
                entry.closingReason = observation.reason
                entries.append(entry)
            } else if var entry = open[need] {
                if let runID = observation.runID {
                    entry.seenInRunIDs.append(runID)
                    entry.lastStatus = observation.status
                    entry.reason = observation.reason
                    entry.fix = observation.fix
                }
                open[need] = entry
            } else if let runID = observation.runID {
                open[need] = Entry(
                    key: Key(team: observation.team, scenarioID: observation.scenarioID, needID: observation.needID, openedRunID: runID),
                    pillar: observation.pillar, fix: observation.fix, lastStatus: observation.status, reason: observation.reason,
                    openedAt: observation.at, seenInRunIDs: [runID], closedAt: nil, closedByRunID: nil, closingReason: nil,
                    drillsSinceOpened: 0, position: observation.position)
            }
        }
        entries += open.values
        let drillsByTeam = Dictionary(grouping: drills, by: \.team)
        for index in entries.indices {
            let entry = entries[index]
            entries[index].drillsSinceOpened = (drillsByTeam[entry.key.team] ?? []).filter { drill in
                drill.startedAt > entry.openedAt && (entry.closedAt.map { drill.startedAt <= $0 } ?? true)
            }.count
        }
        return entries.sorted { ($0.openedAt, $0.key.scenarioID, $0.position, $0.key.needID) < ($1.openedAt, $1.key.scenarioID, $1.position, $1.key.needID) }
    }
}
