import DrillKit
import Testing

@Suite("Assessing logs")
struct LogAssessmentTests {
    @Test("An event class no source records is unmet, with the whole window lost")
    func uncoveredClassIsUnmet() {
        let finding = Fixture.finding(Fixture.profile(logs: [Fixture.log()]), Fixture.scenario([Fixture.logNeed([.dataAccess])]))
        #expect(finding.status == .unmet)
        #expect(finding.reason.contains("No log source records data access"))
        #expect(finding.evidenceLoss == .days(27))
        #expect(finding.fix == "logs: add a source covering data-access")
    }

    @Test("Retention against onset plus investigation", arguments: [
        (29.0, NeedStatus.unmet), (94.0, NeedStatus.partial), (100.0, NeedStatus.partial), (101.0, NeedStatus.met), (400.0, NeedStatus.met),
    ])
    func retentionBoundaries(retentionDays: Double, expected: NeedStatus) {
        let profile = Fixture.profile(logs: [Fixture.log(retention: .days(retentionDays))])
        let scenario = Fixture.scenario([Fixture.logNeed()], onset: .days(94), investigation: .days(7))
        #expect(Fixture.finding(profile, scenario).status == expected)
    }

    @Test("Logs that end before the intrusion began name both numbers and the loss")
    func shortRetentionReason() {
        let profile = Fixture.profile(logs: [Fixture.log("app-audit-log", retention: .days(30))])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.logNeed()], onset: .days(94)))
        #expect(finding.reason.contains("30 days"))
        #expect(finding.reason.contains("94 days"))
        #expect(finding.reason.contains("first 64 days are already gone"))
        #expect(finding.evidenceLoss == .days(71))
        #expect(finding.delay == .hours(24))
    }

    @Test("Timestamps: none is unmet, without a zone is partial", arguments: [
        (LogSource.Timestamps.none, NeedStatus.unmet), (.withoutZone, .partial), (.withZone, .met),
    ])
    func timestamps(timestamps: LogSource.Timestamps, expected: NeedStatus) {
        let finding = Fixture.finding(Fixture.profile(logs: [Fixture.log(timestamps: timestamps)]), Fixture.scenario([Fixture.logNeed()]))
        #expect(finding.status == expected)
    }

    @Test("Unrestricted storage or unrecorded access weakens the evidence", arguments: [
        (false, true), (true, false), (false, false),
    ])
    func integrity(restricted: Bool, accessRecorded: Bool) {
        let profile = Fixture.profile(logs: [Fixture.log(restricted: restricted, accessRecorded: accessRecorded)])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.logNeed()]))
        #expect(finding.status == .partial)
        #expect(finding.delay == .hours(8))
    }

    @Test("Review cadence against the detection window", arguments: [
        (LogSource.Review.automated, NeedStatus.met), (.manual(every: .hours(24)), .met), (.manual(every: .hours(48)), .met),
        (.manual(every: .hours(72)), .partial), (LogSource.Review.none, .unmet),
    ])
    func reviewCadence(review: LogSource.Review, expected: NeedStatus) {
        var log = Fixture.log(review: review)
        if review == .automated { log.alertsOn = [.adminActions] }
        let finding = Fixture.finding(Fixture.profile(logs: [log]), Fixture.scenario([Fixture.logNeed(detectWithin: .hours(48))]))
        #expect(finding.status == expected)
    }

    @Test("Without a detection window, an unreviewed log can still suffice")
    func reviewOnlyWhenAsked() {
        let profile = Fixture.profile(logs: [Fixture.log(review: .none)])
        #expect(Fixture.finding(profile, Fixture.scenario([Fixture.logNeed()])).status == .met)
    }

    @Test("Each event class uses the source that serves it best")
    func bestSourcePerClass() {
        let profile = Fixture.profile(logs: [
            Fixture.log("short", covers: [.adminActions], retention: .days(14)),
            Fixture.log("long", covers: [.adminActions, .configChanges], retention: .days(400)),
        ])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.logNeed([.adminActions, .configChanges])]))
        #expect(finding.status == .met)
        #expect(finding.reason.contains("long"))
    }

    @Test("An explicit reachBack replaces the onset")
    func explicitReachBack() {
        let profile = Fixture.profile(logs: [Fixture.log(retention: .days(30))])
        let scenario = Fixture.scenario([Fixture.logNeed(reachBack: .days(14))], onset: .days(200))
        #expect(Fixture.finding(profile, scenario).status == .met)
    }
}
