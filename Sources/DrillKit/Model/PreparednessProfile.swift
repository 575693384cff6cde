/// What a team really has in place: whom it would call, which logs it keeps, what is backed up.
public struct PreparednessProfile: Hashable, Sendable {
    /// The team's name.
    public var team: String
    /// The team's own thresholds.
    public var policy: PreparednessPolicy
    /// People and organisations the team would call.
    public var contacts: [Contact]
    /// Log sources.
    public var logs: [LogSource]
    /// Backups.
    public var backups: [Backup]
    /// How often the team drills (`drills: {every: 3mo}`); quarterly when the file does not say.
    public var drills: DrillCadence

    /// Creates a profile.
    public init(team: String, policy: PreparednessPolicy = .init(), contacts: [Contact] = [], logs: [LogSource] = [], backups: [Backup] = [],
                drills: DrillCadence = .init()) {
        self.team = team
        self.policy = policy
        self.contacts = contacts
        self.logs = logs
        self.backups = backups
        self.drills = drills
    }
}

/// How often a team holds its drill: `drill due` counts the next one from the last.
public struct DrillCadence: Hashable, Sendable {
    /// The time between drills: calendar months when whole months (`3mo`), else days (`6w`).
    public var every: TimeSpan

    /// The shortest cadence a file may name: a week. The longest: two years.
    public static let shortest = TimeSpan.days(7)
    /// The longest cadence a file may name.
    public static let longest = TimeSpan.months(24)

    /// Creates a cadence; quarterly by default.
    public init(every: TimeSpan = .months(3)) {
        self.every = every
    }

    /// Whether the file said nothing, so the default holds.
    public var isDefault: Bool { self == DrillCadence() }
}

/// How fresh a team wants its records to be. The defaults are the guide's: 12 months.
public struct PreparednessPolicy: Hashable, Sendable {
    /// Contact details older than this are stale.
    public var contactsConfirmedWithin: TimeSpan
    /// A restore not tested within this is untested.
    public var restoreTestedWithin: TimeSpan

    /// Creates a policy; both thresholds default to 12 months.
    public init(contactsConfirmedWithin: TimeSpan = .months(12), restoreTestedWithin: TimeSpan = .months(12)) {
        self.contactsConfirmedWithin = contactsConfirmedWithin
        self.restoreTestedWithin = restoreTestedWithin
    }
}

/// Someone the team would call, and how.
public struct Contact: Hashable, Sendable {
    /// What they are for.
    public var role: ContactRole
    /// Who they are: a person or an organisation.
    public var name: String
    /// How to reach them.
    public var channels: [Channel]
    /// When they answer.
    public var availability: Availability
    /// How long they take to respond once reached during their hours (a retainer's SLA).
    public var responseTime: TimeSpan
    /// The day the details were last confirmed, if ever.
    public var confirmed: CalendarDate?
    /// Whether the details are kept somewhere that survives the platform being down.
    public var storedOffPlatform: Bool
    /// The systems or vendors this contact answers for (`for:`); `nil` means the role's default.
    public var covers: [TeamSystem]?
    /// Where the details are kept (`storedIn:`); `nil` means only what `storedOffPlatform` says.
    public var storedIn: [TeamSystem]?
    /// A second route to the same people (an escalation line, a duty manager), if any.
    public var escalation: [Channel]
    /// For a subcontractor: how soon the contract makes them hand over their forensic findings.
    public var reportsWithin: TimeSpan?
    /// For a subcontractor: whether the team can see their logs and findings directly.
    public var findingsVisible: Bool?
    /// Evidence ids that prove the entry (`review:Blue Harbor Security`).
    public var evidence: [String] = []

    /// Creates a contact.
    public init(role: ContactRole, name: String, channels: [Channel] = [], availability: Availability = .aroundTheClock,
                responseTime: TimeSpan = .zero, confirmed: CalendarDate?, storedOffPlatform: Bool, covers: [TeamSystem]? = nil,
                storedIn: [TeamSystem]? = nil, escalation: [Channel] = [], reportsWithin: TimeSpan? = nil, findingsVisible: Bool? = nil) {
        self.role = role
        self.name = name
        self.channels = channels
        self.availability = availability
        self.responseTime = responseTime
        self.confirmed = confirmed
        self.storedOffPlatform = storedOffPlatform
        self.covers = covers
        self.storedIn = storedIn
        self.escalation = escalation
        self.reportsWithin = reportsWithin
        self.findingsVisible = findingsVisible
    }

    /// The systems this contact answers for: what the file says, else the role's default.
    public var systems: [TeamSystem] { covers ?? role.defaultSystems }
}

/// One way to reach a contact.
public struct Channel: Hashable, Sendable {
    /// The kind of channel.
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case phone, email, portal, chat, pager, web, other
    }

    /// The kind of channel.
    public var kind: Kind
    /// The number, address or URL.
    public var address: String

    /// Creates a channel.
    public init(kind: Kind, address: String) {
        self.kind = kind
        self.address = address
    }
}

/// A place that records events.
public struct LogSource: Hashable, Sendable {
    /// Whether entries say when they happened, and in which zone.
    public enum Timestamps: String, CaseIterable, Codable, Sendable {
        case withZone = "with-zone"
        case withoutZone = "without-zone"
        case none
    }

    /// How the logs are checked.
    public enum Review: Hashable, Sendable, CustomStringConvertible {
        /// Automated analytics with alerting.
        case automated
        /// By hand, at most this far apart.
        case manual(every: TimeSpan)
        /// Nobody reads them until something happens.
        case none

        public var description: String {
            switch self {
            case .automated: "automated"
            case let .manual(every): "every \(every.compact)"
            case .none: "none"
            }
        }
    }

    /// The source's name (`app-audit-log`).
    public var source: String
    /// The event classes it records.
    public var covers: [EventClass]
    /// Whether entries carry timestamps with a time zone.
    public var timestamps: Timestamps
    /// How long entries are kept.
    public var retention: TimeSpan
    /// Where the entries are stored.
    public var storage: String
    /// Whether only staff with a business need can read them.
    public var restricted: Bool
    /// Whether reading them is itself recorded.
    public var accessRecorded: Bool
    /// How they are reviewed.
    public var review: Review
    /// The systems whose events it records (`systems:`, default the app's backend).
    public var systems: [TeamSystem]
    /// Where the entries are kept (`storedIn:`); `nil` means where they are produced.
    public var storedIn: RecordPlace?
    /// For automated review: the event classes it alerts on (`alertsOn:`); `nil` when the file does not say.
    public var alertsOn: [EventClass]?
    /// For automated review: how soon an alert reaches someone (`alertsWithin:`); `nil` when the file does not say.
    public var alertsWithin: TimeSpan?
    /// Evidence ids that prove the entry (`cloudwatch:/aws/app/audit`).
    public var evidence: [String] = []

    /// Creates a log source.
    public init(source: String, covers: [EventClass], timestamps: Timestamps, retention: TimeSpan, storage: String,
                restricted: Bool, accessRecorded: Bool, review: Review, systems: [TeamSystem] = [.app], storedIn: RecordPlace? = nil,
                alertsOn: [EventClass]? = nil, alertsWithin: TimeSpan? = nil) {
        self.source = source
        self.covers = covers
        self.timestamps = timestamps
        self.retention = retention
        self.storage = storage
        self.restricted = restricted
        self.accessRecorded = accessRecorded
        self.review = review
        self.systems = systems
        self.storedIn = storedIn
        self.alertsOn = alertsOn
        self.alertsWithin = alertsWithin
    }

    /// Where the entries about a system's events are kept: `storedIn`, else that system itself.
    public func place(for system: TeamSystem) -> RecordPlace { storedIn ?? .system(system) }
}

/// A copy of an asset the team could restore from.
public struct Backup: Hashable, Sendable {
    /// The kind of copy.
    public enum Kind: String, CaseIterable, Codable, Sendable {
        case versionControl = "version-control"
        case snapshot
        case export
    }

    /// What is copied.
    public var asset: Asset
    /// The kind of copy.
    public var kind: Kind
    /// Where the copy is kept.
    public var location: String
    /// How often a copy is made; `nil` for continuous (every change, as in version control).
    public var every: TimeSpan?
    /// How far back a restore can reach; `nil` for the whole history.
    public var reachBack: TimeSpan?
    /// The day a restore was last tested, if ever.
    public var restoreTested: CalendarDate?
    /// Whether the copy is kept off the platform.
    public var offPlatform: Bool
    /// The last restore test's scale and duration (`restoreTest:`), when recorded.
    public var restoreTest: RestoreTest?
    /// Whether a failed backup job alerts someone (`monitored:`); `nil` when the file does not say.
    public var monitored: Bool?
    /// How the copy is protected (`keys:`); `nil` when the file does not say.
    public var keys: Keys?
    /// The system the copy is kept in (`storedIn:`); `nil` means only what `offPlatform` says.
    public var storedIn: RecordPlace?
    /// Evidence ids that prove the entry (`aws-backup:RDS`, `git:../app`).
    public var evidence: [String] = []

    /// How a copy is encrypted.
    public enum Keys: String, CaseIterable, Codable, Sendable {
        /// Keys of its own, which production does not hold.
        case separate
        /// The same keys or credentials as production.
        case production
        /// Not encrypted.
        case none
    }

    /// Creates a backup.
    public init(asset: Asset, kind: Kind, location: String, every: TimeSpan?, reachBack: TimeSpan?,
                restoreTested: CalendarDate?, offPlatform: Bool, restoreTest: RestoreTest? = nil, monitored: Bool? = nil,
                keys: Keys? = nil, storedIn: RecordPlace? = nil) {
        self.asset = asset
        self.kind = kind
        self.location = location
        self.every = every
        self.reachBack = reachBack
        self.restoreTested = restoreTest?.on ?? restoreTested
        self.offPlatform = offPlatform
        self.restoreTest = restoreTest
        self.monitored = monitored
        self.keys = keys
        self.storedIn = storedIn
    }
}

/// A restore that was rehearsed: when, at what scale, and how long it took.
public struct RestoreTest: Hashable, Sendable {
    /// The day of the test.
    public var on: CalendarDate
    /// How many units (tenants, databases, sites) were restored.
    public var units: Int
    /// How long one round took.
    public var took: TimeSpan?
    /// How many units can be restored at once.
    public var parallel: Int

    /// Creates a restore test.
    public init(on: CalendarDate, units: Int = 1, took: TimeSpan? = nil, parallel: Int = 1) {
        self.on = on
        self.units = units
        self.took = took
        self.parallel = parallel
    }

    /// How long restoring `count` units takes at this pace: rounds of `parallel` units, each `took` long.
    public func estimate(units count: Int) -> TimeSpan? {
        guard let took, parallel > 0 else { return nil }
        let rounds = (count + parallel - 1) / parallel
        return TimeSpan(hours: took.hours * Double(rounds))
    }
}
