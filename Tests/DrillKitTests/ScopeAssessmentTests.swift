import DrillKit
import Testing

/// Which system a record covers, where it is kept, which vendor a contact is for: the facts
/// that decided real incidents (DOMAIN.md), judged at their boundaries.
@Suite("Assessing scope: systems, places and vendors")
struct ScopeAssessmentTests {
    static func logNeed(_ events: [EventClass] = [.adminActions], systems: [TeamSystem], detectWithin: TimeSpan? = nil) -> Need {
        Need(id: "need", requirement: .logs(LogRequirement(events: events, detectWithin: detectWithin, systems: systems)))
    }

    static func scenario(_ needs: [Need], down: Set<TeamSystem> = [], destroyed: Set<TeamSystem> = [], compromised: Set<TeamSystem> = [],
                         unresponsive: [TeamSystem: TimeSpan] = [:], deadlines: [Deadline] = []) -> Scenario {
        var scenario = Fixture.scenario(needs, deadlines: deadlines)
        scenario.down = down
        scenario.destroyed = destroyed
        scenario.compromised = compromised
        scenario.unresponsive = unresponsive
        return scenario
    }

    // MARK: Logs

    @Test("A source for the right class on the wrong system does not count")
    func rightClassWrongSystem() {
        let profile = Fixture.profile(logs: [Fixture.log("app-audit-log")])
        let finding = Fixture.finding(profile, Self.scenario([Self.logNeed(systems: [.workstations])]))
        #expect(finding.status == .unmet)
        #expect(finding.reason.contains("No log source records admin actions on engineers' workstations"))
        #expect(finding.reason.contains("app-audit-log records app"))
        #expect(finding.fix == "logs: add a source covering admin-actions on workstations")
    }

    @Test("A source counts for the systems it records")
    func sourceForTheSystem() {
        var log = Fixture.log("ci-audit")
        log.systems = [.ci, .sourceControl]
        let finding = Fixture.finding(Fixture.profile(logs: [log]), Self.scenario([Self.logNeed(systems: [.ci, .sourceControl])]))
        #expect(finding.status == .met)
        #expect(finding.basis.used == ["ci-audit"])
        #expect(finding.basis.systems == [.ci, .sourceControl])
        #expect(finding.basis.keptIn == ["ci", "source-control"])
    }

    @Test("Logs kept in a destroyed system are gone, in a down one out of reach, in a compromised one open to alteration", arguments: [
        ("destroyed", NeedStatus.unmet), ("down", .partial), ("compromised", .partial), ("none", .met),
    ])
    func logPlace(what: String, expected: NeedStatus) {
        let profile = Fixture.profile(logs: [Fixture.log("app-audit-log")])
        let need = Self.logNeed(systems: [.app])
        let scenario = switch what {
        case "destroyed": Self.scenario([need], destroyed: [.app])
        case "down": Self.scenario([need], down: [.app])
        case "compromised": Self.scenario([need], compromised: [.app])
        default: Self.scenario([need])
        }
        let finding = Fixture.finding(profile, scenario)
        #expect(finding.status == expected)
        if what != "none" { #expect(finding.reason.contains(what == "compromised" ? "attacker controls" : what)) }
    }

    @Test("Logs shipped to a separate account survive the compromise of the system they record")
    func separateAccount() {
        var log = Fixture.log("app-audit-log")
        log.storedIn = .separateAccount
        let finding = Fixture.finding(Fixture.profile(logs: [log]), Self.scenario([Self.logNeed(systems: [.app])], destroyed: [.app], compromised: [.app]))
        #expect(finding.status == .met)
        #expect(finding.basis.keptIn == ["separate-account"])
    }

    @Test("Automated review detects only what it alerts on")
    func alertsOn() {
        var log = Fixture.log("app-audit-log", covers: [.adminActions, .authentication])
        log.alertsOn = [.authentication]
        let need = Self.logNeed([.adminActions], systems: [.app], detectWithin: .hours(24))
        let silent = Fixture.finding(Fixture.profile(logs: [log]), Self.scenario([need]))
        #expect(silent.status == .unmet)
        #expect(silent.reason.contains("alerts on sign-ins, not on admin actions"))
        log.alertsOn = [.authentication, .adminActions]
        #expect(Fixture.finding(Fixture.profile(logs: [log]), Self.scenario([need])).status == .met)
    }

    @Test("Automated review that does not say what it alerts on is partial now, and was met for runs played before")
    func automatedAlone() {
        let profile = Fixture.profile(logs: [Fixture.log("app-audit-log")])
        let scenario = Self.scenario([Self.logNeed(systems: [.app], detectWithin: .hours(24))])
        let now = Assessor(profile: profile, asOf: Fixture.asOf).assess(scenario).findings[0]
        #expect(now.status == .partial)
        #expect(now.reason.contains("does not say what it alerts on"))
        let before = Assessor(profile: profile, asOf: Fixture.asOf, edition: .first).assess(scenario).findings[0]
        #expect(before.status == .met)
    }

    @Test("Alerting has its own speed: five minutes meets a 30-minute window, a daily digest does not", arguments: [
        (5.0 / 60, NeedStatus.met), (0.5, .met), (24.0, .partial),
    ])
    func alertsWithin(hours: Double, expected: NeedStatus) {
        var log = Fixture.log("app-audit-log")
        log.alertsOn = [.adminActions]
        log.alertsWithin = .hours(hours)
        let finding = Fixture.finding(Fixture.profile(logs: [log]), Self.scenario([Self.logNeed(systems: [.app], detectWithin: .hours(0.5))]))
        #expect(finding.status == expected)
    }

    @Test("A met log need says the margin")
    func logMargin() {
        let profile = Fixture.profile(logs: [Fixture.log("app-audit-log", retention: .days(30))])
        let scenario = Fixture.scenario([Fixture.logNeed()], onset: .days(21), investigation: .days(7))
        let finding = Fixture.finding(profile, scenario)
        #expect(finding.status == .met)
        #expect(finding.reason.contains("needs 28 days of history"))
        #expect(finding.reason.contains("2 days to spare"))
        #expect(finding.basis.marginHours == 48)
    }

    @Test("Reasons agree in number: API usage is recorded, admin actions are")
    func grammar() {
        let profile = Fixture.profile(logs: [Fixture.log("gateway", covers: [.apiUsage])])
        let finding = Fixture.finding(profile, Fixture.scenario([Fixture.logNeed([.apiUsage])]))
        #expect(finding.reason.hasPrefix("API usage is recorded by gateway"))
    }

    // MARK: Contacts

    @Test("A need for one vendor is not met by the contact for another")
    func wrongVendor() {
        let vendor = Fixture.contact(.platformVendor, name: "Marketplace security desk")
        let need = Need(id: "need", requirement: .contact(ContactRequirement(role: .platformVendor, covers: .emailProvider)))
        let finding = Fixture.finding(Fixture.profile(contacts: [vendor]), Self.scenario([need]))
        #expect(finding.status == .unmet)
        #expect(finding.reason.contains("No security contact at the vendor of the email provider (email-provider) is on file"))
        #expect(finding.reason.contains("Marketplace security desk is for platform-account"))
        var mail = Fixture.contact(.platformVendor, name: "Mail provider abuse desk")
        mail.covers = [.emailProvider]
        let met = Fixture.finding(Fixture.profile(contacts: [vendor, mail]), Self.scenario([need]))
        #expect(met.status == .met)
        #expect(met.basis.used == ["Mail provider abuse desk"])
    }

    @Test("A platform vendor without `for` answers for the platform account, as before")
    func roleDefault() {
        let vendor = Fixture.contact(.platformVendor)
        #expect(vendor.systems == [.platformAccount])
        let need = Need(id: "need", requirement: .contact(ContactRequirement(role: .platformVendor, covers: .platformAccount)))
        #expect(Fixture.finding(Fixture.profile(contacts: [vendor]), Self.scenario([need])).status == .met)
    }

    @Test("Contact details kept only in a destroyed system are gone; in a down one, dug out at a cost")
    func contactPlace() {
        var contact = Fixture.contact()
        contact.storedIn = [.emailProvider]
        let need = Fixture.contactNeed()
        let gone = Fixture.finding(Fixture.profile(contacts: [contact]), Self.scenario([need], destroyed: [.emailProvider]))
        #expect(gone.status == .unmet)
        let down = Fixture.finding(Fixture.profile(contacts: [contact]), Self.scenario([need], down: [.emailProvider]))
        #expect(down.status == .partial)
        #expect(down.delay == .hours(6))
        contact.storedIn = [.emailProvider, .workstations]
        #expect(Fixture.finding(Fixture.profile(contacts: [contact]), Self.scenario([need], down: [.emailProvider])).status == .met)
    }

    @Test("Off the platform says nothing about the other systems a scenario takes away")
    func offWhichPlatform() {
        let contact = Fixture.contact(offPlatform: true)
        let finding = Fixture.finding(Fixture.profile(contacts: [contact]), Self.scenario([Fixture.contactNeed()], down: [.cloudAccount]))
        #expect(finding.status == .partial)
        #expect(finding.reason.contains("does not say where"))
    }

    @Test("A needed fallback route: one contact is partial, two are met")
    func fallback() {
        let need = Need(id: "need", requirement: .contact(ContactRequirement(role: .platformVendor, fallback: true)))
        let one = Fixture.finding(Fixture.profile(contacts: [Fixture.contact(.platformVendor, name: "Desk")]), Self.scenario([need]))
        #expect(one.status == .partial)
        #expect(one.reason.contains("second, independent route"))
        var withEscalation = Fixture.contact(.platformVendor, name: "Desk")
        withEscalation.escalation = [Channel(kind: .email, address: "escalations@vendor.example")]
        #expect(Fixture.finding(Fixture.profile(contacts: [withEscalation]), Self.scenario([need])).status == .met)
    }

    @Test("A silent vendor costs its silence unless there is a second route")
    func unresponsiveVendor() {
        let need = Need(id: "need", requirement: .contact(ContactRequirement(role: .platformVendor)))
        let one = Fixture.finding(Fixture.profile(contacts: [Fixture.contact(.platformVendor, name: "Desk")]),
                                  Self.scenario([need], unresponsive: [.platformAccount: .days(5)]))
        #expect(one.status == .partial)
        #expect(one.delay == .days(5))
        let two = Fixture.finding(Fixture.profile(contacts: [Fixture.contact(.platformVendor, name: "Desk"), Fixture.contact(.platformVendor, name: "Partner manager")]),
                                  Self.scenario([need], unresponsive: [.platformAccount: .days(5)]))
        #expect(two.status == .met)
    }

    @Test("A subcontractor's findings: a silent contract is unmet, a slow one partial, direct access met")
    func subcontractorFindings() {
        let need = Need(id: "need", requirement: .contact(ContactRequirement(role: .subcontractor, findingsBy: .hours(24))))
        var contractor = Fixture.contact(.subcontractor, name: "Outsourced support")
        let silent = Fixture.finding(Fixture.profile(contacts: [contractor]), Self.scenario([need]))
        #expect(silent.status == .unmet)
        #expect(silent.delay == .days(10))
        contractor.reportsWithin = .hours(48)
        let slow = Fixture.finding(Fixture.profile(contacts: [contractor]), Self.scenario([need]))
        #expect(slow.status == .partial)
        #expect(slow.delay == .hours(24))
        contractor.reportsWithin = .hours(24)
        #expect(Fixture.finding(Fixture.profile(contacts: [contractor]), Self.scenario([need])).status == .met)
        contractor.reportsWithin = nil
        contractor.findingsVisible = true
        #expect(Fixture.finding(Fixture.profile(contacts: [contractor]), Self.scenario([need])).status == .met)
    }

    // MARK: Deadlines and verdicts

    @Test("A deadline cannot be reached before its contacts are called and reached")
    func deadlineWaitsForContact() {
        let contact = Fixture.contact(.legalAdviser, responseTime: .hours(2))
        let need = Fixture.contactNeed(.legalAdviser, at: .hours(20), within: .hours(4))
        let deadline = Deadline(id: "regulator", title: "Tell the regulator", due: .hours(22), takes: .hours(1), needs: ["need"])
        let scenario = Self.scenario([need], deadlines: [deadline])
        let now = Assessor(profile: Fixture.profile(contacts: [contact]), asOf: Fixture.asOf).assess(scenario).deadlines[0]
        #expect(now.reached == .hours(23))
        #expect(!now.met)
        #expect(now.waitsFor?.needID == "need")
        let before = Assessor(profile: Fixture.profile(contacts: [contact]), asOf: Fixture.asOf, edition: .first).assess(scenario).deadlines[0]
        #expect(before.reached == .hours(3))
    }

    @Test("A pillar with no needs is not tested, not sufficient")
    func notTested() {
        let assessment = Assessor(profile: Fixture.profile(logs: [Fixture.log()]), asOf: Fixture.asOf).assess(Fixture.scenario([Fixture.logNeed()]))
        #expect(assessment.verdict(.logs) == .sufficient)
        #expect(assessment.verdict(.contacts) == .notTested)
        #expect(assessment.verdict(.backups) == .notTested)
    }
}
