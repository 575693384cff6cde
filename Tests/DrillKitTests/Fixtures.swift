import DrillKit
import Foundation

/// Small builders so each test states only what it is about.
enum Fixture {
    static let asOf = CalendarDate(year: 2026, month: 11, day: 26)!

    static func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    static func contact(_ role: ContactRole = .incidentResponsePartner, name: String = "Blue Harbor", availability: String = "24x7",
                        confirmed: String? = "2026-06-01", offPlatform: Bool = true, responseTime: TimeSpan = .zero) -> Contact {
        Contact(role: role, name: name, channels: [Channel(kind: .phone, address: "+44 20 7946 0000")],
                availability: Availability(parsing: availability)!, responseTime: responseTime,
                confirmed: confirmed.map(date), storedOffPlatform: offPlatform)
    }

    static func log(_ source: String = "audit", covers: [EventClass] = [.adminActions], timestamps: LogSource.Timestamps = .withZone,
                    retention: TimeSpan = .months(13), restricted: Bool = true, accessRecorded: Bool = true,
                    review: LogSource.Review = .automated) -> LogSource {
        LogSource(source: source, covers: covers, timestamps: timestamps, retention: retention, storage: "log bucket",
                  restricted: restricted, accessRecorded: accessRecorded, review: review)
    }

    static func backup(_ asset: Asset = .appSourceCode, kind: Backup.Kind = .versionControl, every: TimeSpan? = nil,
                       reachBack: TimeSpan? = nil, tested: String? = "2026-06-01", offPlatform: Bool = true) -> Backup {
        Backup(asset: asset, kind: kind, location: "GitHub", every: every, reachBack: reachBack,
               restoreTested: tested.map(date), offPlatform: offPlatform)
    }

    static func profile(contacts: [Contact] = [], logs: [LogSource] = [], backups: [Backup] = []) -> PreparednessProfile {
        PreparednessProfile(team: "Test Team", contacts: contacts, logs: logs, backups: backups)
    }

    static func scenario(_ needs: [Need], onset: TimeSpan = .days(20), discovered: String = "Tuesday 10:00 UTC",
                         platformDown: Bool = false, investigation: TimeSpan = .days(7), deadlines: [Deadline] = []) -> Scenario {
        Scenario(id: "test", title: "Test", kind: .dataExposure, summary: "A test.", onset: onset,
                 discovered: WeeklyMoment(parsing: discovered)!, platformDown: platformDown, investigation: investigation,
                 needs: needs, deadlines: deadlines,
                 injects: [Inject(id: "start", title: "Start", at: .zero, narrative: "It begins.")])
    }

    static func contactNeed(_ role: ContactRole = .incidentResponsePartner, at: TimeSpan = .zero, within: TimeSpan = .hours(4),
                            id: String = "need") -> Need {
        Need(id: id, requirement: .contact(ContactRequirement(role: role, neededAt: at, within: within)))
    }

    static func logNeed(_ events: [EventClass] = [.adminActions], reachBack: TimeSpan? = nil, detectWithin: TimeSpan? = nil) -> Need {
        Need(id: "need", requirement: .logs(LogRequirement(events: events, reachBack: reachBack, detectWithin: detectWithin)))
    }

    static func backupNeed(_ asset: Asset = .appSourceCode, versionControlled: Bool = false, restoreBefore: TimeSpan? = nil,
                           maxDataLoss: TimeSpan? = nil) -> Need {
        Need(id: "need", requirement: .backup(BackupRequirement(asset: asset, versionControlled: versionControlled,
                                                                restoreBefore: restoreBefore, maxDataLoss: maxDataLoss)))
    }

    /// Assesses a single-need scenario and returns its finding.
    static func finding(_ profile: PreparednessProfile, _ scenario: Scenario, asOf: CalendarDate = asOf) -> Finding {
        Assessor(profile: profile, asOf: asOf).assess(scenario).findings[0]
    }

    /// The package root, for the shipped scenarios and README.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
