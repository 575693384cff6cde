import DrillKit
import Testing

@Suite("Assessing contacts")
struct ContactAssessmentTests {
    @Test("A missing role is unmet and costs the role's time to find one")
    func missingRoleIsUnmet() {
        let finding = Fixture.finding(Fixture.profile(), Fixture.scenario([Fixture.contactNeed(.legalAdviser)]))
        #expect(finding.status == .unmet)
        #expect(finding.delay == .hours(24))
        #expect(finding.reason.contains("No legal adviser is on file"))
        #expect(finding.fix == "contacts: add one with role legal-adviser")
    }

    @Test("A scenario's delayIfUnmet overrides the default cost")
    func delayOverride() {
        var need = Fixture.contactNeed(.lawEnforcement)
        need.delayIfUnmet = .hours(3)
        #expect(Fixture.finding(Fixture.profile(), Fixture.scenario([need])).delay == .hours(3))
    }

    @Test("A 24x7 contact confirmed recently is met with no delay")
    func aroundTheClockIsMet() {
        let finding = Fixture.finding(Fixture.profile(contacts: [Fixture.contact()]), Fixture.scenario([Fixture.contactNeed()]))
        #expect(finding.status == .met)
        #expect(finding.delay == .zero)
        #expect(finding.fix == nil)
    }

    @Test("Confirmed exactly 12 months ago is still met; a day more is partial", arguments: [
        ("2025-11-26", NeedStatus.met), ("2025-11-25", NeedStatus.partial), ("2026-11-26", NeedStatus.met),
    ])
    func confirmationBoundary(confirmed: String, expected: NeedStatus) {
        let profile = Fixture.profile(contacts: [Fixture.contact(confirmed: confirmed)])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.contactNeed()]))
        #expect(finding.status == expected)
    }

    @Test("A stale contact's reason names the date, its age and the policy")
    func staleReasonNamesNumbers() {
        let profile = Fixture.profile(contacts: [Fixture.contact(.legalAdviser, name: "Harrow", confirmed: "2025-02-03")])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.contactNeed(.legalAdviser)]))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("2025-02-03"))
        #expect(finding.reason.contains("21 months"))
        #expect(finding.reason.contains("12 months"))
        #expect(finding.delay == .hours(8))
    }

    @Test("Never-confirmed details are partial")
    func neverConfirmed() {
        let finding = Fixture.finding(Fixture.profile(contacts: [Fixture.contact(confirmed: nil)]), Fixture.scenario([Fixture.contactNeed()]))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("never been confirmed"))
    }

    @Test("A business-hours partner called on Saturday night answers on Monday morning")
    func weekendDelaysToMonday() {
        let profile = Fixture.profile(contacts: [Fixture.contact(availability: "Mon-Fri 09:00-17:00 UTC")])
        let scenario = Fixture.scenario([Fixture.contactNeed(within: .hours(4))], discovered: "Saturday 23:00 UTC")
        let finding = Fixture.finding(profile, scenario)
        #expect(finding.status == .partial)
        #expect(finding.delay == .hours(34))
        #expect(finding.reason.contains("Monday 09:00"))
        #expect(finding.reason.contains("within 4 h"))
    }

    @Test("Business hours are judged in the contact's own time zone")
    func timeZonesMatter() {
        // 10:00 in New York is 15:00 in London (winter): the London office is open.
        let profile = Fixture.profile(contacts: [Fixture.contact(availability: "Mon-Fri 09:00-17:30 Europe/London")])
        let open = Fixture.scenario([Fixture.contactNeed()], discovered: "Tuesday 10:00 America/New_York")
        #expect(Fixture.finding(profile, open).delay == .zero)
        // 13:00 in New York is 18:00 in London: closed until 09:00 next morning (15 h).
        let closed = Fixture.scenario([Fixture.contactNeed()], discovered: "Tuesday 13:00 America/New_York")
        #expect(Fixture.finding(profile, closed).delay == .hours(15))
    }

    @Test("A wait within the allowed window is met but still costs its hours")
    func waitWithinWindow() {
        let profile = Fixture.profile(contacts: [Fixture.contact(availability: "Mon-Fri 09:00-17:00 UTC", responseTime: .hours(1))])
        let scenario = Fixture.scenario([Fixture.contactNeed(within: .hours(4))], discovered: "Tuesday 07:00 UTC")
        let finding = Fixture.finding(profile, scenario)
        #expect(finding.status == .met)
        #expect(finding.delay == .hours(3))
    }

    @Test("Details kept only on a platform that is down are partial")
    func platformDownHidesDetails() {
        let profile = Fixture.profile(contacts: [Fixture.contact(offPlatform: false)])
        let up = Fixture.scenario([Fixture.contactNeed()])
        let down = Fixture.scenario([Fixture.contactNeed()], platformDown: true)
        #expect(Fixture.finding(profile, up).status == .met)
        let finding = Fixture.finding(profile, down)
        #expect(finding.status == .partial)
        #expect(finding.delay == .hours(6))
    }

    @Test("With two contacts of a role, the team calls the better one")
    func picksBestCandidate() {
        let profile = Fixture.profile(contacts: [
            Fixture.contact(name: "Stale Co", confirmed: "2020-01-01"),
            Fixture.contact(name: "Fresh Co"),
        ])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.contactNeed()]))
        #expect(finding.status == .met)
        #expect(finding.reason.contains("Fresh Co"))
    }
}
