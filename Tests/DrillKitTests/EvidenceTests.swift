import DrillKit
import Foundation
import Testing

/// The readers of the team's own exports, each with a typical file, an edge case and a
/// malformed one, and the judgement that holds the preparedness file to them.
@Suite("Evidence: reading exports and holding claims to them")
struct EvidenceTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    static func read(_ name: String, _ text: String) throws -> EvidenceFile {
        let folder = try folder([name: text])
        defer { try? FileManager.default.removeItem(at: folder) }
        return EvidenceFolder.read(file: folder.appendingPathComponent(name), displayPath: "evidence/\(name)")
    }

    @Test("CloudWatch log groups: retention in days, and no retention means entries never expire")
    func cloudWatch() throws {
        let file = try Self.read("groups.json", #"{"logGroups": [{"logGroupName": "/app/audit", "retentionInDays": 30}, {"logGroupName": "/app/forever"}]}"#)
        #expect(file.problem == nil)
        #expect(file.format == "cloudwatch-log-groups")
        #expect(file.facts == [EvidenceFact(id: "cloudwatch:/app/audit", .logRetention(keptFor: .days(30))), EvidenceFact(id: "cloudwatch:/app/forever", .logRetention(keptFor: nil))])
        #expect(file.sha256.count == 64)
        #expect(file.collectedFrom == "modification time")
    }

    @Test("A large export keeps the facts the preparedness file names and the first thousand others, and counts the rest")
    func largeExportBounded() throws {
        var groups = (0..<2_500).map { #"{"logGroupName": "/service-\#($0)/audit", "retentionInDays": 400}"# }
        groups[2_400] = #"{"logGroupName": "/app/audit", "retentionInDays": 30}"#
        let folder = try Self.folder(["groups.json": #"{"logGroups": ["# + groups.joined(separator: ",") + "]}"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let profile = Self.profile()
        let files = EvidenceFolder.read(for: profile, folder: folder, displayPath: "evidence", base: folder)
        let file = try #require(files.first)
        #expect(file.problem == nil)
        #expect(file.facts.count == EvidenceFolder.listedFacts + 1)
        #expect(file.facts.first?.id == "cloudwatch:/service-0/audit")
        #expect(file.facts.last == EvidenceFact(id: "cloudwatch:/app/audit", .logRetention(keptFor: .days(30))))
        #expect(file.unlistedFacts == 2_500 - EvidenceFolder.listedFacts - 1)

        // The named group, read past the listing, is judged as if every group were kept.
        let judgement = EvidenceJudgement(profile, evidence: files, asOf: Self.asOf)
        #expect(judgement.provenance.map(\.state) == [.contradicted])
        #expect(judgement.profile.logs[0].retention == .days(30))
        #expect(judgement.unresolved.isEmpty)

        // Without naming it, it is counted among the unlisted, and the claim is not held to it.
        let unnamed = EvidenceFolder.read(file: folder.appendingPathComponent("groups.json"), displayPath: "evidence/groups.json")
        #expect(unnamed.facts.count == EvidenceFolder.listedFacts && unnamed.unlistedFacts == 2_500 - EvidenceFolder.listedFacts)
        #expect(!unnamed.facts.contains { $0.id == "cloudwatch:/app/audit" })

        // A run stores the count and judges the same from its stored form; a small export stores no count.
        let stored = RunEvidence(folder: "evidence", read: files, maxAge: .days(90)).roundTripped
        #expect(stored.files.first?.unlistedFacts == 2_500 - EvidenceFolder.listedFacts - 1)
        #expect(stored.judge(profile, asOf: Self.asOf).provenance == judgement.provenance)
        let small = RunEvidence(folder: "evidence", read: [try Self.read("groups.json", #"{"logGroups": [{"logGroupName": "/app/audit"}]}"#)], maxAge: .days(90))
        #expect(!small.canonicalJSON.contains("unlistedFacts"))
        let report = EvidenceReport(folder: "evidence", files: files, judgement: judgement)
        #expect(report.files.first?.unlistedFacts == 2_500 - EvidenceFolder.listedFacts - 1)
    }

    @Test("Malformed, truncated, unknown and hostile exports are problems naming the file, and yield nothing", arguments: [
        ("groups.json", #"{"logGroups": [{"logGroupName": "/app/audit", "retentionInDays": "thirty"}]}"#, "retentionInDays that is not a number"),
        ("groups.json", #"{"logGroups": [{"logGroupName": "/app/audit", "retentionIn"#, "is not valid JSON"),
        ("other.json", #"{"Buckets": []}"#, "is JSON of no format drill reads"),
        ("deep.json", String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), "is not valid JSON"),
        ("junk.json", "\u{0}\u{1}\u{2}binary", "is not valid JSON"),
        ("notes.txt", "retention is 12 months", "is not an evidence format drill reads"),
        ("review.yaml", "reviews:\n  - contact: Blue Harbor\n    on: 2026-13-45\n    by: Priya\n", "is not a date"),
    ])
    func badExports(name: String, text: String, message: String) throws {
        let file = try Self.read(name, text)
        #expect(file.facts.isEmpty)
        #expect(file.problem?.message.contains(message) == true, "\(file.problem?.description ?? "no problem")")
        #expect(file.problem?.path == "evidence/\(name)")
    }

    @Test("AWS Backup restore jobs: the last that completed and passed validation is the last real test")
    func awsBackup() throws {
        let file = try Self.read("restores.json", """
            {"RestoreJobs": [
              {"RestoreJobId": "a", "Status": "COMPLETED", "CompletionDate": "2026-10-01T10:00:00.123456+00:00", "ResourceType": "RDS", "ValidationStatus": "SUCCESSFUL"},
              {"RestoreJobId": "b", "Status": "COMPLETED", "CompletionDate": "2026-11-01T10:00:00+00:00", "ResourceType": "RDS", "ValidationStatus": "FAILED"},
              {"RestoreJobId": "c", "Status": "FAILED", "CompletionDate": "2026-11-10T10:00:00Z", "ResourceType": "EFS"}
            ]}
            """)
        let rds = try #require(file.facts.first { $0.id == "aws-backup:RDS" })
        guard case let .restoreJobs(passed, failed, count) = rds.claim else { Issue.record("not restore jobs"); return }
        #expect(count == 2)
        #expect(passed.map { Int($0.timeIntervalSince1970) } == 1_790_848_800)
        #expect(failed != nil)
        #expect(file.facts.contains { $0.id == "aws-backup:all" })
    }

    @Test("restic, pgBackRest and WAL-G: the span of backups, oldest to newest")
    func backupHistories() throws {
        let restic = try Self.read("restic.json", """
            [{"time": "2026-11-28T02:00:01.123456789+01:00", "tree": "t1", "paths": ["/var/lib/db"], "hostname": "db1", "id": "x", "short_id": "x"},
             {"time": "2026-11-29T02:00:01+01:00", "tree": "t2", "paths": ["/var/lib/db"], "hostname": "db1", "id": "y", "short_id": "y"}]
            """)
        #expect(restic.format == "restic-snapshots")
        #expect(restic.facts.map(\.id) == ["restic:db1", "restic:db1:/var/lib/db"])
        let pg = try Self.read("pg.json", #"[{"name": "main", "status": {"code": 0}, "backup": [{"label": "a", "timestamp": {"start": 1795000000, "stop": 1795000600}}, {"label": "b", "timestamp": {"start": 1795086000, "stop": 1795086600}}]}]"#)
        #expect(pg.facts == [EvidenceFact(id: "pgbackrest:main", .backupHistory(newest: Date(timeIntervalSince1970: 1_795_086_600), oldest: Date(timeIntervalSince1970: 1_795_000_600), count: 2))])
        let broken = try Self.read("pg.json", #"[{"name": "main", "backup": [{"label": "a"}]}]"#)
        #expect(broken.problem?.message.contains("has no timestamp.stop") == true)
        let walg = try Self.read("walg.json", #"[{"backup_name": "base_1", "time": "2026-11-20T01:00:00Z", "finish_time": "2026-11-20T01:20:00Z"}]"#)
        #expect(walg.facts.first?.id == "wal-g:backups")
    }

    @Test("A contacts review yields each contact's latest review")
    func contactsReview() throws {
        let file = try Self.read("review.yaml", "reviews:\n  - {contact: Blue Harbor, on: 2026-05-12, by: Priya}\n  - {contact: Blue Harbor, on: 2026-09-01, by: Ana}\n")
        #expect(file.facts == [EvidenceFact(id: "review:Blue Harbor", .contactReviewed(on: CalendarDate(parsing: "2026-09-01")!, by: "Ana"))])
    }

    @Test("A git repository: its code is off the machine only when a remote holds the newest commit of its branch", arguments: [
        ("abc123", true), ("def456", false),
    ])
    func gitRepository(remoteCommit: String, onRemote: Bool) throws {
        let repo = try Self.folder([:])
        defer { try? FileManager.default.removeItem(at: repo) }
        let git = repo.appendingPathComponent(".git")
        try FileManager.default.createDirectory(at: git.appendingPathComponent("refs/heads"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: git.appendingPathComponent("refs/remotes/origin"), withIntermediateDirectories: true)
        try "ref: refs/heads/main\n".write(to: git.appendingPathComponent("HEAD"), atomically: true, encoding: .utf8)
        try "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@example.com:team/app.git\n".write(to: git.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        try "abc123\n".write(to: git.appendingPathComponent("refs/heads/main"), atomically: true, encoding: .utf8)
        try "\(remoteCommit)\n".write(to: git.appendingPathComponent("refs/remotes/origin/main"), atomically: true, encoding: .utf8)
        let files = EvidenceFolder.read(folder: repo.appendingPathComponent("none"), displayPath: "evidence", repositories: ["git:\(repo.path)"], base: repo)
        #expect(files.first?.facts == [EvidenceFact(id: "git:\(repo.path)", .codeOffMachine(remotes: ["origin"], headOnRemote: onRemote))])
        let missing = EvidenceFolder.read(folder: repo, displayPath: "evidence", repositories: ["git:nowhere"], base: repo)
        #expect(missing.last?.problem?.message.contains("expected a git repository") == true)
    }

    // MARK: Judgement

    static let asOf = CalendarDate(parsing: "2026-11-30")!

    static func file(_ facts: [EvidenceFact], collected: String = "2026-11-29T08:00:00Z") -> EvidenceFile {
        EvidenceFile(path: "evidence/x.json", format: "test", collected: ISO8601DateFormatter().date(from: collected), collectedFrom: "content",
                     sha256: String(repeating: "a", count: 64), facts: facts)
    }

    static func profile(retention: TimeSpan = .months(12)) -> PreparednessProfile {
        var log = Fixture.log("app-audit-log", retention: retention)
        log.evidence = ["cloudwatch:/app/audit"]
        return Fixture.profile(logs: [log])
    }

    @Test("A contradiction is judged on the evidence and flips a need from met to unmet, naming the file")
    func contradictionFlips() throws {
        let scenario = Fixture.scenario([Fixture.logNeed()], onset: .days(94))
        let declared = Assessor(profile: Self.profile(), asOf: Self.asOf).assess(scenario).findings[0]
        #expect(declared.status == .met)
        let judgement = EvidenceJudgement(Self.profile(), evidence: [Self.file([EvidenceFact(id: "cloudwatch:/app/audit", .logRetention(keptFor: .days(30)))])], asOf: Self.asOf)
        #expect(judgement.provenance.map(\.state) == [.contradicted])
        let finding = Assessor(evidence: judgement, asOf: Self.asOf).assess(scenario).findings[0]
        #expect(finding.status == .unmet)
        #expect(finding.reason.contains("declared 12 months; log group /app/audit keeps 30 days (evidence/x.json, collected 2026-11-29)"))
        #expect(finding.basis.provenance.first?.state == .contradicted)
    }

    @Test("Evidence that agrees verifies the claim; evidence older than the policy is not used")
    func verifiedAndTooOld() {
        let fact = EvidenceFact(id: "cloudwatch:/app/audit", .logRetention(keptFor: .days(365)))
        #expect(EvidenceJudgement(Self.profile(), evidence: [Self.file([fact])], asOf: Self.asOf).provenance.map(\.state) == [.verified])
        let short = EvidenceFact(id: "cloudwatch:/app/audit", .logRetention(keptFor: .days(30)))
        let old = EvidenceJudgement(Self.profile(), evidence: [Self.file([short], collected: "2026-08-01T08:00:00Z")], asOf: Self.asOf)
        #expect(old.provenance.map(\.state) == [.tooOld])
        #expect(old.profile.logs[0].retention == .months(12))
        let missing = EvidenceJudgement(Self.profile(), evidence: [], asOf: Self.asOf)
        #expect(missing.provenance.map(\.state) == [.declared])
        #expect(missing.unresolved == ["cloudwatch:/app/audit"])
    }

    @Test("--require-evidence: a need met only by declared records is partial; a verified one stays met")
    func requireEvidence() {
        let scenario = Fixture.scenario([Fixture.logNeed()], onset: .days(20))
        let declared = EvidenceJudgement(Self.profile(), evidence: [], asOf: Self.asOf)
        let partial = Assessor(evidence: declared, asOf: Self.asOf, requireEvidence: true).assess(scenario).findings[0]
        #expect(partial.status == .partial)
        #expect(partial.reason.contains("only declared"))
        #expect(Assessor(evidence: declared, asOf: Self.asOf).assess(scenario).findings[0].status == .met)
        let verified = EvidenceJudgement(Self.profile(), evidence: [Self.file([EvidenceFact(id: "cloudwatch:/app/audit", .logRetention(keptFor: .months(12)))])], asOf: Self.asOf)
        #expect(Assessor(evidence: verified, asOf: Self.asOf, requireEvidence: true).assess(scenario).findings[0].status == .met)
    }

    @Test("Restore jobs with none passed contradict a claimed test; stopped backups contradict the claimed frequency")
    func backupClaims() {
        var backup = Fixture.backup(.customerData, kind: .snapshot, every: .hours(24), reachBack: .days(35), tested: "2026-10-01")
        backup.evidence = ["aws-backup:RDS", "restic:db1"]
        let newest = ISO8601DateFormatter().date(from: "2026-11-06T02:00:00Z")!
        let oldest = ISO8601DateFormatter().date(from: "2026-10-01T02:00:00Z")!
        let judgement = EvidenceJudgement(Fixture.profile(backups: [backup]), evidence: [Self.file([
            EvidenceFact(id: "aws-backup:RDS", .restoreJobs(lastPassed: nil, lastFailed: oldest, count: 1)),
            EvidenceFact(id: "restic:db1", .backupHistory(newest: newest, oldest: oldest, count: 36)),
        ])], asOf: Self.asOf)
        let states = Dictionary(uniqueKeysWithValues: judgement.provenance.map { ($0.field, $0.state) })
        #expect(states["restoreTested"] == .contradicted)
        #expect(states["every"] == .contradicted)
        #expect(states["reachBack"] == .verified)
        #expect(judgement.profile.backups[0].restoreTested == nil)
        // The newest copy was 23 days old when the export was made: backups had stopped.
        #expect(judgement.profile.backups[0].every == .hours(23 * 24 + 6))
    }

    @Test("A preparedness entry names evidence as KIND:ID; anything else is a located error")
    func evidenceKeys() {
        let yaml = """
            team: T
            logs:
              - source: a
                covers: [admin-actions]
                timestamps: with-zone
                retention: 30d
                storage: s
                restricted: true
                accessRecorded: true
                review: none
                evidence: [cloudwatch:/a, splunk:index]
            """
        do {
            _ = try PreparednessProfile.load(yaml: yaml, displayPath: "t.yaml")
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.first?.message.contains("evidence 'splunk:index' is not KIND:ID") == true)
            #expect(error.diagnostics.first?.line == 11)
        }
    }
}
