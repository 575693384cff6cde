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

    /// The asset in a sentence.
    public var spoken: String {
        switch self {
        case .appSourceCode: "app source code"
        case .configuration: "configuration"
        case .customerData: "customer data"
        case .secrets: "secrets and keys"
        case .releaseArtifacts: "release artifacts"
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
