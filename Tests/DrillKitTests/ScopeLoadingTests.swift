import DrillKit
import Foundation
import Testing

@Suite("Loading the scope, scale and place keys")
struct ScopeLoadingTests {
    static let team = """
        team: Scoped
        contacts:
          - role: platform-vendor
            name: Mail abuse desk
            for: [email-provider]
            channels: [{ email: abuse@mail.example }]
            escalation: [{ phone: "+1 555 0100" }]
            availability: 24x7
            confirmed: 2026-06-01
            storedOffPlatform: true
            storedIn: [workstations, saas]
          - role: subcontractor
            name: Outsourced support
            channels: [{ email: soc@support.example }]
            availability: 24x7
            confirmed: 2026-06-01
            storedOffPlatform: true
            reportsWithin: 72h
            findingsVisible: false
        logs:
          - source: ci-audit
            covers: [admin-actions, code-changes]
            systems: [ci, source-control]
            storedIn: separate-account
            timestamps: with-zone
            retention: 400d
            storage: log archive account
            restricted: true
            accessRecorded: true
            review: automated
            alertsOn: [admin-actions]
            alertsWithin: 5min
        backups:
          - asset: customer-data
            kind: snapshot
            location: tenant snapshots
            every: 24h
            reachBack: 35d
            restoreTest: { on: 2026-06-01, units: 50, took: 50min, parallel: 8 }
            offPlatform: true
            monitored: true
            keys: separate
            storedIn: cloud-account
        """

    static let scenario = """
        id: scoped
        title: Scoped
        kind: platform-degradation
        summary: A cleanup script deletes tenant sites.
        onset: 0h
        discovered: Tuesday 10:00 UTC
        down: [support-tools]
        destroyed: [app]
        compromised: [workstations]
        backupsFailingFor: 3w
        unresponsive: { email-provider: 5d }
        productionSecretsExposed: true
        needs:
          - { id: mail, pillar: contacts, role: platform-vendor, for: email-provider, fallback: true }
          - { id: contractor, pillar: contacts, role: subcontractor, findingsBy: +48h }
          - { id: ci-logs, pillar: logs, events: [admin-actions], systems: [ci] }
          - { id: restore, pillar: backups, asset: customer-data, units: 383, restoreWithin: 48h, isolated: true }
        injects:
          - { id: start, at: +0h, title: Start, narrative: It begins. }
        """

    @Test("Every new preparedness key loads")
    func preparednessKeys() throws {
        let profile = try PreparednessProfile.load(yaml: Self.team, displayPath: "team.yaml")
        let mail = profile.contacts[0]
        #expect(mail.covers == [.emailProvider])
        #expect(mail.storedIn == [.workstations, .saas])
        #expect(mail.escalation.count == 1)
        #expect(profile.contacts[1].reportsWithin == .hours(72))
        #expect(profile.contacts[1].findingsVisible == false)
        let log = profile.logs[0]
        #expect(log.systems == [.ci, .sourceControl])
        #expect(log.storedIn == .separateAccount)
        #expect(log.alertsOn == [.adminActions])
        #expect(log.alertsWithin == .hours(5.0 / 60))
        let backup = profile.backups[0]
        #expect(backup.restoreTest == RestoreTest(on: CalendarDate(parsing: "2026-06-01")!, units: 50, took: .hours(50.0 / 60), parallel: 8))
        #expect(backup.restoreTested == CalendarDate(parsing: "2026-06-01"))
        #expect(backup.monitored == true)
        #expect(backup.keys == .separate)
        #expect(backup.storedIn == .system(.cloudAccount))
    }

    @Test("Every new scenario key loads; platformDown is the short form of down: [platform-account]")
    func scenarioKeys() throws {
        let scenario = try Scenario.load(yaml: Self.scenario, displayPath: "s.yaml")
        #expect(scenario.down == [.supportTools])
        #expect(scenario.destroyed == [.app])
        #expect(scenario.compromised == [.workstations])
        #expect(scenario.backupsFailingFor == .days(21))
        #expect(scenario.unresponsive == [.emailProvider: .days(5)])
        #expect(scenario.productionSecretsExposed)
        guard case let .contact(mail) = scenario.needs[0].requirement, case let .contact(contractor) = scenario.needs[1].requirement,
              case let .logs(logs) = scenario.needs[2].requirement, case let .backup(backup) = scenario.needs[3].requirement else {
            Issue.record("needs did not load as written")
            return
        }
        #expect(mail.covers == .emailProvider && mail.fallback)
        #expect(contractor.findingsBy == .hours(48))
        #expect(logs.systems == [.ci])
        #expect(backup.units == 383 && backup.restoreWithin == .hours(48) && backup.isolated)
        let short = try Scenario.load(yaml: Self.scenario.replacingOccurrences(of: "down: [support-tools]", with: "platformDown: true"), displayPath: "s.yaml")
        #expect(short.down == [.platformAccount])
        #expect(short.platformDown)
    }

    @Test("Bad values are located errors", arguments: [
        ("for: [email-provider]", "for: [mailbox]", "'mailbox' is not one of"),
        ("storedIn: separate-account", "storedIn: elsewhere", "storedIn 'elsewhere' is not one of"),
        ("keys: separate", "keys: vault", "keys 'vault' is not one of"),
        ("parallel: 8 }", "parallel: 0 }", "restoreTest.parallel must be a whole number"),
        ("reportsWithin: 72h", "reportsWithin: soon", "reportsWithin 'soon' is not a duration"),
    ])
    func badPreparednessValues(old: String, new: String, message: String) {
        do {
            _ = try PreparednessProfile.load(yaml: Self.team.replacingOccurrences(of: old, with: new), displayPath: "team.yaml")
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains(message) && $0.line != nil })
        }
    }

    @Test("alertsOn belongs to automated review, reportsWithin to a subcontractor")
    func misplacedKeys() {
        let manual = Self.team.replacingOccurrences(of: "review: automated", with: "review: every 24h")
        #expect(throws: LoadFailure.self) { try PreparednessProfile.load(yaml: manual, displayPath: "t.yaml") }
        let wrongRole = Self.team.replacingOccurrences(of: "role: subcontractor", with: "role: legal-adviser")
        #expect(throws: LoadFailure.self) { try PreparednessProfile.load(yaml: wrongRole, displayPath: "t.yaml") }
    }

    @Test("A date after the judging day is an error, with its line; without a judging day it loads as before")
    func futureDates() throws {
        let future = Self.team.replacingOccurrences(of: "confirmed: 2026-06-01\n    storedOffPlatform: true\n    storedIn", with: "confirmed: 2027-02-01\n    storedOffPlatform: true\n    storedIn")
        #expect(future != Self.team)
        do {
            _ = try PreparednessProfile.load(yaml: future, displayPath: "team.yaml", datesNotAfter: CalendarDate(parsing: "2026-11-30"))
            Issue.record("a future date loaded")
        } catch {
            let diagnostic = error.diagnostics.first
            #expect(diagnostic?.message.contains("confirmed 2027-02-01 is after 2026-11-30") == true)
            #expect(diagnostic?.line == 9)
        }
        _ = try PreparednessProfile.load(yaml: future, displayPath: "team.yaml")
    }

    @Test("A preparedness file found in a scenario folder is refused by lint as check refuses it")
    func preparednessInScenarioFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scope-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("team.yaml")
        try Self.team.write(to: file, atomically: true, encoding: .utf8)
        let linted = Linter.lint(fileAt: file, displayPath: "scenarios/team.yaml", inScenarioFolder: true)
        #expect(linted.diagnostics.first?.message.contains("this is a preparedness file, not a scenario") == true)
        #expect(Linter.lint(fileAt: file, displayPath: "team.yaml").diagnostics.isEmpty)
        do {
            _ = try ScenarioLibrary.load(folder: folder)
        } catch {
            Issue.record("the folder did not load: \(error)")
        }
        let library = try ScenarioLibrary.load(folder: folder)
        #expect(library.diagnostics.first?.message.contains("this is a preparedness file, not a scenario") == true)
    }
}
