import Foundation

/// Where a judged fact comes from: the team's claim held against its own systems' exports.
public struct Provenance: Hashable, Sendable, Codable {
    /// How the claim stands against the evidence.
    public enum State: String, Codable, Sendable, CaseIterable {
        /// The evidence says what the file says.
        case verified
        /// The evidence says otherwise; the fact is judged on the evidence.
        case contradicted
        /// No evidence (or none drill could find); the fact is judged as written.
        case declared
        /// Evidence older than the policy allows; the fact is judged as written.
        case tooOld = "evidence-too-old"
    }

    /// The record, as findings name it: a contact's name, a log source, a backup's location.
    public var record: String
    /// Its pillar.
    public var pillar: Pillar
    /// The field held to the evidence (`retention`, `restoreTested`, `confirmed`, `every`, `reachBack`, `offPlatform`).
    public var field: String
    /// Verified, contradicted, declared or too old.
    public var state: State
    /// What the preparedness file says.
    public var declared: String
    /// What the evidence says, in a sentence.
    public var found: String?
    /// The evidence file.
    public var file: String?
    /// Its SHA-256.
    public var sha256: String?
    /// When it was collected.
    public var collected: CalendarDate?

    /// `app-audit-log retention: declared 12 months; log group /aws/app/audit keeps 30 days (evidence/x.json, collected 2026-11-29)`.
    public var sentence: String {
        var text = "\(record) \(field): declared \(declared)"
        if let found { text += "; \(found)" }
        if let file { text += " (\(file)" + (collected.map { ", collected \($0)" } ?? "") + ")" }
        return text + " — \(state.rawValue)"
    }
}

/// A preparedness profile held to the evidence: each fact an export contradicts is replaced by
/// what the export says, and each judged fact carries its provenance.
public struct EvidenceJudgement: Sendable {
    /// The profile as judged: declared facts, with contradicted ones replaced by the evidence.
    public var profile: PreparednessProfile
    /// One entry per fact that named evidence.
    public var provenance: [Provenance]
    /// Evidence ids the preparedness file names that no file yields.
    public var unresolved: [String]

    /// Holds `declared` to the facts of `files`; evidence collected more than `maxAge` before
    /// `asOf` is reported but not used.
    public init(_ declared: PreparednessProfile, evidence files: [EvidenceFile], asOf: CalendarDate, maxAge: TimeSpan = .days(90)) {
        // Every fact under each id, in file order: one id may be stated by several exports
        // (a trail's settings and its status), and each judges the fields it speaks to.
        var facts: [String: [(fact: EvidenceFact, file: EvidenceFile)]] = [:]
        for file in files where file.problem == nil {
            for fact in file.facts { facts[fact.id, default: []].append((fact, file)) }
        }
        var profile = declared
        var provenance: [Provenance] = []
        var unresolved: [String] = []

        typealias Outcome = (verified: Bool, judged: (inout PreparednessProfile) -> Void)
        func evidence(_ ids: [String], record: String, pillar: Pillar, field: String, declared: String,
                      judge: (EvidenceFact, Date) -> Outcome?) {
            for id in ids {
                guard let stated = facts[id] else {
                    if !unresolved.contains(id) { unresolved.append(id) }
                    // Said once per record, not once per field the id could have spoken to.
                    if !provenance.contains(where: { $0.record == record && $0.pillar == pillar && $0.found == Self.notFound(id) }) {
                        provenance.append(Provenance(record: record, pillar: pillar, field: field, state: .declared, declared: declared,
                                                     found: Self.notFound(id)))
                    }
                    continue
                }
                for (fact, file) in stated {
                    let collected = file.collected ?? Date(timeIntervalSince1970: TimeInterval(asOf.daysSinceEpoch) * 86_400)
                    guard let outcome = judge(fact, collected) else { continue }
                    let day = file.collected.map(Timestamp8601.day)
                    let tooOld = day.map { $0.adding(maxAge) < asOf } ?? false
                    let state: Provenance.State = tooOld ? .tooOld : outcome.verified ? .verified : .contradicted
                    provenance.append(Provenance(record: record, pillar: pillar, field: field, state: state, declared: declared,
                                                 found: fact.sentence, file: file.path, sha256: file.sha256, collected: day))
                    // The systems' own record wins over the claim; the first contradiction decides.
                    if state == .contradicted {
                        outcome.judged(&profile)
                        return
                    }
                }
            }
        }
        func hours(_ from: Date, _ to: Date) -> TimeSpan { TimeSpan(hours: max(0, to.timeIntervalSince(from) / 3600)) }

        for index in profile.logs.indices {
            let source = profile.logs[index]
            evidence(source.evidence, record: source.source, pillar: .logs, field: "retention", declared: source.retention.spoken) { fact, collected in
                switch fact.claim {
                case let .logRetention(retention):
                    let kept = retention ?? .longest
                    return (abs(kept.hours - source.retention.hours) < 24, { $0.logs[index].retention = kept })
                case let .logBucket(retention, _):
                    return (abs(retention.hours - source.retention.hours) < 24, { $0.logs[index].retention = retention })
                case let .logFolder(summary):
                    // What is on disk is what can be read: the oldest entry bounds how far back the logs reach.
                    let reach = summary.oldest.map { hours($0, collected) } ?? .zero
                    return (reach.hours >= source.retention.hours * 0.9 - 24, { $0.logs[index].retention = reach })
                default:
                    return nil
                }
            }
            evidence(source.evidence, record: source.source, pillar: .logs, field: "recording", declared: "recording") { fact, collected in
                guard case let .trailStatus(logging, delivered) = fact.claim else { return nil }
                // A trail that stopped, or has delivered nothing for a day, records nothing of what happens now.
                let fresh = delivered.map { collected.timeIntervalSince($0) <= 86_400 } ?? false
                return (logging && fresh, { $0.logs[index].covers = [] })
            }
            if source.systems.contains(.cloudAccount) {
                evidence(source.evidence, record: source.source, pillar: .logs, field: "systems", declared: "the whole cloud account") { fact, _ in
                    guard case let .trailSettings(multiRegion, _) = fact.claim else { return nil }
                    // A single-region trail misses what an attacker does in every other region.
                    return (multiRegion, { $0.logs[index].systems.removeAll { $0 == .cloudAccount } })
                }
            }
            evidence(source.evidence, record: source.source, pillar: .logs, field: "timestamps", declared: source.timestamps.rawValue) { fact, _ in
                guard case let .logFolder(summary) = fact.claim else { return nil }
                let observed: LogSource.Timestamps = summary.entries == 0 ? .none : summary.withoutZone > 0 ? .withoutZone : .withZone
                return (observed == source.timestamps, { $0.logs[index].timestamps = observed })
            }
            if source.restricted {
                evidence(source.evidence, record: source.source, pillar: .logs, field: "restricted", declared: "restricted") { fact, _ in
                    guard case let .logFolder(summary) = fact.claim else { return nil }
                    // File modes can show a claim false, never fully true: a verified claim means no file is open to everyone.
                    return (summary.readableByOthers.isEmpty, { $0.logs[index].restricted = false })
                }
            }
        }
        for index in profile.backups.indices {
            let backup = profile.backups[index]
            let record = backup.location
            evidence(backup.evidence, record: record, pillar: .backups, field: "restoreTested",
                     declared: backup.restoreTested.map(\.description) ?? "never") { fact, _ in
                guard case let .restoreJobs(lastPassed, _, _) = fact.claim else { return nil }
                let passed = lastPassed.map(Timestamp8601.day)
                return (passed == backup.restoreTested, { profile in
                    profile.backups[index].restoreTested = passed
                    if let passed { profile.backups[index].restoreTest?.on = passed } else { profile.backups[index].restoreTest = nil }
                })
            }
            evidence(backup.evidence, record: record, pillar: .backups, field: "every", declared: backup.every.map(\.spoken) ?? "continuous") { fact, collected in
                guard case let .backupHistory(newest, oldest, count) = fact.claim else { return nil }
                let typical = count > 1 ? TimeSpan(hours: hours(oldest, newest).hours / Double(count - 1)) : nil
                // The newest copy's age when the export was made shows backups that stopped: a silent failure.
                let observed = [typical, hours(newest, collected)].compactMap { $0 }.max() ?? .zero
                let claimed = backup.every ?? .hours(1)
                return (observed.hours <= claimed.hours * 1.5 + 24, { $0.backups[index].every = observed })
            }
            evidence(backup.evidence, record: record, pillar: .backups, field: "reachBack", declared: backup.reachBack?.spoken ?? "unlimited") { fact, collected in
                guard case let .backupHistory(_, oldest, _) = fact.claim else { return nil }
                let reach = hours(oldest, collected)
                return (reach.hours >= (backup.reachBack ?? .longest).hours * 0.9, { $0.backups[index].reachBack = reach })
            }
            evidence(backup.evidence, record: record, pillar: .backups, field: "offPlatform",
                     declared: backup.offPlatform ? "kept off the machine" : "kept on the platform") { fact, _ in
                guard case let .codeOffMachine(remotes, onRemote) = fact.claim else { return nil }
                return (!remotes.isEmpty && onRemote, { $0.backups[index].storedIn = .system(.workstations) })
            }
        }
        for index in profile.contacts.indices {
            let contact = profile.contacts[index]
            evidence(contact.evidence, record: contact.name, pillar: .contacts, field: "confirmed",
                     declared: contact.confirmed.map(\.description) ?? "never") { fact, _ in
                guard case let .contactReviewed(on, _) = fact.claim else { return nil }
                return (on == contact.confirmed, { $0.contacts[index].confirmed = on })
            }
            evidence(contact.evidence, record: contact.name, pillar: .contacts, field: "availability", declared: contact.availability.description) { fact, _ in
                guard case let .onCallSchedule(coverage, gap, _) = fact.claim else { return nil }
                if coverage >= 99.99 { return (true, { _ in }) }
                guard contact.availability == .aroundTheClock else { return nil }
                // Paged at the start of the longest stretch with nobody on call, the answer comes when it ends.
                return (false, { $0.contacts[index].responseTime = max(contact.responseTime, gap) })
            }
            evidence(contact.evidence, record: contact.name, pillar: .contacts, field: "escalation",
                     declared: contact.escalation.isEmpty ? "none" : contact.escalation.map(\.address).joined(separator: ", ")) { fact, _ in
                guard case let .escalationPolicy(levels) = fact.claim else { return nil }
                let second = levels.dropFirst().first
                guard second != nil || !contact.escalation.isEmpty else { return (true, { _ in }) }
                return (second != nil && !contact.escalation.isEmpty, { profile in
                    profile.contacts[index].escalation = second.map {
                        [Channel(kind: .pager, address: "\(fact.id): after \($0.after.spoken), \($0.targets.joined(separator: ", "))")]
                    } ?? []
                })
            }
        }
        self.profile = profile
        self.provenance = provenance
        self.unresolved = unresolved
    }

    static func notFound(_ id: String) -> String { "evidence \(id) was not found in the evidence folder" }

    /// The provenance of the records a finding used.
    public func provenance(for finding: Finding) -> [Provenance] {
        provenance.filter { $0.pillar == finding.pillar && finding.basis.used.contains($0.record) }
    }

}
