/// The simulated cost of each kind of gap, where a scenario does not set its own
/// (`delayIfPartial`, `delayIfUnmet`). Documented in the README; change them there too.
public struct AssessmentCosts: Hashable, Sendable {
    /// Finding and engaging a contact of a role that is not on file.
    public var missingContact: [ContactRole: TimeSpan] = [
        .incidentResponsePartner: .hours(48),
        .legalAdviser: .hours(24),
        .platformVendor: .hours(12),
        .internalSecurityLead: .hours(4),
        .lawEnforcement: .hours(12),
        .hostingProvider: .hours(8),
        .communications: .hours(8),
        .insurer: .hours(24),
        .subcontractor: .hours(24),
    ]
    /// Waiting for a subcontractor whose contract does not oblige it to hand over its findings.
    public var silentContract = TimeSpan.days(10)
    /// Tracking down current details for a contact that was not confirmed within the policy.
    public var staleContact = TimeSpan.hours(8)
    /// Digging out details that were kept only on the platform that is down.
    public var contactOnlyOnPlatform = TimeSpan.hours(6)
    /// Working around logs that are there but weaker than needed.
    public var partialLogs = TimeSpan.hours(8)
    /// Reconstructing events that were never logged or are gone.
    public var unmetLogs = TimeSpan.hours(24)
    /// A restore that was tested, but not within the policy.
    public var staleRestoreTest = TimeSpan.hours(24)
    /// A restore that was never tested: hours turn into days.
    public var untestedRestore = TimeSpan.hours(48)
    /// A backup that is there but weaker than needed in another way.
    public var partialBackup = TimeSpan.hours(12)
    /// Rebuilding what cannot be restored.
    public var unmetBackup = TimeSpan.hours(72)
    /// How long automated analytics with alerting take to raise an alarm.
    public var automatedDetection = TimeSpan.hours(1)

    /// The defaults.
    public init() {}

    /// The partial cost of a need met only by declared records (`check --require-evidence`).
    public func unverified(_ pillar: Pillar) -> TimeSpan {
        switch pillar {
        case .contacts: staleContact
        case .logs: partialLogs
        case .backups: partialBackup
        }
    }
}
