import DrillKit
import Foundation

/// Runs played through the real engine and stored, for the review tests.
enum ReviewFixture {
    static let asOf = CalendarDate(year: 2026, month: 11, day: 26)!
    /// One installation's key for the review tests' databases, so a run exported from one and
    /// imported into another keeps its signature, as between two databases of one installation.
    static let key = InstallationKey.ephemeral()

    /// A short scenario with a need in each pillar and two deadlines.
    static let scenarioYAML = """
        id: review-test
        title: A drill for review tests
        kind: data-exposure
        summary: Odd exports in the audit log, found on a Saturday night.
        objectives:
          - Reach the incident-response partner within the hour.
          - Reconstruct the exports from the logs.
        onset: 40d
        discovered: Saturday 23:40 UTC
        needs:
          - { id: partner, pillar: contacts, role: incident-response-partner, within: 2h, why: Forensics needs help tonight. }
          - { id: trail, pillar: logs, events: [admin-actions] }
          - { id: source, pillar: backups, asset: app-source-code, versionControlled: true }
        deadlines:
          - { id: vendor, title: Vendor told, due: 24h, takes: 2h, needs: [partner] }
          - { id: regulator, title: Regulator told, due: 72h, takes: 30h, needs: [partner, trail] }
        injects:
          - id: one
            at: +0h
            title: First signs
            narrative: Odd exports in the audit log.
            evidence:
              - source: audit log
                excerpt: "2026-11-28T23:12:09Z admin=svc_ci action=export tenant=t-0042"
            prompts:
              - id: first
                kind: single-choice
                question: What now?
                options:
                  - { id: contain, text: Contain and preserve, correct: true }
                  - { id: wipe, text: Wipe the server }
              - { id: call, kind: pick-contact, question: Whom do you call?, expected: incident-response-partner }
          - id: two
            at: +6h
            title: Telling people
            narrative: Time to tell the vendor.
            prompts:
              - { id: notify, kind: yes-no, question: Tell the vendor now?, expected: yes }
        """

    /// A team's preparedness: `gaps` leaves the partner out and keeps logs 30 days; without gaps every need is met.
    static func preparednessYAML(team: String = "Review Team", gaps: Bool) -> String {
        var yaml = "team: '\(team.replacingOccurrences(of: "'", with: "''"))'\ncontacts:\n"
        if !gaps {
            yaml += """
                  - role: incident-response-partner
                    name: Blue Harbor Security
                    channels: [{ phone: "+44 20 7946 0321" }]
                    availability: 24x7
                    confirmed: 2026-10-01
                    storedOffPlatform: true

                """
        }
        yaml += """
              - role: platform-vendor
                name: Vendor desk
                channels: [{ email: sec@vendor.example }]
                availability: 24x7
                confirmed: 2026-10-01
                storedOffPlatform: true
            logs:
              - source: audit
                covers: [admin-actions]
                timestamps: with-zone
                retention: \(gaps ? "30d" : "400d")
                storage: log bucket
                restricted: true
                accessRecorded: true
                review: automated
            backups:
              - asset: app-source-code
                kind: version-control
                location: Git host
                every: continuous
                restoreTested: 2026-10-01
                offPlatform: true

            """
        return yaml
    }

    /// Plays a run through the engine and stores it as drill would: every event, then the score.
    @discardableResult
    static func play(_ database: AppDatabase, id: String, startedAt: Date, team: String = "Review Team", gaps: Bool,
                     answers: [String] = ["1", "1", "yes"], scenarioYAML: String = scenarioYAML, mode: String = "drill",
                     participants: [ParticipantRecord] = [ParticipantRecord(name: "Priya", role: "commander")],
                     notes: [String] = [], preparednessYAML custom: String? = nil) throws -> String {
        let preparedness = custom ?? preparednessYAML(team: team, gaps: gaps)
        let scenario = try Scenario.load(yaml: scenarioYAML, displayPath: "scenario")
        let profile = try PreparednessProfile.load(yaml: preparedness, displayPath: "preparedness")
        var session = DrillSession(scenario: scenario, profile: profile, asOf: asOf, edition: AssessmentEdition(playedAt: startedAt))
        let run = RunRecord(id: id, team: team, scenarioID: scenario.id, scenarioTitle: scenario.title, scenarioKind: scenario.kind.rawValue,
                            mode: mode, facilitator: "Ana", startedAt: startedAt, asOf: asOf, scenarioYAML: scenarioYAML,
                            preparednessYAML: preparedness, preparednessSource: "preparedness.yaml")
        try database.createRun(run, participants: participants, findings: session.assessment.findings)
        var seq = 0
        func store(_ event: DrillEvent) throws {
            seq += 1
            try database.appendEvent(event, runID: id, seq: seq, recordedAt: startedAt.addingTimeInterval(Double(seq) * 7.123))
        }
        for event in session.events { try store(event) }
        for note in notes { try store(DrillEvent(kind: .note, simulated: session.now, actor: "Ana", text: note)) }
        for answer in answers where !session.isFinished {
            let range = try session.answer(answer, by: participants.first?.name)
            for index in range { try store(session.events[index]) }
        }
        if session.isFinished {
            try database.finishRun(runID: id, score: session.score, endedAt: startedAt.addingTimeInterval(3600))
        } else {
            try store(DrillEvent(kind: .paused, simulated: session.now, text: "paused by the facilitator"))
            try database.setStatus(runID: id, .paused, endedAt: nil)
        }
        return id
    }

    /// `2026-11-24 09:00 UTC` plus whole days.
    static func day(_ offset: Int) -> Date {
        Date(timeIntervalSince1970: 1_795_510_800 + Double(offset) * 86_400)
    }

    /// A date at noon UTC.
    static func date(_ text: String) -> Date {
        Date(timeIntervalSince1970: Double(CalendarDate(parsing: text)!.daysSinceEpoch) * 86_400 + 43_200)
    }
}
