import Foundation

/// A team's drills across quarters: overall and per-pillar scores, deadlines met,
/// improvement items opened, closed and still open, and the incident kinds the team has not
/// exercised in the last twelve months. Onboarding runs are left out: they train a person,
/// they do not measure the team.
public struct TrendReport: Codable, Hashable, Sendable {
    /// One calendar quarter (UTC).
    public struct Quarter: Codable, Hashable, Sendable {
        /// `2026-Q3`.
        public var quarter: String
        /// Its first day.
        public var start: CalendarDate
        /// Finished drills started in it.
        public var drills: Int
        /// Averages over those drills, 0–100 (`nil` without drills).
        public var overall: Double?
        /// Average response score.
        public var response: Double?
        /// Average contacts score, over the drills whose scenario tested contacts (`nil` when none did).
        public var contacts: Double?
        /// Average logs score.
        public var logs: Double?
        /// Average backups score.
        public var backups: Double?
        /// Deadlines met in those drills.
        public var deadlinesMet: Int
        /// Deadlines in those drills.
        public var deadlinesTotal: Int
        /// Improvement items opened in the quarter.
        public var itemsOpened: Int
        /// Improvement items closed in the quarter.
        public var itemsClosed: Int
        /// Improvement items open at the quarter's end (or on the report day, for the current quarter).
        public var itemsOpenAtEnd: Int
    }

    /// An incident kind the team has not drilled recently.
    public struct KindGap: Codable, Hashable, Sendable {
        /// The kind.
        public var kind: ScenarioKind
        /// When the team last drilled it, if ever.
        public var lastDrilled: Date?
        /// Scenarios of that kind in the library, to pick the next drill from.
        public var scenarios: [String]
    }

    /// The team.
    public var team: String
    /// The day the report looks back from.
    public var reportDate: CalendarDate
    /// Every finished drill, oldest first.
    public var drills: [ScorePoint]
    /// Every quarter from the first drill to the report day, oldest first.
    public var quarters: [Quarter]
    /// Items still open, oldest first.
    public var openItems: [ImprovementItem]
    /// Items closed, most recently closed first.
    public var closedItems: [ImprovementItem]
    /// Kinds not drilled in the twelve months before the report day.
    public var kindsNotDrilled: [KindGap]
    /// Onboarding runs of the team, left out of the trend.
    public var onboardingRunsLeftOut: Int
    /// Runs not finished (in progress or paused), left out of the trend.
    public var unfinishedRunsLeftOut: Int

    /// Builds the report from the team's stored runs and items.
    ///
    /// - Parameters:
    ///   - team: the team's name.
    ///   - runs: the team's runs, any mode and status.
    ///   - items: the team's improvement items.
    ///   - library: scenario ids by kind, to suggest a next drill for a kind not drilled.
    ///   - reportDate: the day the report looks back from.
    ///
    /// `testedPillars` says, per run, which pillars its scenario tested (`AppDatabase.testedPillars`):
    /// a pillar's average leaves out the runs that did not test it, where the score gives full
    /// marks; a run missing from it counts as testing every pillar.
    public init(team: String, runs: [RunHeader], items: [ImprovementItem], library: [ScenarioKind: [String]] = [:],
                testedPillars: [String: Set<Pillar>] = [:], reportDate: CalendarDate) {
        self.team = team
        self.reportDate = reportDate
        let teamRuns = runs.filter { $0.team == team }
        onboardingRunsLeftOut = teamRuns.filter { $0.mode != "drill" }.count
        unfinishedRunsLeftOut = teamRuns.filter { $0.mode == "drill" && $0.status != .finished }.count
        drills = teamRuns.filter { $0.mode == "drill" && $0.status == .finished }.compactMap(ScorePoint.init)
            .sorted { ($0.playedAt, $0.runId) < ($1.playedAt, $1.runId) }
        let teamItems = items.filter { $0.team == team }
        openItems = teamItems.filter { $0.state == .open }.sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        closedItems = teamItems.filter { $0.state == .closed }.sorted { ($0.closedAt ?? .distantPast, $0.id) > ($1.closedAt ?? .distantPast, $1.id) }

        var quarters: [Quarter] = []
        let firstDay = ([drills.first.map { Timestamp8601.day($0.playedAt) }] + teamItems.map { Timestamp8601.day($0.openedAt) })
            .compactMap { $0 }.min()
        if let firstDay {
            var start = Self.quarterStart(of: firstDay)
            let last = Self.quarterStart(of: reportDate)
            while start <= last {
                let end = start.adding(months: 3)
                let inQuarter = drills.filter { (start..<end).contains(Timestamp8601.day($0.playedAt)) }
                func average(_ value: (ScorePoint) -> Int, testing pillar: Pillar? = nil) -> Double? {
                    let counted = inQuarter.filter { point in pillar.map { testedPillars[point.runId]?.contains($0) ?? true } ?? true }
                    return counted.isEmpty ? nil : (10 * Double(counted.map(value).reduce(0, +)) / Double(counted.count)).rounded() / 10
                }
                let cutoff = min(end, reportDate.adding(days: 1))
                quarters.append(Quarter(
                    quarter: "\(start.year)-Q\((start.month - 1) / 3 + 1)", start: start, drills: inQuarter.count,
                    overall: average(\.overall), response: average(\.response), contacts: average(\.contacts, testing: .contacts),
                    logs: average(\.logs, testing: .logs), backups: average(\.backups, testing: .backups), deadlinesMet: inQuarter.map(\.deadlinesMet).reduce(0, +),
                    deadlinesTotal: inQuarter.map(\.deadlinesTotal).reduce(0, +),
                    // An item that reopened counts in each quarter it opened or closed in.
                    itemsOpened: teamItems.filter { $0.periods.contains { (start..<end).contains(Timestamp8601.day($0.openedAt)) } }.count,
                    itemsClosed: teamItems.filter { $0.periods.contains { $0.closedAt.map { (start..<end).contains(Timestamp8601.day($0)) } ?? false } }.count,
                    itemsOpenAtEnd: teamItems.filter { item in
                        item.periods.contains { Timestamp8601.day($0.openedAt) < cutoff && ($0.closedAt.map { Timestamp8601.day($0) >= cutoff } ?? true) }
                    }.count))
                start = end
            }
        }
        self.quarters = quarters

        let windowStart = reportDate.adding(months: -12)
        let drills = self.drills
        kindsNotDrilled = ScenarioKind.allCases.compactMap { kind in
            let ofKind = drills.filter { $0.scenarioKind == kind.rawValue }
            let last = ofKind.map(\.playedAt).max()
            if let last, Timestamp8601.day(last) >= windowStart { return nil }
            return KindGap(kind: kind, lastDrilled: last, scenarios: (library[kind] ?? []).sorted())
        }
    }

    /// The first day of the quarter a day is in.
    public static func quarterStart(of day: CalendarDate) -> CalendarDate {
        CalendarDate(year: day.year, month: (day.month - 1) / 3 * 3 + 1, day: 1) ?? day
    }

    /// Items open after two or more drills.
    public var calledOutItems: [ImprovementItem] { openItems.filter(\.openAfterTwoDrills) }
}
