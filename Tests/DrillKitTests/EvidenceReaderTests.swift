import DrillKit
import Foundation
import Testing

/// The readers added for CloudTrail, Google Cloud Logging, PagerDuty and local log folders, each
/// with a typical file, an edge case and a malformed one; large and hostile exports; and the
/// judgement their facts feed.
@Suite("Evidence: CloudTrail, Cloud Logging, PagerDuty, log folders, large and hostile exports")
struct EvidenceReaderTests {
    static func date(_ text: String) -> Date { Timestamp8601.date(text)! }

    // MARK: CloudTrail

    @Test("describe-trails: each trail's regions and log file validation")
    func trails() throws {
        let file = try EvidenceTests.read("trails.json", """
            {"trailList": [{"Name": "org", "IsMultiRegionTrail": true, "LogFileValidationEnabled": true, "HomeRegion": "eu-west-2"},
                           {"Name": "legacy", "IsMultiRegionTrail": false, "LogFileValidationEnabled": false}]}
            """)
        #expect(file.format == "cloudtrail-trails")
        #expect(file.facts == [EvidenceFact(id: "cloudtrail:org", .trailSettings(multiRegion: true, validation: true)),
                               EvidenceFact(id: "cloudtrail:legacy", .trailSettings(multiRegion: false, validation: false))])
        #expect(try EvidenceTests.read("trails.json", #"{"trailList": []}"#).facts.isEmpty)
        let broken = try EvidenceTests.read("trails.json", #"{"trailList": [{"Name": "org", "IsMultiRegionTrail": "yes"}]}"#)
        #expect(broken.problem?.message.contains("trail 'org' has no IsMultiRegionTrail and LogFileValidationEnabled") == true)
    }

    @Test("get-trail-status: the file names the trail; the newest time in it is when it was collected")
    func trailStatus() throws {
        let file = try EvidenceTests.read("org.trail-status.json", """
            {"IsLogging": true, "LatestDeliveryTime": "2026-11-29T07:55:12.402000+00:00", "LatestDeliveryAttemptTime": "2026-11-29T08:00:00Z",
             "StartLoggingTime": "2023-07-21T10:02:44.120000+01:00", "TimeLoggingStopped": ""}
            """)
        #expect(file.format == "cloudtrail-trail-status")
        #expect(file.facts == [EvidenceFact(id: "cloudtrail:org", .trailStatus(logging: true, latestDelivery: Self.date("2026-11-29T07:55:12.402Z")))])
        #expect(file.collected == Self.date("2026-11-29T08:00:00Z"))
        #expect(file.collectedFrom == "content")
        let stopped = try EvidenceTests.read("org.trail-status.json", #"{"IsLogging": false}"#)
        #expect(stopped.facts == [EvidenceFact(id: "cloudtrail:org", .trailStatus(logging: false, latestDelivery: nil))])
        let unnamed = try EvidenceTests.read("status.json", #"{"IsLogging": true}"#)
        #expect(unnamed.problem?.message.contains("does not name its trail: save it as TRAIL.trail-status.json") == true)
    }

    // MARK: Google Cloud Logging

    @Test("gcloud logging buckets: retention in days (absent or 0 means the default 30), and whether it is locked")
    func googleBuckets() throws {
        let file = try EvidenceTests.read("buckets.json", """
            [{"name": "projects/p/locations/global/buckets/audit", "retentionDays": 400, "locked": true},
             {"name": "projects/p/locations/global/buckets/_Default", "lifecycleState": "ACTIVE"}]
            """)
        #expect(file.format == "gcloud-logging-buckets")
        #expect(file.facts == [
            EvidenceFact(id: "gcloud-logging:projects/p/locations/global/buckets/audit", .logBucket(retention: .days(400), locked: true)),
            EvidenceFact(id: "gcloud-logging:projects/p/locations/global/buckets/_Default", .logBucket(retention: .days(30), locked: false)),
        ])
        let broken = try EvidenceTests.read("buckets.json", #"[{"name": "projects/p/locations/global/buckets/a", "retentionDays": "a year"}]"#)
        #expect(broken.problem?.message.contains("retentionDays that is not a number of days") == true)
        #expect(broken.facts.isEmpty)
    }

    // MARK: PagerDuty

    @Test("A PagerDuty schedule: coverage, the longest stretch with nobody on call, and the rota; under its name and id")
    func schedule() throws {
        let full = try EvidenceTests.read("schedule.json", """
            {"schedule": {"id": "PI7DH85", "name": "Security on-call", "final_schedule": {"rendered_coverage_percentage": 100.0,
              "rendered_schedule_entries": [{"start": "2026-11-23T09:00:00+00:00", "end": "2026-11-27T09:00:00+00:00", "user": {"summary": "Priya"}},
                                            {"start": "2026-11-27T09:00:00+00:00", "end": "2026-11-30T09:00:00+00:00", "user": {"summary": "Dan"}}]}}}
            """)
        #expect(full.format == "pagerduty-schedules")
        let claim = EvidenceFact.Claim.onCallSchedule(coverage: 100, longestGap: .zero, onCall: ["Dan", "Priya"])
        #expect(full.facts == [EvidenceFact(id: "pagerduty:Security on-call", claim), EvidenceFact(id: "pagerduty:PI7DH85", claim)])
        // No rendered percentage: computed from the shifts; a weekend night with nobody shows as the gap.
        let gappy = try EvidenceTests.read("schedules.json", """
            {"schedules": [{"id": "P1", "name": "Weekdays", "final_schedule": {"rendered_schedule_entries": [
              {"start": "2026-11-23T00:00:00Z", "end": "2026-11-24T00:00:00Z", "user": {"summary": "A"}},
              {"start": "2026-11-25T00:00:00Z", "end": "2026-11-26T00:00:00Z", "user": {"summary": "B"}}]}}]}
            """)
        guard case let .onCallSchedule(coverage, gap, _) = try #require(gappy.facts.first).claim else { Issue.record("not a schedule"); return }
        #expect(abs(coverage - 200.0 / 3) < 0.01)
        #expect(gap == .hours(24))
        let broken = try EvidenceTests.read("schedules.json", #"{"schedules": [{"id": "P1", "name": "Weekdays"}]}"#)
        #expect(broken.problem?.message.contains("has no final_schedule: export it with since and until") == true)
    }

    @Test("A PagerDuty escalation policy: each level, reached after the previous level's delay")
    func escalationPolicy() throws {
        let file = try EvidenceTests.read("policies.json", """
            {"escalation_policies": [{"id": "PT20YPA", "name": "Security escalation", "num_loops": 2, "escalation_rules": [
              {"escalation_delay_in_minutes": 30, "targets": [{"type": "schedule_reference", "summary": "Security on-call"}]},
              {"escalation_delay_in_minutes": 10, "targets": [{"type": "user_reference", "summary": "Dan"}]}]}], "more": false}
            """)
        #expect(file.format == "pagerduty-escalation-policies")
        #expect(file.facts.first == EvidenceFact(id: "pagerduty:Security escalation", .escalationPolicy(levels: [
            .init(after: .zero, targets: ["Security on-call"]), .init(after: .hours(0.5), targets: ["Dan"]),
        ])))
        #expect(file.facts.first?.sentence.contains("pages Security on-call, then after 30 min Dan") == true)
        let single = try EvidenceTests.read("policy.json", #"{"escalation_policy": {"name": "Solo", "escalation_rules": [{"targets": [{"summary": "Sam"}]}]}}"#)
        #expect(single.facts == [EvidenceFact(id: "pagerduty:Solo", .escalationPolicy(levels: [.init(after: .zero, targets: ["Sam"])]))])
        let broken = try EvidenceTests.read("policy.json", #"{"escalation_policy": {"name": "Empty", "escalation_rules": [{"targets": []}]}}"#)
        #expect(broken.problem?.message.contains("pages nobody") == true)
    }

    // MARK: Local log folders

    static func logFolder(_ files: [String: Data], modified: String = "2026-11-30T12:00:00Z") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, data) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
            try FileManager.default.setAttributes([.modificationDate: date(modified), .posixPermissions: 0o640], ofItemAtPath: url.path)
        }
        return folder
    }

    static func gzip(_ text: String) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = folder.appendingPathComponent("x")
        try text.write(to: plain, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-n", plain.path]
        try process.run()
        process.waitUntilExit()
        return try Data(contentsOf: folder.appendingPathComponent("x.gz"))
    }

    static func readFolder(_ folder: URL) -> EvidenceFile? {
        EvidenceFolder.read(folder: folder.appendingPathComponent("none"), displayPath: "evidence", logFolders: ["path:\(folder.path)"], base: folder).first
    }

    @Test("A log folder: plain and gzip-rotated files, syslog, ISO 8601 and nginx times, zones, the largest gap, who may read")
    func logFolderTypical() throws {
        let folder = try Self.logFolder([
            "app.log": Data("Nov 29 08:00:00 app1 started\nNov 29 09:30:00 app1 GET /\n    at stack frame\n".utf8),
            "app.log.1.gz": try Self.gzip("2026-11-20T08:00:00.000+01:00 admin changed plan\n2026-11-21 10:00:00,5 no zone here\n"),
            "nginx/access.log": Data((#"203.0.113.9 - - [28/Nov/2026:23:59:00 +0000] "GET / HTTP/1.1" 200 17"# + "\n").utf8),
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent("nginx/access.log").path)
        let file = try #require(Self.readFolder(folder))
        #expect(file.problem == nil, "\(file.problem?.description ?? "")")
        #expect(file.format == "log-folder")
        #expect(file.sha256.count == 64)
        #expect(file.collected == Self.date("2026-11-30T12:00:00Z"))
        guard case let .logFolder(summary) = try #require(file.facts.first).claim else { Issue.record("not a log folder"); return }
        #expect(summary.files == 3)
        #expect(summary.entries == 5)
        #expect(summary.undated == 1)
        #expect(summary.withoutZone == 3) // two syslog lines, one ISO time without a zone
        #expect(summary.oldest == Self.date("2026-11-20T07:00:00Z"))
        #expect(summary.newest == Self.date("2026-11-29T09:30:00Z"))
        let widest: Double = 24 * 7 + 13 + 59.0 / 60 // 21st 10:00 to 28th 23:59
        let gap = summary.largestGap?.hours ?? 0
        #expect(abs(gap - widest) < 1e-9)
        #expect(summary.readableByOthers == ["nginx/access.log"])
    }

    @Test("A log folder: a huge line costs no more than its start; a folder with no dated entry says so")
    func logFolderEdges() throws {
        let huge = "2026-11-29T08:00:00Z " + String(repeating: "x", count: 3 << 20) + "\n2026-11-29T09:00:00Z short\n"
        let folder = try Self.logFolder(["big.log": Data(huge.utf8), "notes.txt": Data("no times at all\n".utf8)])
        defer { try? FileManager.default.removeItem(at: folder) }
        guard case let .logFolder(summary) = try #require(Self.readFolder(folder)?.facts.first).claim else { Issue.record("no fact"); return }
        #expect(summary.entries == 2)
        #expect(summary.undated == 1)
        #expect(summary.largestGap == .hours(1))
        let empty = try Self.logFolder(["notes.txt": Data("nothing dated\n".utf8)])
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(Self.readFolder(empty)?.facts.first?.sentence.contains("no entry with a recognised timestamp") == true)
    }

    @Test("A log folder with a symlink loop, a corrupt .gz or binary data is a located problem, and yields nothing")
    func logFolderProblems() throws {
        let loop = try Self.logFolder(["a.log": Data("2026-11-29T08:00:00Z x\n".utf8)])
        defer { try? FileManager.default.removeItem(at: loop) }
        try FileManager.default.createSymbolicLink(atPath: loop.appendingPathComponent("again").path, withDestinationPath: loop.path)
        let looped = try #require(Self.readFolder(loop))
        #expect(looped.facts.isEmpty)
        #expect(looped.problem?.message.contains("symlink loop") == true)
        #expect(looped.problem?.path.hasSuffix("/again") == true)

        var gz = try Self.gzip(String(repeating: "2026-11-29T08:00:00Z entry\n", count: 2000))
        gz = gz.prefix(gz.count / 2)
        let truncated = try Self.logFolder(["app.log.2.gz": gz])
        defer { try? FileManager.default.removeItem(at: truncated) }
        let cut = try #require(Self.readFolder(truncated))
        #expect(cut.facts.isEmpty)
        #expect(cut.problem?.message.contains("truncated .gz") == true, "\(cut.problem?.description ?? "no problem")")

        let binary = try Self.logFolder(["core.log": Data("2026-11-29T08:00:00Z ok\n\u{0}\u{1}\u{2}ELF\n".utf8)])
        defer { try? FileManager.default.removeItem(at: binary) }
        let junk = try #require(Self.readFolder(binary))
        #expect(junk.problem?.message.contains("binary data") == true)
        #expect(junk.problem?.line == 2)
        #expect(junk.problem?.path.hasSuffix("core.log") == true)
    }

    @Test("A log folder that does not exist is evidence not found, not a problem")
    func missingLogFolder() {
        let files = EvidenceFolder.read(folder: URL(fileURLWithPath: "/nonexistent"), displayPath: "evidence", logFolders: ["path:/nonexistent/logs"],
                                        base: URL(fileURLWithPath: "/"))
        #expect(files.isEmpty)
    }

    // MARK: Large and hostile exports

    @Test("A large export is read in parts and its facts add up as if read whole")
    func largeExportInParts() throws {
        var jobs: [String] = []
        for index in 0..<30_000 {
            let status = index == 12_345 ? "COMPLETED" : "FAILED"
            jobs.append(#"{"RestoreJobId": "job-\#(index)-\#(String(repeating: "p", count: 150))", "Status": "\#(status)", "CompletionDate": "2026-11-\#(String(format: "%02d", index % 28 + 1))T10:00:00Z", "ResourceType": "RDS"}"#)
        }
        let text = #"{"RestoreJobs": ["# + jobs.joined(separator: ",\n") + "], \"NextToken\": null}"
        #expect(text.utf8.count > 6 << 20)
        let file = try EvidenceTests.read("restores.json", text)
        #expect(file.problem == nil, "\(file.problem?.description ?? "")")
        let all = try #require(file.facts.first { $0.id == "aws-backup:all" })
        guard case let .restoreJobs(passed, failed, count) = all.claim else { Issue.record("not restore jobs"); return }
        #expect(count == 30_000)
        #expect(passed == Self.date("2026-11-26T10:00:00Z")) // 12,345 % 28 + 1 = 26
        #expect(failed == Self.date("2026-11-28T10:00:00Z"))
        #expect(file.sha256 == sha256(text))
    }

    func sha256(_ text: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        try? text.write(to: folder, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", folder.path]
        process.standardOutput = pipe
        try? process.run()
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    @Test("Hostile exports: a huge text, deep nesting and binary junk are located problems", arguments: [
        (#"{"logGroups": [{"logGroupName": ""# + String(repeating: "a", count: 2 << 20) + #""}]}"#, "has a text longer than 1 MiB", 1),
        ("{\"logGroups\":\n" + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "}", "nested deeper than 64", 2),
        ("{\"logGroups\": [\n  \u{1}\u{2}\u{3}\u{0}]}", "binary data (byte 0x1)", 2),
        ("{\"logGroups\": []}\n{\"logGroups\": []}", "text after the end of the document", 2),
    ])
    func hostile(text: String, message: String, line: Int) throws {
        let file = try EvidenceTests.read("groups.json", text)
        #expect(file.facts.isEmpty)
        #expect(file.problem?.message.contains(message) == true, "\(file.problem?.description ?? "no problem")")
        #expect(file.problem?.line == line)
    }

    // MARK: Judgement

    @Test("A trail that stopped logging records nothing now; a single-region trail does not cover the cloud account")
    func trailJudgement() {
        var source = Fixture.log("cloud-trail", retention: .days(400))
        source.systems = [.app, .cloudAccount]
        source.evidence = ["cloudtrail:org"]
        let stopped = EvidenceTests.file([EvidenceFact(id: "cloudtrail:org", .trailStatus(logging: false, latestDelivery: Self.date("2026-11-01T00:00:00Z"))),
                                          EvidenceFact(id: "cloudtrail:org", .trailSettings(multiRegion: false, validation: true))])
        let judgement = EvidenceJudgement(Fixture.profile(logs: [source]), evidence: [stopped], asOf: EvidenceTests.asOf)
        let states = Dictionary(uniqueKeysWithValues: judgement.provenance.map { ($0.field, $0.state) })
        #expect(states["recording"] == .contradicted)
        #expect(states["systems"] == .contradicted)
        #expect(judgement.profile.logs[0].covers.isEmpty)
        #expect(judgement.profile.logs[0].systems == [.app])
        let healthy = EvidenceTests.file([EvidenceFact(id: "cloudtrail:org", .trailStatus(logging: true, latestDelivery: Self.date("2026-11-29T07:00:00Z")))])
        #expect(EvidenceJudgement(Fixture.profile(logs: [source]), evidence: [healthy], asOf: EvidenceTests.asOf).provenance.map(\.state) == [.verified])
    }

    @Test("A log folder holds retention, zones and file modes to what is on disk")
    func logFolderJudgement() {
        var source = Fixture.log("app-server-logs", retention: .days(90))
        source.evidence = ["path:/var/log/app"]
        let summary = LogFolderSummary(files: 3, entries: 100, withoutZone: 40, undated: 0, oldest: Self.date("2026-10-30T08:00:00Z"),
                                       newest: Self.date("2026-11-29T08:00:00Z"), largestGap: .hours(30), readableByOthers: ["app.log"])
        let judgement = EvidenceJudgement(Fixture.profile(logs: [source]), evidence: [EvidenceTests.file([EvidenceFact(id: "path:/var/log/app", .logFolder(summary: summary))])],
                                          asOf: EvidenceTests.asOf)
        let states = Dictionary(uniqueKeysWithValues: judgement.provenance.map { ($0.field, $0.state) })
        #expect(states["retention"] == .contradicted)
        #expect(judgement.profile.logs[0].retention == .days(30))
        #expect(states["timestamps"] == .contradicted)
        #expect(judgement.profile.logs[0].timestamps == .withoutZone)
        #expect(states["restricted"] == .contradicted)
        #expect(judgement.profile.logs[0].restricted == false)
    }

    @Test("An on-call schedule with a gap contradicts 24x7: the answer waits for the gap to end; a second escalation level verifies a second route")
    func contactJudgement() {
        var contact = Fixture.contact(.internalSecurityLead)
        contact.escalation = [Channel(kind: .phone, address: "+44 7700 900999")]
        contact.evidence = ["pagerduty:Security on-call", "pagerduty:Security escalation"]
        let file = EvidenceTests.file([
            EvidenceFact(id: "pagerduty:Security on-call", .onCallSchedule(coverage: 85.7, longestGap: .hours(24), onCall: ["Priya"])),
            EvidenceFact(id: "pagerduty:Security escalation", .escalationPolicy(levels: [.init(after: .zero, targets: ["Priya"]),
                                                                                        .init(after: .hours(0.5), targets: ["Dan"])])),
        ])
        let judgement = EvidenceJudgement(Fixture.profile(contacts: [contact]), evidence: [file], asOf: EvidenceTests.asOf)
        let states = Dictionary(uniqueKeysWithValues: judgement.provenance.map { ($0.field, $0.state) })
        #expect(states["availability"] == .contradicted)
        #expect(judgement.profile.contacts[0].responseTime == .hours(24))
        #expect(states["escalation"] == .verified)
        // One level only: the declared second route is not there.
        let solo = EvidenceTests.file([EvidenceFact(id: "pagerduty:Security escalation", .escalationPolicy(levels: [.init(after: .zero, targets: ["Priya"])]))])
        let alone = EvidenceJudgement(Fixture.profile(contacts: [contact]), evidence: [solo], asOf: EvidenceTests.asOf)
        #expect(alone.provenance.first { $0.field == "escalation" }?.state == .contradicted)
        #expect(alone.profile.contacts[0].escalation.isEmpty)
    }
}
