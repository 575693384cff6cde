import Foundation

/// When a team's next drill is due (by the cadence in its preparedness file, quarterly by
/// default), what it has not rehearsed, and what to play next.
public struct DrillSchedule: Codable, Hashable, Sendable {
    /// The team.
    public var team: String
    /// The calendar quarter of the day asked about (`2026-Q4`).
    public var quarter: String
    /// The team's cadence, compact (`3mo`).
    public var cadence: String
    /// The cadence in words (`every 3 months`).
    public var cadenceSpoken: String
    /// Whether the cadence is the default (the preparedness file does not say).
    public var cadenceIsDefault: Bool
    /// The team's last finished drill (onboarding runs do not count), by the day it was played.
    public var lastDrill: LastDrill?
    /// The day the next drill is due: one cadence after the last drill was played; the day
    /// asked about when the team has none.
    public var nextDrillDue: CalendarDate
    /// Whether the next drill is due on or before the day asked about.
    public var due: Bool
    /// Days the drill is overdue (0 when not yet due or due today).
    public var daysOverdue: Int
    /// Whether no drill has been finished this calendar quarter.
    public var dueThisQuarter: Bool
    /// Incident kinds no finished drill exercised in the last 12 months.
    public var kindsNotExercised: [ScenarioKind]
    /// The suggested next scenario, with why.
    public var suggestion: Suggestion?

    /// A finished drill.
    public struct LastDrill: Codable, Hashable, Sendable {
        /// The run.
        public var runId: String
        /// The scenario.
        public var scenarioId: String
        /// When it started (was recorded).
        public var startedAt: Date
        /// The day it was played.
        public var playedOn: CalendarDate
        /// Whether it was recorded after it was held (`drill run --played-on`).
        public var backfilled: Bool
        /// Its overall score.
        public var overallScore: Int?
    }

    /// A scenario to play next.
    public struct Suggestion: Codable, Hashable, Sendable {
        /// The scenario.
        public var scenarioId: String
        /// Its title.
        public var title: String
        /// Its kind.
        public var kind: ScenarioKind
        /// Why this one, in sentences.
        public var reasons: [String]
    }

    /// Works out a team's schedule.
    ///
    /// - Parameters:
    ///   - runs: the team's runs, any order.
    ///   - openItems: the team's open improvement items.
    ///   - library: scenarios to choose from.
    ///   - profile: the team's preparedness, for its cadence and to see which scenarios test its open gaps.
    ///   - today: the day asked about.
    public init(team: String, runs: [RunRecord], openItems: [ImprovementItem], library: [Scenario], profile: PreparednessProfile?, today: CalendarDate) {
        self.team = team
        let quarterIndex = (today.month - 1) / 3
        quarter = "\(today.year)-Q\(quarterIndex + 1)"
        let cadence = profile?.drills ?? DrillCadence()
        self.cadence = cadence.every.compact
        cadenceSpoken = "every \(cadence.every.spoken)"
        cadenceIsDefault = cadence.isDefault
        // Drills count on the day they were played, so a backfilled drill is as good as a live one.
        let drills = runs.filter { $0.mode == DrillSession.Mode.drill.rawValue && $0.status == .finished }
            .sorted { ($0.playedAt, $0.id) < ($1.playedAt, $1.id) }
        lastDrill = drills.last.map {
            LastDrill(runId: $0.id, scenarioId: $0.scenarioID, startedAt: $0.startedAt, playedOn: Timestamp8601.day($0.playedAt),
                      backfilled: $0.isBackfilled, overallScore: $0.overallScore)
        }
        nextDrillDue = lastDrill.map { $0.playedOn.adding(cadence.every) } ?? today
        due = nextDrillDue <= today
        daysOverdue = max(0, nextDrillDue.days(until: today))
        let quarterStart = CalendarDate(year: today.year, month: quarterIndex * 3 + 1, day: 1) ?? today
        dueThisQuarter = !drills.contains { Timestamp8601.day($0.playedAt) >= quarterStart }
        let yearAgo = today.adding(months: -12)
        let recentKinds = Set(drills.filter { Timestamp8601.day($0.playedAt) >= yearAgo }.compactMap { ScenarioKind(rawValue: $0.scenarioKind) })
        kindsNotExercised = ScenarioKind.allCases.filter { !recentKinds.contains($0) }

        // Rotation: unexercised kinds first, then scenarios that test the team's open gaps,
        // then scenarios the team has never played, then the least recently played.
        let openFixes = Set(openItems.compactMap(\.fix))
        let assessor = profile.map { Assessor(profile: $0, asOf: today) }
        let lastPlayed = Dictionary(drills.map { ($0.scenarioID, $0.playedAt) }, uniquingKeysWith: max)
        let ranked = library.map { scenario -> (Scenario, [Double], [String]) in
            var reasons: [String] = []
            let unexercised = kindsNotExercised.contains(scenario.kind)
            if unexercised { reasons.append("no \(scenario.kind.rawValue) drill in the last 12 months") }
            let gaps = assessor.map { $0.assess(scenario).findings.compactMap(\.fix).filter(openFixes.contains) } ?? []
            let tested = Set(gaps)
            if !tested.isEmpty { reasons.append("tests \(tested.count) open improvement item\(tested.count == 1 ? "" : "s") (\(tested.sorted().joined(separator: ", ")))") }
            let played = lastPlayed[scenario.id]
            if played == nil { reasons.append("the team has not played it yet") }
            let age = played.map { -$0.timeIntervalSince1970 } ?? 0
            return (scenario, [unexercised ? 1 : 0, Double(tested.count), played == nil ? 1 : 0, age], reasons)
        }
        let best = ranked.max { a, b in
            a.1.lexicographicallyPrecedes(b.1) || (a.1 == b.1 && a.0.id > b.0.id)
        }
        suggestion = best.map { Suggestion(scenarioId: $0.0.id, title: $0.0.title, kind: $0.0.kind,
                                           reasons: $0.2.isEmpty ? ["played least recently"] : $0.2) }
    }

    /// Every team's schedule: the current team first, then each team with stored runs. Another
    /// team's cadence and gaps are judged on the preparedness its latest run was played against.
    ///
    /// - Parameters:
    ///   - current: the team whose preparedness file is at hand.
    ///   - history: every stored run, any order.
    ///   - openItems: a team's open improvement items.
    public static func all<Failure: Error>(current: PreparednessProfile, history: [RunRecord], library: [Scenario], today: CalendarDate,
                                           openItems: (String) throws(Failure) -> [ImprovementItem]) throws(Failure) -> [DrillSchedule] {
        var teams: [String] = []
        for team in [current.team] + history.map(\.team) where !teams.contains(team) { teams.append(team) }
        var schedules: [DrillSchedule] = []
        for team in teams {
            let runs = history.filter { $0.team == team }
            let latest = runs.max { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
            let profile = team == current.team ? current
                : latest.flatMap { try? StoredRun.profile(of: $0) }
            schedules.append(DrillSchedule(team: team, runs: runs, openItems: try openItems(team), library: library, profile: profile, today: today))
        }
        return schedules
    }
}

/// A team's contacts with the age of their last confirmation.
public struct ContactAges: Codable, Hashable, Sendable {
    /// One contact.
    public struct Row: Codable, Hashable, Sendable {
        /// Its role.
        public var role: ContactRole
        /// Its name.
        public var name: String
        /// When it answers.
        public var availability: String
        /// The day its details were last confirmed.
        public var confirmed: CalendarDate?
        /// Whole months since then.
        public var ageMonths: Int?
        /// Whether it is older than the team's policy, or never confirmed.
        public var stale: Bool
        /// Whether the details survive the platform being down.
        public var storedOffPlatform: Bool
    }

    /// The team.
    public var team: String
    /// The policy the ages are judged against.
    public var policyMonths: Int
    /// Contacts, stale first.
    public var contacts: [Row]
    /// Roles the team has no contact for.
    public var missingRoles: [ContactRole]

    /// Ages every contact of a profile on a day.
    public init(_ profile: PreparednessProfile, today: CalendarDate) {
        team = profile.team
        let policy = profile.policy.contactsConfirmedWithin
        policyMonths = policy.wholeMonths ?? Int((policy.hours / TimeSpan.hoursPerMonth).rounded())
        contacts = profile.contacts.map { contact in
            Row(role: contact.role, name: contact.name, availability: contact.availability.description, confirmed: contact.confirmed,
                ageMonths: contact.confirmed.map { $0.wholeMonths(until: today) },
                stale: contact.confirmed.map { $0.adding(policy) < today } ?? true, storedOffPlatform: contact.storedOffPlatform)
        }.sorted { ($0.stale ? 0 : 1, $0.role.rawValue) < ($1.stale ? 0 : 1, $1.role.rawValue) }
        let roles = Set(profile.contacts.map(\.role))
        missingRoles = ContactRole.allCases.filter { !roles.contains($0) }
    }
}
