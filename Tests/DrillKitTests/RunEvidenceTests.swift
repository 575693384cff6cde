import DrillKit
import Foundation
import GRDB
import Testing

/// A run judged against evidence stores it, its transcript carries it, and both `verify` and
/// `import` hold the run to it: an edited fact is found and refused.
@Suite("Runs store the evidence they were judged against, sealed")
struct RunEvidenceTests {
    static let runID = "20261126-evid"

    /// The review fixture's team with no gaps, its audit log claimed 400 days and pointed at a log group.
    static let preparedness = ReviewFixture.preparednessYAML(gaps: false)
        .replacingOccurrences(of: "    review: automated\n", with: "    review: automated\n    evidence: cloudwatch:/audit\n")

    /// The log group keeps 30 days: the claim is contradicted.
    static let evidence = RunEvidence(folder: "evidence", files: [RunEvidence.File(
        path: "evidence/log-groups.json", format: "cloudwatch-log-groups", collected: ReviewFixture.date("2026-11-25"),
        sha256: String(repeating: "b", count: 64), facts: [EvidenceFact(id: "cloudwatch:/audit", .logRetention(keptFor: .days(30)))])],
        maxAgeHours: 90 * 24)

    /// Plays the fixture's drill against the evidence and stores it as `drill run` does.
    func played(evidence: RunEvidence? = Self.evidence) throws -> AppDatabase {
        let database = try AppDatabase.inMemory(identity: AuditIdentity(user: "ana", host: "laptop"), key: ReviewFixture.key)
        let scenario = try Scenario.load(yaml: ReviewFixture.scenarioYAML, displayPath: "scenario")
        let profile = try PreparednessProfile.load(yaml: Self.preparedness, displayPath: "preparedness")
        let startedAt = ReviewFixture.day(0)
        var session = DrillSession(scenario: scenario, profile: profile, asOf: ReviewFixture.asOf, edition: AssessmentEdition(playedAt: startedAt),
                                   evidence: evidence?.judge(profile, asOf: ReviewFixture.asOf))
        let run = RunRecord(id: Self.runID, team: "Review Team", scenarioID: scenario.id, scenarioTitle: scenario.title,
                            scenarioKind: scenario.kind.rawValue, mode: "drill", facilitator: "Ana", startedAt: startedAt, asOf: ReviewFixture.asOf,
                            scenarioYAML: ReviewFixture.scenarioYAML, preparednessYAML: Self.preparedness, preparednessSource: "preparedness.yaml")
        try database.createRun(run, participants: [], findings: session.assessment.findings, evidence: evidence)
        var seq = 0
        func store(_ event: DrillEvent) throws {
            seq += 1
            try database.appendEvent(event, runID: Self.runID, seq: seq, recordedAt: startedAt.addingTimeInterval(Double(seq) * 7.123))
        }
        for event in session.events { try store(event) }
        for answer in ["1", "1", "yes"] where !session.isFinished {
            for index in try session.answer(answer, by: "Priya") { try store(session.events[index]) }
        }
        try database.finishRun(runID: Self.runID, score: session.score, endedAt: startedAt.addingTimeInterval(3600))
        return database
    }

    func execute(_ database: AppDatabase, _ sql: String) throws {
        let writer = try #require(database.reader as? any DatabaseWriter)
        try writer.write { try $0.execute(sql: sql) }
    }

    @Test("A run judged against evidence stores it; its findings follow from it, carry provenance, and verify")
    func storedAndVerified() throws {
        let database = try played()
        let trail = try #require(try database.findings(runID: Self.runID).first { $0.needID == "trail" })
        #expect(trail.status == .unmet)
        #expect(trail.reason.contains("declared 400 days; log group /audit keeps 30 days (evidence/log-groups.json, collected 2026-11-25)"))
        #expect(try database.runEvidence(runID: Self.runID) == Self.evidence)
        let report = try database.verifyRecords()
        #expect(report.isIntact, "\(report.allProblems)")
        // Replayed as show and resume replay it: against the same evidence.
        let stored = try StoredRun(Self.runID, from: database)
        #expect(stored.session.assessment.finding("trail")?.basis.provenance.first?.state == .contradicted)
        let reviewed = try ReviewedRun.load(Self.runID, from: database)
        let section = try #require(AfterActionReport(reviewed, items: [], history: [], reportDate: ReviewFixture.asOf).evidence)
        #expect(section.pillars.first { $0.pillar == .logs }?.sentence == "0 of 1 record verified (1 contradicted)")
        #expect(AfterActionReport(reviewed, items: [], history: [], reportDate: ReviewFixture.asOf).markdown().contains("| audit | retention | **contradicted** |"))
    }

    @Test("A run without evidence keeps the seal it always had: no evidence field in its manifest")
    func noEvidenceSameSeal() throws {
        let database = try played(evidence: nil)
        let manifest = try database.reader.read { db in try String.fetchOne(db, sql: "SELECT sealFields FROM run") }
        #expect(manifest?.contains("evidence=") == false)
        #expect(try database.runEvidence(runID: Self.runID) == nil)
        #expect(try database.findings(runID: Self.runID).first { $0.needID == "trail" }?.status == .met)
        #expect(try database.verifyRecords().isIntact)
        let transcript = try RunTranscript(runID: Self.runID, from: database)
        #expect(!String(decoding: transcript.jsonData(), as: UTF8.self).contains("\"evidence\""))
    }

    @Test("A stored fact edited with SQL is found by verify and named", arguments: [
        "UPDATE runEvidence SET evidenceJSON = replace(evidenceJSON, '720', '9600')",
        "UPDATE runEvidence SET evidenceJSON = replace(evidenceJSON, 'bbbb', 'cccc')",
        "DELETE FROM runEvidence",
    ])
    func tamperedInStore(sql: String) throws {
        let database = try played()
        try execute(database, sql)
        let problem = try #require(try database.verifyRecords().runs.first?.problem, "\(sql)")
        #expect(problem.field == "evidence", "\(problem)")
    }

    @Test("A transcript carries the evidence, imports as it was exported, and an edited fact is refused")
    func transcriptRoundTripAndTamper() throws {
        let database = try played()
        let exported = try RunTranscript(runID: Self.runID, from: database).jsonData()
        let text = String(decoding: exported, as: UTF8.self)
        #expect(text.contains("\"evidence\""))
        #expect(text.contains("cloudwatch:/audit"))
        let loaded = try RunTranscript.load(json: text, displayPath: "t.json")
        #expect(loaded.evidence == Self.evidence)
        let other = try AppDatabase.inMemory(identity: AuditIdentity(user: "ana", host: "laptop"), key: ReviewFixture.key)
        _ = try other.importTranscript(loaded, source: "t.json")
        #expect(try RunTranscript(runID: Self.runID, from: other).jsonData() == exported)
        #expect(try other.verifyRecords().isIntact)

        // The log group said to keep 400 days: the claim would be verified and the need met.
        let edited = text.replacingOccurrences(of: ": 720", with: ": 9600")
        #expect(edited != text)
        do {
            _ = try RunTranscript.load(json: edited, displayPath: "t.json")
            Issue.record("an edited fact was accepted")
        } catch {
            #expect(error.diagnostics.contains { $0.message.contains("findings") || $0.message.contains("seal") }, "\(error.diagnostics)")
        }
        // Removing the evidence is refused too: the seal covers it.
        var stripped = try RunTranscript.load(json: text, displayPath: "t.json")
        stripped.evidence = nil
        #expect(!stripped.problems().isEmpty)
    }
}
