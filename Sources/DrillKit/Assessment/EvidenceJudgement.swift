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
        var facts: [String: (fact: EvidenceFact, file: EvidenceFile)] = [:]
        for file in files where file.problem == nil {
            for fact in file.facts where facts[fact.id] == nil { facts[fact.id] = (fact, file) }
        }
        var profile = declared
        var provenance: [Provenance] = []
        var unresolved: [String] = []

        typealias Outcome = (verified: Bool, judged: (inout PreparednessProfile) -> Void)
        func evidence(_ ids: [String], record: String, pillar: Pillar, field: String, declared: String,
                      judge: (EvidenceFact, Date) -> Outcome?) {
            for id in ids {
                guard let (fact, file) = facts[id] else {
                    if !unresolved.contains(id) { unresolved.append(id) }
                    provenance.append(Provenance(record: record, pillar: pillar, field: field, state: .declared, declared: declared,
                                                 found: "evidence \(id) was not found in the evidence folder"))
                    continue
                }
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
        func hours(_ from: Date, _ to: Date) -> TimeSpan { TimeSpan(hours: max(0, to.timeIntervalSince(from) / 3600)) }

        for index in profile.logs.indices {
            let source = profile.logs[index]
            evidence(source.evidence, record: source.source, pillar: .logs, field: "retention", declared: source.retention.spoken) { fact, _ in
                guard case let .logRetention(retention) = fact.claim else { return nil }
                let kept = retention ?? .longest
                return (abs(kept.hours - source.retention.hours) < 24, { $0.logs[index].retention = kept })
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
        }
        self.profile = profile
        self.provenance = provenance
        self.unresolved = unresolved
    }

    /// The provenance of the records a finding used.
    public func provenance(for finding: Finding) -> [Provenance] {
        provenance.filter { $0.pillar == finding.pillar && finding.basis.used.contains($0.record) }
    }

}
