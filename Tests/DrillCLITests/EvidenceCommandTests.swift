import Foundation
import Testing

@Suite("drill evidence and check with evidence, end to end")
struct EvidenceCommandTests {
    let scenarios = DrillProcess.packageRoot.appendingPathComponent("scenarios").path
    let examples = DrillProcess.packageRoot.appendingPathComponent("examples/evidence").path

    @Test("A contradiction in the shipped example evidence flips a need from met to unmet, with the evidence named")
    func contradictionFlipsNeed() throws {
        let args = ["check", "hijacked-support-contractor", "--scenarios", scenarios, "--format", "json", "--as-of", "2026-11-30"]
        let without = try DrillProcess.run(args)
        let with = try DrillProcess.run(args + ["--evidence", examples])
        #expect(with.status == 0, "\(with.stderr)")
        func need(_ output: String, _ id: String) throws -> [String: Any] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let needs = try #require((json["scenarios"] as? [[String: Any]])?.first?["needs"] as? [[String: Any]])
            return try #require(needs.first { $0["id"] as? String == id })
        }
        // The sign-in history must reach back 90 days: the cloud trail is said to keep 400, its log group keeps 60.
        #expect(try need(without.stdout, "auth-log")["status"] as? String == "met")
        let flipped = try need(with.stdout, "auth-log")
        #expect(flipped["status"] as? String == "unmet")
        let reason = try #require(flipped["reason"] as? String)
        #expect(reason.contains("cloud-audit-trail keeps sign-ins and access to the logs for 60 days"))
        #expect(reason.contains("declared 400 days; log group /lighthouse/cloud-audit-trail keeps 60 days (\(examples)/cloudwatch-log-groups.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(with.stdout.utf8)) as? [String: Any])
        let evidence = try #require(json["evidence"] as? [String: Any])
        let files = try #require(evidence["files"] as? [[String: Any]])
        #expect(files.count == 9) // eight exports and the example team's log folder
        #expect(files.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let provenance = try #require(evidence["provenance"] as? [[String: Any]])
        #expect(provenance.contains { $0["record"] as? String == "cloud-audit-trail" && $0["state"] as? String == "contradicted" })

        let text = try DrillProcess.run(["check", "hijacked-support-contractor", "--scenarios", scenarios, "--evidence", examples, "--as-of", "2026-11-30"])
        #expect(text.stdout.contains("7 claims verified, 2 contradicted"))
        #expect(text.stdout.contains("cloud-audit-trail retention: declared 400 days; log group /lighthouse/cloud-audit-trail keeps"))
    }

    @Test("check --require-evidence makes needs met only by declared records partial")
    func requireEvidence() throws {
        let plain = try DrillProcess.run(["check", "signing-key-in-public-image", "--scenarios", scenarios, "--format", "json", "--as-of", "2026-11-30"])
        let strict = try DrillProcess.run(["check", "signing-key-in-public-image", "--scenarios", scenarios, "--format", "json", "--as-of", "2026-11-30", "--require-evidence"])
        func met(_ output: String) throws -> Int {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let needs = try #require((json["scenarios"] as? [[String: Any]])?.first?["needs"] as? [[String: Any]])
            return needs.filter { $0["status"] as? String == "met" }.count
        }
        #expect(try met(plain.stdout) > 0)
        #expect(try met(strict.stdout) == 0)
        #expect(strict.stdout.contains("only declared"))
    }

    @Test("drill evidence lists files, facts and claims; an unreadable export is named, exit 65, and the rest still counts")
    func evidenceCommand() throws {
        let folder = try DrillProcess.temporaryFolder()
        let evidence = folder.appendingPathComponent("evidence")
        try FileManager.default.copyItem(atPath: examples, toPath: evidence.path)
        let listed = try DrillProcess.run(["evidence", "--evidence", evidence.path, "--as-of", "2026-11-30"], in: folder)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("cloudwatch-log-groups"))
        #expect(listed.stdout.contains("✗ contradicts cloud-audit-trail.retention"))
        #expect(listed.stdout.contains("✓ confirms app-audit-log.retention"))
        try "{\"logGroups\": [".write(to: evidence.appendingPathComponent("truncated.json"), atomically: true, encoding: .utf8)
        let broken = try DrillProcess.run(["evidence", "--evidence", evidence.path, "--format", "json", "--as-of", "2026-11-30"], in: folder)
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("truncated.json:1:15: error: is not valid JSON: it ends before its last text, list or object closes"))
        #expect(broken.stdout.contains("\"contradicts\""))
        let none = try DrillProcess.run(["evidence"], in: folder)
        #expect(none.status == 66)
    }
}
