extension Assessor {
    func assessBackup(_ need: Need, _ requirement: BackupRequirement, in scenario: Scenario) -> Finding {
        let asset = requirement.asset
        let candidates = profile.backups.filter { $0.asset == asset }
        guard !candidates.isEmpty else {
            let delay = need.delayIfUnmet ?? costs.unmetBackup
            return Finding(
                needID: need.id, pillar: .backups, status: .unmet,
                reasons: ["No backup of \(asset.spoken) is on file: rebuilding it costs about \(delay.spoken), if it can be rebuilt at all."],
                delay: delay, fix: "backups: add one with asset \(asset.rawValue)")
        }
        let graded = candidates.map { ($0, backupGaps($0, need, requirement, in: scenario)) }
        guard let (backup, gaps) = graded.min(by: { ($0.1.status, $0.1.delay) < ($1.1.status, $1.1.delay) }) else {
            return Finding(needID: need.id, pillar: .backups, status: .unmet, reasons: [])
        }
        let status = gaps.status
        var delay = gaps.delay
        if status == .unmet {
            // A gap that knows its own cost (a restore that overruns its window) keeps it; any
            // other unmet gap means rebuilding what cannot be restored.
            let known = gaps.filter { $0.status == .unmet }
            delay = need.delayIfUnmet ?? (known.allSatisfy { $0.delay > .zero } ? known.map(\.delay).max() ?? costs.unmetBackup : costs.unmetBackup)
        }
        var reasons = gaps.reasons
        if status == .met {
            let tested = backup.restoreTested.map { "restore tested \($0)" } ?? ""
            reasons = ["\(asset.spoken.capitalizedFirst) is kept \(backup.kind == .versionControl ? "in version control" : "as " + backup.kind.withArticle) (\(backup.location); reaches back \(backup.reachBack?.spoken ?? "through its whole history"), \(tested)), enough to restore to before the \(restoreLabel(requirement, scenario))."]
            if let units = requirement.units, let within = requirement.restoreWithin, let estimate = backup.restoreTest?.estimate(units: units) {
                reasons.append("Restoring \(units) units at the tested pace takes about \(estimate.spoken), within the \(within.spoken) allowed (\(estimate == within ? "no time" : (within - estimate).spoken) to spare).")
            }
        }
        if candidates.count > 1 {
            reasons.append("Of \(candidates.count) backups of \(asset.spoken) on file, \(backup.location) serves best.")
        }
        let estimate = requirement.units.flatMap { backup.restoreTest?.estimate(units: $0) }
        return Finding(
            needID: need.id, pillar: .backups, status: status, reasons: reasons, delay: delay,
            fix: status == .met ? nil : "backups[\(asset.rawValue)]",
            basis: FindingBasis(used: [backup.location], keptIn: place(of: backup).map { [$0.description] } ?? [],
                                units: requirement.units, estimateHours: estimate?.hours,
                                marginHours: requirement.restoreWithin.flatMap { within in estimate.map { (within - $0).hours } }))
    }

    /// Where the copy is kept: `storedIn`, else the platform account when it is not kept off it.
    private func place(of backup: Backup) -> RecordPlace? {
        backup.storedIn ?? (backup.offPlatform ? nil : .system(.platformAccount))
    }

    private func restoreLabel(_ requirement: BackupRequirement, _ scenario: Scenario) -> String {
        requirement.restoreBefore.map { "point \($0.spoken) back" } ?? "start of \(scenario.onsetNoun), \(scenario.onset.spoken) before discovery"
    }

    private func backupGaps(_ backup: Backup, _ need: Need, _ requirement: BackupRequirement, in scenario: Scenario) -> [Gap] {
        var gaps: [Gap] = []
        let what = "The \(backup.asset.spoken) \(backup.kind.spoken) (\(backup.location))"
        gaps += placeGaps(backup, what, need, requirement, in: scenario)
        if requirement.versionControlled && backup.kind != .versionControl {
            gaps.append(Gap(
                status: .partial,
                reason: "\(what) is \(backup.kind.withArticle), not version control: there is no per-change history to roll back to.",
                delay: need.delayIfPartial ?? costs.partialBackup))
        }
        let restoreBefore = requirement.restoreBefore ?? scenario.onset
        if let reach = backup.reachBack, reach < restoreBefore {
            let why = requirement.restoreBefore == nil ? "\(scenario.onsetNoun) began \(restoreBefore.spoken) before discovery" : "the scenario needs a restore point \(restoreBefore.spoken) back"
            gaps.append(Gap(status: .unmet, reason: "\(what) reaches back \(reach.spoken); \(why), so every copy may already be tainted or missing."))
        }
        if let tolerated = requirement.maxDataLoss {
            // A backup that failed silently restores only to its last good copy.
            let failing = backup.monitored == true ? nil : scenario.backupsFailingFor
            if let failing, failing > tolerated {
                let said = backup.monitored == nil ? "nothing in the file says failures alert anyone" : "nobody is alerted when they fail"
                gaps.append(Gap(
                    status: .unmet,
                    reason: "Backup jobs for \(what.lowercasedFirst) had been failing for \(failing.spoken) before discovery and \(said): the newest good copy is \(failing.spoken) old; the scenario tolerates losing at most \(tolerated.spoken) of changes.",
                    delay: need.delayIfUnmet ?? costs.unmetBackup))
            } else if let every = backup.every, every > tolerated {
                gaps.append(Gap(
                    status: .partial,
                    reason: "\(what) runs every \(every.spoken); the scenario tolerates losing at most \(tolerated.spoken) of changes.",
                    delay: need.delayIfPartial ?? (edition >= .second ? costs.partialBackup : .zero)))
            }
        }
        gaps += scaleGaps(backup, what, need, requirement)
        gaps += keyGaps(backup, what, need, requirement, in: scenario)
        let policy = profile.policy.restoreTestedWithin
        if let tested = backup.restoreTested {
            if tested.adding(policy) < asOf {
                let age = tested.wholeMonths(until: asOf)
                gaps.append(Gap(
                    status: .partial,
                    reason: "A restore of \(backup.asset.spoken) was last tested on \(tested), \(age) months before \(asOf); the policy is \(policy.spoken), so expect surprises (about \((need.delayIfPartial ?? costs.staleRestoreTest).spoken) lost).",
                    delay: need.delayIfPartial ?? costs.staleRestoreTest))
            }
        } else {
            gaps.append(Gap(
                status: .partial,
                reason: "A restore of \(backup.asset.spoken) has never been tested: untested restores turn hours into days (about \((need.delayIfPartial ?? costs.untestedRestore).spoken) lost).",
                delay: need.delayIfPartial ?? costs.untestedRestore))
        }
        return gaps
    }
}

extension Assessor {
    /// Copies kept only in a system the scenario takes away are out of reach (down) or gone (destroyed).
    fileprivate func placeGaps(_ backup: Backup, _ what: String, _ need: Need, _ requirement: BackupRequirement,
                               in scenario: Scenario) -> [Gap] {
        // `offPlatform: false` keeps its meaning whatever `storedIn` adds.
        if scenario.platformDown && !backup.offPlatform {
            return [Gap(status: .unmet, reason: "\(what) is kept on the platform, which is down in this scenario.")]
        }
        guard let place = backup.storedIn else {
            let lost = scenario.down.union(scenario.destroyed).subtracting([.platformAccount]).sorted()
            if backup.offPlatform, !lost.isEmpty {
                return [Gap(
                    status: .partial,
                    reason: "\(what) is kept off the platform, but the file does not say where; \(Self.list(lost.map(\.spoken))) \(lost.count == 1 ? "is" : "are") out of reach in this scenario, so drill cannot tell the copy survives (say storedIn).",
                    delay: need.delayIfPartial ?? costs.partialBackup)]
            }
            return []
        }
        guard case let .system(system) = place else { return [] }
        if scenario.destroyed.contains(system) {
            return [Gap(status: .unmet, reason: "\(what) is kept in \(system.spoken), destroyed in this scenario: the copy is gone with what it protects.")]
        }
        if scenario.down.contains(system) {
            return [Gap(status: .unmet, reason: "\(what) is kept in \(system.spoken), which is down in this scenario.")]
        }
        if scenario.compromised.contains(system) {
            return [Gap(
                status: .partial,
                reason: "\(what) is kept in \(system.spoken), which the attacker controls in this scenario: the copy can be deleted or encrypted along with production.",
                delay: need.delayIfPartial ?? costs.partialBackup)]
        }
        return []
    }

    /// How long a restore takes at the incident's scale, from the pace of the last rehearsal.
    fileprivate func scaleGaps(_ backup: Backup, _ what: String, _ need: Need, _ requirement: BackupRequirement) -> [Gap] {
        guard let units = requirement.units, let within = requirement.restoreWithin else { return [] }
        guard let test = backup.restoreTest else {
            return [Gap(
                status: .partial,
                reason: "The incident needs \(units) units of \(backup.asset.spoken) restored within \(within.spoken); no restore from \(backup.location) was ever timed, so drill cannot tell how long it takes (record restoreTest with units, took and parallel).",
                delay: need.delayIfPartial ?? costs.untestedRestore)]
        }
        var gaps: [Gap] = []
        if let estimate = test.estimate(units: units) {
            let rounds = (units + test.parallel - 1) / test.parallel
            if estimate > within {
                gaps.append(Gap(
                    status: .unmet,
                    reason: "Restoring \(units) units at the tested pace (\(test.parallel) at a time, \(test.took?.spoken ?? "") each round) takes \(rounds) rounds, about \(estimate.spoken); the scenario needs it within \(within.spoken) (\((estimate - within).spoken) late).",
                    delay: estimate - within))
            }
        } else {
            gaps.append(Gap(
                status: .partial,
                reason: "The restore test of \(test.on) does not say how long it took, so drill cannot estimate restoring \(units) units within \(within.spoken) (add took).",
                delay: need.delayIfPartial ?? costs.untestedRestore))
        }
        // A rehearsal far below the incident's scale says little about quotas and parallelism.
        if test.units * 10 < units {
            gaps.append(Gap(
                status: .partial,
                reason: "Restores were rehearsed with \(test.units) unit\(test.units == 1 ? "" : "s"); the incident needs \(units): quotas and parallelism at that scale are untested.",
                delay: need.delayIfPartial ?? costs.partialBackup))
        }
        return gaps
    }

    /// A copy under the keys the attacker holds is part of what was taken.
    fileprivate func keyGaps(_ backup: Backup, _ what: String, _ need: Need, _ requirement: BackupRequirement,
                             in scenario: Scenario) -> [Gap] {
        guard requirement.isolated else { return [] }
        switch backup.keys {
        case .separate:
            return []
        case .production?, Backup.Keys.none?:
            let how = backup.keys == .production ? "under the same keys as production" : "unencrypted"
            if scenario.productionSecretsExposed {
                return [Gap(status: .unmet, reason: "\(what) is \(how), and the attacker holds production secrets in this scenario: the backup is part of the exposed data.")]
            }
            return [Gap(
                status: .partial,
                reason: "\(what) is \(how); the scenario needs a copy that production's keys cannot open.",
                delay: need.delayIfPartial ?? costs.partialBackup)]
        case nil:
            return [Gap(
                status: .partial,
                reason: "The file does not say how \(what) is protected, so drill cannot tell whether it is isolated from production's keys (say keys: separate, production or none).",
                delay: need.delayIfPartial ?? costs.partialBackup)]
        }
    }
}

extension Backup.Kind {
    /// The kind in a sentence.
    public var spoken: String {
        switch self {
        case .versionControl: "version control"
        case .snapshot: "snapshot"
        case .export: "export"
        }
    }

    /// The kind with its article: `a snapshot`, `an export`.
    public var withArticle: String { self == .export ? "an export" : "a \(spoken)" }
}
