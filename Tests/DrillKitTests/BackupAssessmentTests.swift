import DrillKit
import Testing

@Suite("Assessing backups")
struct BackupAssessmentTests {
    @Test("An asset with no backup is unmet")
    func missingBackup() {
        let finding = Fixture.finding(Fixture.profile(), Fixture.scenario([Fixture.backupNeed(.secrets)]))
        #expect(finding.status == .unmet)
        #expect(finding.delay == .hours(72))
        #expect(finding.reason.contains("No backup of secrets and keys"))
    }

    @Test("Code in version control, tested recently, is met")
    func versionControlledCode() {
        let finding = Fixture.finding(Fixture.profile(backups: [Fixture.backup()]), Fixture.scenario([Fixture.backupNeed(versionControlled: true)]))
        #expect(finding.status == .met)
        #expect(finding.delay == .zero)
    }

    @Test("A snapshot where version control is required is partial")
    func snapshotIsNotVersionControl() {
        let profile = Fixture.profile(backups: [Fixture.backup(kind: .snapshot, every: .hours(24), reachBack: .days(400))])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.backupNeed(versionControlled: true)]))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("not version control"))
    }

    @Test("A restore must reach before the onset", arguments: [(30.0, NeedStatus.unmet), (94.0, NeedStatus.met), (120.0, NeedStatus.met)])
    func reachBeforeOnset(reachDays: Double, expected: NeedStatus) {
        let profile = Fixture.profile(backups: [Fixture.backup(.customerData, kind: .snapshot, every: .hours(24), reachBack: .days(reachDays))])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.backupNeed(.customerData)], onset: .days(94)))
        #expect(finding.status == expected)
    }

    @Test("Restore tested exactly 12 months ago is met; never tested costs two days", arguments: [
        ("2025-11-26", NeedStatus.met, 0.0), ("2025-11-25", NeedStatus.partial, 24.0), (nil, NeedStatus.partial, 48.0),
    ])
    func restoreTestBoundary(tested: String?, expected: NeedStatus, delay: Double) {
        let profile = Fixture.profile(backups: [Fixture.backup(tested: tested)])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.backupNeed()]))
        #expect(finding.status == expected)
        #expect(finding.delay == .hours(delay))
    }

    @Test("A backup kept on a platform that is down is unmet")
    func onPlatformBackup() {
        let profile = Fixture.profile(backups: [Fixture.backup(offPlatform: false)])
        #expect(Fixture.finding(profile, Fixture.scenario([Fixture.backupNeed()])).status == .met)
        #expect(Fixture.finding(profile, Fixture.scenario([Fixture.backupNeed()], platformDown: true)).status == .unmet)
    }

    @Test("A backup that runs less often than the tolerated data loss is partial")
    func frequency() {
        let profile = Fixture.profile(backups: [Fixture.backup(.customerData, kind: .snapshot, every: .hours(24), reachBack: .days(400))])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.backupNeed(.customerData, maxDataLoss: .hours(1))]))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("every 24 h"))
    }
}

@Suite("Verdicts and deadlines")
struct VerdictTests {
    @Test("A pillar is sufficient only when every need in it is met, and not tested without needs")
    func pillarVerdicts() {
        let profile = Fixture.profile(contacts: [Fixture.contact()], backups: [Fixture.backup(tested: nil)])
        let scenario = Fixture.scenario([Fixture.contactNeed(), Fixture.backupNeed()])
        let assessment = Assessor(profile: profile, asOf: Fixture.asOf).assess(scenario)
        #expect(assessment.verdict(.contacts) == .sufficient)
        #expect(assessment.verdict(.backups) == .insufficient)
        #expect(assessment.verdict(.logs) == .notTested)
    }

    @Test("A deadline is reached at its own time plus the delays of its needs")
    func deadlineReached() {
        let needs = [Fixture.contactNeed(.legalAdviser, id: "legal"), Fixture.contactNeed(.platformVendor, id: "vendor")]
        let deadlines = [
            Deadline(id: "dpa", title: "Regulator told", due: .hours(72), takes: .hours(40), needs: ["legal"]),
            Deadline(id: "vendor", title: "Vendor told", due: .hours(24), takes: .hours(2), needs: ["vendor", "legal"]),
            Deadline(id: "exact", title: "Exactly on time", due: .hours(64), takes: .hours(40), needs: ["legal"]),
        ]
        let profile = Fixture.profile(contacts: [Fixture.contact(.platformVendor)])
        let assessment = Assessor(profile: profile, asOf: Fixture.asOf).assess(Fixture.scenario(needs, deadlines: deadlines))
        #expect(assessment.deadlines.map(\.reached) == [.hours(64), .hours(26), .hours(64)])
        #expect(assessment.deadlines.map(\.met) == [true, false, true])
        #expect(assessment.deadlines[1].causes.map(\.needID) == ["legal"])
    }
}
