/// A synthetic incident: what it needs from a team's preparedness, and how it plays.
public struct Scenario: Hashable, Sendable {
    /// Unique id (`stolen-ci-token`).
    public var id: String
    /// One line.
    public var title: String
    /// The kind of incident.
    public var kind: ScenarioKind
    /// A paragraph for the facilitator.
    public var summary: String
    /// The real-world pattern the scenario is grounded in.
    public var basedOn: String?
    /// Exercise objectives, each with the prompts, needs and deadlines that measure it.
    public var objectives: [Objective]
    /// How long before discovery the intrusion or fault began.
    public var onset: TimeSpan
    /// When discovery happens.
    public var discovered: WeeklyMoment
    /// Who noticed.
    public var detectedBy: String?
    /// Systems that are unreachable: records kept only in them are out of reach until they are back.
    public var down: Set<TeamSystem>
    /// Systems that are gone until restored: records kept only in them are lost.
    public var destroyed: Set<TeamSystem>
    /// Systems the attacker controls: records kept only in them can be wiped or altered.
    public var compromised: Set<TeamSystem>
    /// How long backup jobs had been failing unnoticed before discovery, if they had.
    public var backupsFailingFor: TimeSpan?
    /// Vendors (by the system they answer for) that stay silent after discovery, and for how long.
    public var unresponsive: [TeamSystem: TimeSpan]
    /// Whether the attacker holds production secrets, so anything protected by them is exposed too.
    public var productionSecretsExposed: Bool
    /// How long after discovery investigators keep pulling logs.
    public var investigation: TimeSpan
    /// What the team's preparedness must provide.
    public var needs: [Need]
    /// Clocks that run from discovery.
    public var deadlines: [Deadline]
    /// The story, in file order.
    public var injects: [Inject]

    /// Creates a scenario.
    public init(id: String, title: String, kind: ScenarioKind, summary: String, basedOn: String? = nil, objectives: [Objective] = [],
                onset: TimeSpan, discovered: WeeklyMoment, detectedBy: String? = nil, platformDown: Bool = false,
                investigation: TimeSpan = .days(7), needs: [Need], deadlines: [Deadline] = [], injects: [Inject],
                down: Set<TeamSystem> = [], destroyed: Set<TeamSystem> = [], compromised: Set<TeamSystem> = [],
                backupsFailingFor: TimeSpan? = nil, unresponsive: [TeamSystem: TimeSpan] = [:], productionSecretsExposed: Bool = false) {
        self.id = id
        self.title = title
        self.kind = kind
        self.summary = summary
        self.basedOn = basedOn
        self.objectives = objectives
        self.onset = onset
        self.discovered = discovered
        self.detectedBy = detectedBy
        self.down = down.union(platformDown ? [.platformAccount] : [])
        self.destroyed = destroyed
        self.compromised = compromised
        self.backupsFailingFor = backupsFailingFor
        self.unresponsive = unresponsive
        self.productionSecretsExposed = productionSecretsExposed
        self.investigation = investigation
        self.needs = needs
        self.deadlines = deadlines
        self.injects = injects
    }

    /// Whether the platform account is down (`platformDown: true`, the short form of `down: [platform-account]`).
    public var platformDown: Bool { down.contains(.platformAccount) }

    /// All prompts, in play order of the file.
    public var prompts: [Prompt] { injects.flatMap(\.prompts) }

    /// What began at the onset, in a sentence: `the intrusion` or `the fault`.
    public var onsetNoun: String { kind == .platformDegradation ? "the fault" : "the intrusion" }

    /// The simulated time of the last inject.
    public var length: TimeSpan { injects.map(\.at).max() ?? .zero }
}

/// Something a scenario needs from the team's preparedness.
public struct Need: Hashable, Sendable, Identifiable {
    /// What exactly is needed, by pillar.
    public enum Requirement: Hashable, Sendable {
        /// A contact of a role, reachable by a time.
        case contact(ContactRequirement)
        /// Logs covering event classes, reaching back far enough.
        case logs(LogRequirement)
        /// A restorable copy of an asset.
        case backup(BackupRequirement)
    }

    /// Unique id in the scenario.
    public var id: String
    /// What is needed.
    public var requirement: Requirement
    /// One sentence on why, for the debrief.
    public var why: String?
    /// Overrides the default cost of a partial need.
    public var delayIfPartial: TimeSpan?
    /// Overrides the default cost of an unmet need.
    public var delayIfUnmet: TimeSpan?

    /// Creates a need.
    public init(id: String, requirement: Requirement, why: String? = nil, delayIfPartial: TimeSpan? = nil, delayIfUnmet: TimeSpan? = nil) {
        self.id = id
        self.requirement = requirement
        self.why = why
        self.delayIfPartial = delayIfPartial
        self.delayIfUnmet = delayIfUnmet
    }

    /// The pillar the need belongs to.
    public var pillar: Pillar {
        switch requirement {
        case .contact: .contacts
        case .logs: .logs
        case .backup: .backups
        }
    }
}

/// A contact of some role, reachable by some hour.
public struct ContactRequirement: Hashable, Sendable {
    /// The role needed.
    public var role: ContactRole
    /// When on the simulated clock the team would call.
    public var neededAt: TimeSpan
    /// How soon after that they must be reached.
    public var within: TimeSpan
    /// The system or vendor the contact must answer for (`for:`); `nil` when any contact of the role will do.
    public var covers: TeamSystem?
    /// Whether a second, independent route to the same people is needed.
    public var fallback: Bool
    /// For a subcontractor: their forensic findings are needed by this time after discovery.
    public var findingsBy: TimeSpan?

    /// Creates the requirement.
    public init(role: ContactRole, neededAt: TimeSpan = .zero, within: TimeSpan = .hours(4), covers: TeamSystem? = nil,
                fallback: Bool = false, findingsBy: TimeSpan? = nil) {
        self.role = role
        self.neededAt = neededAt
        self.within = within
        self.covers = covers
        self.fallback = fallback
        self.findingsBy = findingsBy
    }
}

/// Logs that let investigators reconstruct what happened.
public struct LogRequirement: Hashable, Sendable {
    /// Event classes that must be recorded.
    public var events: [EventClass]
    /// How far before discovery they must reach; `nil` means the onset.
    public var reachBack: TimeSpan?
    /// The review cadence must detect within this window.
    public var detectWithin: TimeSpan?
    /// The systems whose events are needed (`systems:`, default the app's backend).
    public var systems: [TeamSystem]

    /// Creates the requirement.
    public init(events: [EventClass], reachBack: TimeSpan? = nil, detectWithin: TimeSpan? = nil, systems: [TeamSystem] = [.app]) {
        self.events = events
        self.reachBack = reachBack
        self.detectWithin = detectWithin
        self.systems = systems
    }
}

/// A restorable copy of an asset.
public struct BackupRequirement: Hashable, Sendable {
    /// What must be restorable.
    public var asset: Asset
    /// Whether it must be in version control.
    public var versionControlled: Bool
    /// How far back a restore must reach; `nil` means the onset.
    public var restoreBefore: TimeSpan?
    /// The backup must run at least this often.
    public var maxDataLoss: TimeSpan?
    /// How many units (tenants, databases, sites) the incident must restore.
    public var units: Int?
    /// How soon after discovery the restore must be done.
    public var restoreWithin: TimeSpan?
    /// Whether the copy must be protected by keys production does not hold.
    public var isolated: Bool

    /// Creates the requirement.
    public init(asset: Asset, versionControlled: Bool = false, restoreBefore: TimeSpan? = nil, maxDataLoss: TimeSpan? = nil,
                units: Int? = nil, restoreWithin: TimeSpan? = nil, isolated: Bool = false) {
        self.asset = asset
        self.versionControlled = versionControlled
        self.restoreBefore = restoreBefore
        self.maxDataLoss = maxDataLoss
        self.units = units
        self.restoreWithin = restoreWithin
        self.isolated = isolated
    }
}

/// A clock that runs from discovery: the platform vendor told within 24 h, a regulator within 72 h.
public struct Deadline: Hashable, Sendable, Identifiable {
    /// Unique id in the scenario.
    public var id: String
    /// What must happen.
    public var title: String
    /// Time from discovery.
    public var due: TimeSpan
    /// How long the work takes when everything needed is in place.
    public var takes: TimeSpan
    /// Needs whose delays push the milestone.
    public var needs: [String]

    /// Creates a deadline.
    public init(id: String, title: String, due: TimeSpan, takes: TimeSpan = .zero, needs: [String] = []) {
        self.id = id
        self.title = title
        self.due = due
        self.takes = takes
        self.needs = needs
    }
}

/// Where the drill goes next.
public enum BranchTarget: Hashable, Sendable, CustomStringConvertible {
    /// The inject with this id.
    case inject(String)
    /// The end of the drill.
    case end

    /// Parses an inject id, or `end`.
    public init(_ text: String) { self = text == "end" ? .end : .inject(text) }

    public var description: String {
        switch self {
        case let .inject(id): id
        case .end: "end"
        }
    }
}

extension Scenario {
    /// Deadlines some inject, prompt or option says it `completes`: in a drill they are met only
    /// on a path that sets about their work (`check` judges every deadline on the ideal path).
    public var deadlinesDoneOnPath: Set<String> {
        var ids = Set<String>()
        for inject in injects {
            ids.formUnion(inject.completes)
            for prompt in inject.prompts {
                ids.formUnion(prompt.completes)
                switch prompt.kind {
                case let .singleChoice(options), let .multipleChoice(options): ids.formUnion(options.flatMap(\.completes))
                default: break
                }
            }
        }
        return ids
    }
}
