import DrillKit
import Testing

/// Restores at the incident's scale, backups that fail silently, copies under production keys.
@Suite("Assessing scale, silent failures and keys")
struct ScaleAssessmentTests {
    static func need(units: Int? = 383, within: TimeSpan? = .hours(48), maxDataLoss: TimeSpan? = nil, isolated: Bool = false,
                     asset: Asset = .customerData) -> Need {
        Need(id: "need", requirement: .backup(BackupRequirement(asset: asset, maxDataLoss: maxDataLoss, units: units,
                                                                restoreWithin: within, isolated: isolated)))
    }

    static func backup(test: RestoreTest? = RestoreTest(on: Fixture.date("2026-06-01"), units: 50, took: .hours(1), parallel: 8),
                       monitored: Bool? = nil, keys: Backup.Keys? = nil, storedIn: RecordPlace? = nil) -> Backup {
        Backup(asset: .customerData, kind: .snapshot, location: "nightly snapshots", every: .hours(24), reachBack: .days(400),
               restoreTested: nil, offPlatform: true, restoreTest: test, monitored: monitored, keys: keys, storedIn: storedIn)
    }

    @Test("Restore estimate: rounds of parallel units, each as long as the test took", arguments: [
        // 383 units, 8 at a time: 48 rounds of 1 h = 48 h.
        (48.0, NeedStatus.met), (47.0, .unmet), (72.0, .met),
    ])
    func estimateAgainstWindow(withinHours: Double, expected: NeedStatus) {
        let finding = Fixture.finding(Fixture.profile(backups: [Self.backup()]), Fixture.scenario([Self.need(within: .hours(withinHours))]))
        #expect(finding.status == expected)
        #expect(finding.basis.estimateHours == 48)
        #expect(finding.basis.units == 383)
        #expect(finding.reason.contains("48 rounds") || expected == .met)
        if expected == .unmet { #expect(finding.delay == .hours(48 - withinHours)) }
    }

    @Test("The estimate equal to the window is met, and says it has nothing to spare")
    func exactEstimate() {
        let finding = Fixture.finding(Fixture.profile(backups: [Self.backup()]), Fixture.scenario([Self.need(within: .hours(48))]))
        #expect(finding.status == .met)
        #expect(finding.basis.marginHours == 0)
    }

    @Test("A restore never timed cannot be estimated, so it is partial")
    func untimed() {
        let finding = Fixture.finding(Fixture.profile(backups: [Self.backup(test: nil)]), Fixture.scenario([Self.need()]))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("drill cannot tell how long it takes"))
    }

    @Test("A restore rehearsed far below the incident's scale is partial")
    func rehearsedSmall() {
        let small = RestoreTest(on: Fixture.date("2026-06-01"), units: 1, took: .hours(10.0 / 60), parallel: 8)
        let finding = Fixture.finding(Fixture.profile(backups: [Self.backup(test: small)]), Fixture.scenario([Self.need()]))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("rehearsed with 1 unit"))
    }

    @Test("Backups failing unnoticed restore only to before the failures", arguments: [
        (Bool?.none, NeedStatus.unmet), (false, .unmet), (true, .met),
    ])
    func silentFailures(monitored: Bool?, expected: NeedStatus) {
        var scenario = Fixture.scenario([Self.need(units: nil, within: nil, maxDataLoss: .hours(24))])
        scenario.backupsFailingFor = .days(21)
        let finding = Fixture.finding(Fixture.profile(backups: [Self.backup(monitored: monitored)]), scenario)
        #expect(finding.status == expected)
    }

    @Test("A copy under production keys is part of the exposure when the attacker holds them", arguments: [
        (Backup.Keys?.none, false, NeedStatus.partial), (.production, false, .partial), (.production, true, .unmet),
        (Backup.Keys.none, true, .unmet), (.separate, true, .met),
    ])
    func keys(keys: Backup.Keys?, exposed: Bool, expected: NeedStatus) {
        var scenario = Fixture.scenario([Self.need(units: nil, within: nil, isolated: true)])
        scenario.productionSecretsExposed = exposed
        #expect(Fixture.finding(Fixture.profile(backups: [Self.backup(keys: keys)]), scenario).status == expected)
    }

    @Test("A backup kept in a destroyed system is unmet, in a compromised one partial")
    func backupPlace() {
        var scenario = Fixture.scenario([Self.need(units: nil, within: nil)])
        scenario.destroyed = [.cloudAccount]
        #expect(Fixture.finding(Fixture.profile(backups: [Self.backup(storedIn: .system(.cloudAccount))]), scenario).status == .unmet)
        #expect(Fixture.finding(Fixture.profile(backups: [Self.backup(storedIn: .separateAccount)]), scenario).status == .met)
        scenario.destroyed = []
        scenario.compromised = [.cloudAccount]
        #expect(Fixture.finding(Fixture.profile(backups: [Self.backup(storedIn: .system(.cloudAccount))]), scenario).status == .partial)
    }

    @Test("A customer contact list kept only on the platform is lost with it")
    func customerContacts() {
        let list = Backup(asset: .customerContacts, kind: .export, location: "marketplace partner portal", every: .days(7),
                          reachBack: .days(30), restoreTested: Fixture.date("2026-06-01"), offPlatform: false)
        let finding = Fixture.finding(Fixture.profile(backups: [list]), Fixture.scenario([Self.need(units: nil, within: nil, asset: .customerContacts)], platformDown: true))
        #expect(finding.status == .unmet)
        #expect(finding.reason.contains("customer contact list"))
    }

    @Test("A backup partial only because it runs too rarely costs the partial delay now, nothing for runs played before")
    func tooRare() {
        let profile = Fixture.profile(backups: [Self.backup()])
        let scenario = Fixture.scenario([Self.need(units: nil, within: nil, maxDataLoss: .hours(1))])
        let now = Assessor(profile: profile, asOf: Fixture.asOf).assess(scenario).findings[0]
        #expect(now.status == .partial)
        #expect(now.delay == .hours(12))
        let before = Assessor(profile: profile, asOf: Fixture.asOf, edition: .first).assess(scenario).findings[0]
        #expect(before.delay == .zero)
    }
}
