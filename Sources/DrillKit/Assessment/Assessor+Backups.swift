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
        if status == .unmet { delay = need.delayIfUnmet ?? costs.unmetBackup }
        var reasons = gaps.reasons
        if status == .met {
            let tested = backup.restoreTested.map { "restore tested \($0)" } ?? ""
            reasons = ["\(asset.spoken.capitalizedFirst) is kept \(backup.kind == .versionControl ? "in version control" : "as " + backup.kind.withArticle) (\(backup.location); reaches back \(backup.reachBack?.spoken ?? "through its whole history"), \(tested)), enough to restore to before the \(restoreLabel(requirement, scenario))."]
        }
        return Finding(
            needID: need.id, pillar: .backups, status: status, reasons: reasons, delay: delay,
            fix: status == .met ? nil : "backups[\(asset.rawValue)]")
    }

    private func restoreLabel(_ requirement: BackupRequirement, _ scenario: Scenario) -> String {
        requirement.restoreBefore.map { "point \($0.spoken) back" } ?? "start of \(scenario.onsetNoun), \(scenario.onset.spoken) before discovery"
    }

    private func backupGaps(_ backup: Backup, _ need: Need, _ requirement: BackupRequirement, in scenario: Scenario) -> [Gap] {
        var gaps: [Gap] = []
        let what = "The \(backup.asset.spoken) \(backup.kind.spoken) (\(backup.location))"
        if scenario.platformDown && !backup.offPlatform {
            gaps.append(Gap(status: .unmet, reason: "\(what) is kept on the platform, which is down in this scenario."))
        }
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
            if let every = backup.every, every > tolerated {
                gaps.append(Gap(
                    status: .partial,
                    reason: "\(what) runs every \(every.spoken); the scenario tolerates losing at most \(tolerated.spoken) of changes.",
                    delay: need.delayIfPartial ?? .zero))
            }
        }
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
