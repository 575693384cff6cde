/// Whom a team would call in an incident.
public enum ContactRole: String, CaseIterable, Codable, Sendable {
    case incidentResponsePartner = "incident-response-partner"
    case legalAdviser = "legal-adviser"
    case platformVendor = "platform-vendor"
    case internalSecurityLead = "internal-security-lead"
    case lawEnforcement = "law-enforcement"
    case hostingProvider = "hosting-provider"
    case communications = "communications"
    case insurer = "insurer"
    /// Outsourced support, managed hosting, contractors with access: they hold evidence the team needs.
    case subcontractor = "subcontractor"

    /// The role in a sentence: `incident-response partner`.
    public var spoken: String {
        switch self {
        case .incidentResponsePartner: "incident-response partner"
        case .legalAdviser: "legal adviser"
        case .platformVendor: "platform vendor"
        case .internalSecurityLead: "internal security lead"
        case .lawEnforcement: "law enforcement"
        case .hostingProvider: "hosting provider"
        case .communications: "communications lead"
        case .insurer: "cyber insurer"
        case .subcontractor: "subcontractor"
        }
    }

    /// The systems a contact of this role covers when its file does not say (`for:`): the
    /// platform vendor answers for the platform account, the hosting provider for the cloud
    /// account. Other roles are not tied to one system.
    public var defaultSystems: [TeamSystem] {
        switch self {
        case .platformVendor: [.platformAccount]
        case .hostingProvider: [.cloudAccount]
        default: []
        }
    }
}

/// A class of events that logs may record.
public enum EventClass: String, CaseIterable, Codable, Sendable {
    case adminActions = "admin-actions"
    case appErrors = "app-errors"
    case codeChanges = "code-changes"
    case configChanges = "config-changes"
    case startupShutdown = "startup-shutdown"
    case dataAccess = "data-access"
    case logAccess = "log-access"
    case authentication = "authentication"
    case apiUsage = "api-usage"
    case backupJobs = "backup-jobs"

    /// The class in a sentence: `admin-action logs`.
    public var spoken: String {
        switch self {
        case .adminActions: "admin actions"
        case .appErrors: "application errors"
        case .codeChanges: "code changes"
        case .configChanges: "configuration changes"
        case .startupShutdown: "start-ups and shut-downs"
        case .dataAccess: "data access"
        case .logAccess: "access to the logs"
        case .authentication: "sign-ins"
        case .apiUsage: "API usage"
        case .backupJobs: "backup jobs"
        }
    }
}

/// Something a team may need to restore.
public enum Asset: String, CaseIterable, Codable, Sendable {
    case appSourceCode = "app-source-code"
    case configuration = "configuration"
    case customerData = "customer-data"
    case secrets = "secrets"
    case releaseArtifacts = "release-artifacts"
    case customerContacts = "customer-contacts"

    /// The asset in a sentence.
    public var spoken: String {
        switch self {
        case .appSourceCode: "app source code"
        case .configuration: "configuration"
        case .customerData: "customer data"
        case .secrets: "secrets and keys"
        case .releaseArtifacts: "release artifacts"
        case .customerContacts: "the customer contact list"
        }
    }
}

/// The three questions of preparedness that a scenario tests.
public enum Pillar: String, CaseIterable, Codable, Sendable {
    case contacts, logs, backups
}

/// The three kinds of incident (see DOMAIN.md).
public enum ScenarioKind: String, CaseIterable, Codable, Sendable {
    case dataExposure = "data-exposure"
    case appCompromise = "app-compromise"
    case platformDegradation = "platform-degradation"
}

/// One of the systems a team depends on. A record helps only if it covers the system the
/// incident is in, and is kept where the incident cannot reach it (see DOMAIN.md).
public enum TeamSystem: String, CaseIterable, Codable, Sendable, Comparable {
    /// The app's own backend.
    case app
    /// The team's account on the platform it sells on (the marketplace).
    case platformAccount = "platform-account"
    /// The hosting console: the team's cloud account.
    case cloudAccount = "cloud-account"
    /// The code host.
    case sourceControl = "source-control"
    /// The build and release service.
    case ci
    /// Engineers' machines.
    case workstations
    /// Single sign-on and the directory.
    case identityProvider = "identity-provider"
    /// The team's mail.
    case emailProvider = "email-provider"
    /// Ticketing, CRM and other support tools.
    case supportTools = "support-tools"
    /// Other third-party services.
    case saas

    /// The system in a sentence: `the CI service`.
    public var spoken: String {
        switch self {
        case .app: "the app's backend"
        case .platformAccount: "the platform account"
        case .cloudAccount: "the cloud account"
        case .sourceControl: "source control"
        case .ci: "the CI service"
        case .workstations: "engineers' workstations"
        case .identityProvider: "the identity provider"
        case .emailProvider: "the email provider"
        case .supportTools: "the support tools"
        case .saas: "third-party services"
        }
    }

    public static func < (lhs: TeamSystem, rhs: TeamSystem) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a record is kept: in one of the team's systems, or in an isolated store of its own.
public enum RecordPlace: Hashable, Sendable, CustomStringConvertible {
    /// Inside one of the team's systems.
    case system(TeamSystem)
    /// An isolated account or store that no incident system reaches (`separate-account`).
    case separateAccount

    /// The word written in files: a system's name, or `separate-account`.
    public var description: String {
        switch self {
        case let .system(system): system.rawValue
        case .separateAccount: "separate-account"
        }
    }

    /// Parses a system's name or `separate-account`.
    public init?(rawValue: String) {
        if rawValue == "separate-account" { self = .separateAccount } else if let system = TeamSystem(rawValue: rawValue) { self = .system(system) } else { return nil }
    }

    /// Every word a file may use.
    public static var words: [String] { TeamSystem.allCases.map(\.rawValue) + ["separate-account"] }
}

extension EventClass {
    /// Whether the spoken name takes a plural verb: "admin actions are", "API usage is".
    public var isPlural: Bool {
        switch self {
        case .dataAccess, .logAccess, .apiUsage: false
        default: true
        }
    }
}

extension String {
    /// The phrase with `a` or `an` before it, by its first letter: `an incident-response partner`.
    public var withIndefiniteArticle: String {
        guard let first = lowercased().first else { return self }
        return ("aeiou".contains(first) ? "an " : "a ") + self
    }
}
