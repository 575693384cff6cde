import Foundation
import Testing

@Suite("drill check, end to end")
struct CheckCommandTests {
    let scenarios = DrillProcess.packageRoot.appendingPathComponent("scenarios").path

    @Test("Without a team file, check announces the embedded example team and succeeds")
    func embeddedExample() throws {
        let folder = try DrillProcess.temporaryFolder()
        let result = try DrillProcess.run(["check", "--scenarios", scenarios, "--as-of", "2026-11-26"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr.contains("embedded example team"))
        #expect(result.stdout.contains("Lighthouse Apps (example)"))
        #expect(result.stdout.contains("Summary:"))
    }

    @Test("JSON output follows the CLI contract")
    func jsonShape() throws {
        let result = try DrillProcess.run(["check", "--scenarios", scenarios, "--format", "json", "--as-of", "2026-11-26"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["team"] as? String == "Lighthouse Apps (example)")
        let list = try #require(json["scenarios"] as? [[String: Any]])
        #expect(list.count >= 9)
        for scenario in list {
            #expect(scenario["id"] is String)
            #expect(["data-exposure", "app-compromise", "platform-degradation"].contains(scenario["kind"] as? String))
            let verdicts = try #require(scenario["verdicts"] as? [String: String])
            #expect(Set(verdicts.keys) == ["contacts", "logs", "backups"])
            #expect(verdicts.values.allSatisfy { ["sufficient", "insufficient", "not-tested"].contains($0) })
            for need in try #require(scenario["needs"] as? [[String: Any]]) {
                #expect(need["id"] is String && need["reason"] is String)
                #expect(["contacts", "logs", "backups"].contains(need["pillar"] as? String))
                #expect(["met", "partial", "unmet"].contains(need["status"] as? String))
                #expect(need["delayHours"] is NSNumber)
            }
            for deadline in try #require(scenario["deadlines"] as? [[String: Any]]) {
                #expect(deadline["id"] is String && deadline["dueHours"] is NSNumber && deadline["reachedHours"] is NSNumber)
                #expect(deadline["met"] is Bool)
            }
        }
    }

    @Test("--strict exits 1 when a need is unmet, 0 when all are met")
    func strict() throws {
        let failing = try DrillProcess.run(["check", "--scenarios", scenarios, "--strict", "--as-of", "2026-11-26"])
        #expect(failing.status == 1)
        let folder = try DrillWorkspace(scenarios: ["simple": CLIFixtures.simpleScenario], files: ["team.yaml": CLIFixtures.fullyPreparedTeam]).folder
        let passing = try DrillProcess.run(["check", "--team", "team.yaml", "--strict", "--as-of", "2026-11-26"], in: folder)
        #expect(passing.status == 0, "\(passing.stdout)\(passing.stderr)")
        #expect(passing.stdout.contains("contacts ✓ sufficient"))
    }

    @Test("A missing team file exits 66 and names the file")
    func missingTeam() throws {
        let result = try DrillProcess.run(["check", "--scenarios", scenarios, "--team", "/nonexistent/team.yaml"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("/nonexistent/team.yaml: error: no such file"))
    }

    @Test("A missing scenario folder exits 66")
    func missingScenarios() throws {
        let result = try DrillProcess.run(["check", "--scenarios", "/nonexistent/scenarios"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no such folder"))
    }

    @Test("An invalid team file exits 65 with path:line:column, and no crash trace")
    func invalidTeam() throws {
        let folder = try DrillProcess.temporaryFolder()
        try "team: T\ncontacts:\n  - role: plumber\n".write(to: folder.appendingPathComponent("preparedness.yaml"), atomically: true, encoding: .utf8)
        let result = try DrillProcess.run(["check", "--scenarios", scenarios], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr.contains("preparedness.yaml:3:11: error: role 'plumber' is not one of"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test("An unknown scenario id exits 66")
    func unknownScenario() throws {
        let result = try DrillProcess.run(["check", "--scenarios", scenarios, "no-such-scenario"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no scenario with id 'no-such-scenario'"))
    }

    @Test("A bad option is a usage error, exit 64")
    func usage() throws {
        #expect(try DrillProcess.run(["check", "--format", "xml"]).status == 64)
        #expect(try DrillProcess.run(["check", "--as-of", "yesterday"]).status == 64)
    }

    @Test("Hostile text in a team file reaches the terminal neutralised")
    func neutralisesHostileText() throws {
        let hostile = CLIFixtures.fullyPreparedTeam.replacingOccurrences(of: "team: Prepared", with: "team: \"Evil\\e]0;owned\\a\\e[2J\\u202E\"")
        let folder = try DrillWorkspace(scenarios: ["simple": CLIFixtures.simpleScenario], files: ["preparedness.yaml": hostile]).folder
        let result = try DrillProcess.run(["check"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(result.stdout.contains("Evil\\u{1B}]0;owned"))
    }
}

@Suite("drill check, judging scope, scale and place")
struct CheckScopeCommandTests {
    static let team = """
        team: Scoped
        contacts:
          - role: platform-vendor
            name: Marketplace desk
            channels: [{ portal: https://partners.example/security }]
            availability: 24x7
            confirmed: 2026-10-01
            storedOffPlatform: true
          - role: subcontractor
            name: Outsourced support
            channels: [{ email: soc@support.example }]
            availability: 24x7
            confirmed: 2026-10-01
            storedOffPlatform: true
            reportsWithin: 72h
        logs:
          - source: app-audit
            covers: [admin-actions]
            timestamps: with-zone
            retention: 13mo
            storage: Locked bucket
            storedIn: separate-account
            restricted: true
            accessRecorded: true
            review: automated
            alertsOn: [admin-actions]
            alertsWithin: 5min
        backups:
          - asset: customer-data
            kind: snapshot
            location: tenant snapshots
            every: 1h
            reachBack: 35d
            restoreTest: { on: 2026-06-01, units: 50, took: 1h, parallel: 8 }
            offPlatform: true
            storedIn: separate-account
        """

    static let scenario = """
        id: scoped
        title: Scoped
        kind: data-exposure
        summary: Mail and support tools.
        onset: 10d
        discovered: Wednesday 11:00 UTC
        compromised: [workstations]
        needs:
          - { id: mail-vendor, pillar: contacts, role: platform-vendor, for: email-provider }
          - { id: marketplace, pillar: contacts, role: platform-vendor, for: platform-account }
          - { id: contractor, pillar: contacts, role: subcontractor, findingsBy: +48h }
          - { id: app-trail, pillar: logs, events: [admin-actions], detectWithin: 30min }
          - { id: laptop-trail, pillar: logs, events: [admin-actions], systems: [workstations] }
          - { id: restore, pillar: backups, asset: customer-data, units: 383, restoreWithin: 48h, restoreBefore: 1d }
        deadlines:
          - { id: told, title: Vendor told, due: 4h, takes: 1h, needs: [marketplace] }
        injects:
          - { id: start, at: +0h, title: Start, narrative: It begins. }
        """

    @Test("check --format json judges each new key and shows what it judged")
    func scopeKeys() throws {
        let folder = try DrillWorkspace(scenarios: ["scoped": Self.scenario], files: ["team.yaml": Self.team]).folder
        let result = try DrillProcess.run(["check", "--team", "team.yaml", "--format", "json", "--as-of", "2026-11-26"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let scenario = try #require((json["scenarios"] as? [[String: Any]])?.first)
        let needs = try #require(scenario["needs"] as? [[String: Any]])
        func need(_ id: String) -> [String: Any] { needs.first { $0["id"] as? String == id } ?? [:] }
        #expect(need("mail-vendor")["status"] as? String == "unmet")
        #expect((need("mail-vendor")["reason"] as? String)?.contains("at the vendor of the email provider") == true)
        #expect(need("marketplace")["status"] as? String == "met")
        let marketplace = try #require(need("marketplace")["basis"] as? [String: Any])
        #expect(marketplace["used"] as? [String] == ["Marketplace desk"])
        #expect(marketplace["systems"] as? [String] == ["platform-account"])
        #expect(need("contractor")["status"] as? String == "partial")
        #expect(need("app-trail")["status"] as? String == "met")
        let trail = try #require(need("app-trail")["basis"] as? [String: Any])
        #expect(trail["keptIn"] as? [String] == ["separate-account"])
        #expect(need("laptop-trail")["status"] as? String == "unmet")
        #expect((need("laptop-trail")["reason"] as? String)?.contains("on engineers' workstations") == true)
        let restore = try #require(need("restore")["basis"] as? [String: Any])
        #expect(need("restore")["status"] as? String == "met")
        #expect(restore["units"] as? Int == 383)
        #expect(restore["estimateHours"] as? Double == 48)
        #expect(restore["marginHours"] as? Double == 0)
        let verdicts = try #require(scenario["verdicts"] as? [String: String])
        #expect(verdicts == ["contacts": "insufficient", "logs": "insufficient", "backups": "sufficient"])
        let deadline = try #require((scenario["deadlines"] as? [[String: Any]])?.first)
        #expect(deadline["marginHours"] as? Double == 3)

        let text = try DrillProcess.run(["check", "--team", "team.yaml", "--as-of", "2026-11-26"], in: folder)
        #expect(text.stdout.contains("3 h to spare"))
    }

    @Test("A scenario with no need in a pillar says the pillar is not tested, in text and JSON")
    func notTested() throws {
        let onlyContacts = CLIFixtures.simpleScenario
            .replacingOccurrences(of: "  - { id: trail, pillar: logs, events: [admin-actions], detectWithin: 24h }\n", with: "")
            .replacingOccurrences(of: "  - { id: code, pillar: backups, asset: app-source-code, versionControlled: true }\n", with: "")
        let folder = try DrillWorkspace(scenarios: ["simple": onlyContacts], files: ["team.yaml": CLIFixtures.fullyPreparedTeam]).folder
        let text = try DrillProcess.run(["check", "--team", "team.yaml", "--as-of", "2026-11-26"], in: folder)
        #expect(text.stdout.contains("logs – not tested"))
        #expect(text.stdout.contains("logs in 0 (no scenario tests them)"))
        let json = try DrillProcess.run(["check", "--team", "team.yaml", "--format", "json", "--as-of", "2026-11-26"], in: folder)
        #expect(json.stdout.contains("\"logs\" : \"not-tested\""))
    }

    @Test("A confirmation dated after the judging day is an error with its line, exit 65")
    func futureDate() throws {
        let folder = try DrillWorkspace(scenarios: ["simple": CLIFixtures.simpleScenario],
                                        files: ["team.yaml": CLIFixtures.fullyPreparedTeam.replacingOccurrences(of: "confirmed: 2026-10-01", with: "confirmed: 2027-01-05")]).folder
        let result = try DrillProcess.run(["check", "--team", "team.yaml", "--as-of", "2026-11-26"], in: folder)
        #expect(result.status == 65)
        #expect(result.stderr.contains("team.yaml:7:"))
        #expect(result.stderr.contains("confirmed 2027-01-05 is after 2026-11-26"))
        let lint = try DrillProcess.run(["lint", "team.yaml"], in: folder)
        #expect(lint.status == 65)
        #expect(lint.stderr.contains("confirmed 2027-01-05 is after"))
    }
}

enum CLIFixtures {
    static let fullyPreparedTeam = """
        team: Prepared
        contacts:
          - role: platform-vendor
            name: Vendor security
            channels: [{ portal: https://support.example/security }]
            availability: 24x7
            confirmed: 2026-10-01
            storedOffPlatform: true
        logs:
          - source: audit
            covers: [admin-actions]
            timestamps: with-zone
            retention: 13mo
            storage: Locked bucket
            restricted: true
            accessRecorded: true
            review: automated
            alertsOn: [admin-actions]
        backups:
          - asset: app-source-code
            kind: version-control
            location: GitHub
            every: continuous
            restoreTested: 2026-10-01
            offPlatform: true
        """

    static let simpleScenario = """
        id: simple
        title: Simple
        kind: app-compromise
        summary: A simple scenario.
        onset: 30d
        discovered: Wednesday 11:00 UTC
        needs:
          - { id: vendor, pillar: contacts, role: platform-vendor }
          - { id: trail, pillar: logs, events: [admin-actions], detectWithin: 24h }
          - { id: code, pillar: backups, asset: app-source-code, versionControlled: true }
        deadlines:
          - { id: told, title: Vendor told, due: 24h, takes: 2h, needs: [vendor] }
        injects:
          - id: start
            at: +0h
            title: Start
            narrative: It begins.
        """
}
