import Foundation
import Testing

@Suite("drill run with evidence: the drill, its transcript, verify and import", .serialized)
struct RunEvidenceCommandTests {
    static let preparedness = """
        team: Evidence Team
        contacts:
          - role: incident-response-partner
            name: Blue Harbor Security
            channels: [{ phone: "+44 20 7946 0321" }]
            availability: 24x7
            confirmed: 2026-10-01
            storedOffPlatform: true
        logs:
          - source: audit
            covers: [admin-actions]
            timestamps: with-zone
            retention: 400d
            storage: log bucket
            restricted: true
            accessRecorded: true
            review: automated
            evidence: cloudwatch:/audit
        """

    /// The run tests' scenario and answers, with a preparedness file whose audit log claims 400
    /// days and an evidence folder beside it whose log group keeps 30.
    /// The export is dated the judging day (an export's collection day is its file's), so the
    /// text does not depend on the day the tests run.
    func workspace() throws -> DrillWorkspace {
        let workspace = try DrillWorkspace(scenarios: ["drill-test": RunCommandTests.scenario], files: [
            "preparedness.yaml": Self.preparedness,
            "evidence/log-groups.json": #"{"logGroups": [{"logGroupName": "/audit", "retentionInDays": 30}]}"#,
            "answers.yaml": RunCommandTests.answersScript,
        ])
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_796_040_000)],  // 2026-11-30 12:00 UTC
                                              ofItemAtPath: workspace.url("evidence/log-groups.json").path)
        return workspace
    }

    @Test("A drill plays the evidence: the need flips, the debrief names the provenance, the transcript carries the evidence")
    func runUsesEvidence() throws {
        let workspace = try self.workspace()
        let args = ["run", "drill-test", "--answers", "answers.yaml", "--format", "json", "--as-of", "2026-11-30"]
        let result = try workspace.drill(args)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Evidence from evidence: 0 claims verified, 1 contradicted"))
        #expect(result.stderr.contains("· audit retention: declared 400 days; log group /audit keeps 30 days\n"))
        #expect(result.stderr.contains("(evidence/log-groups.json, collected 2026-11-30) — contradicted"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let trail = try #require((json["findings"] as? [[String: Any]])?.first { $0["id"] as? String == "trail" })
        #expect(trail["status"] as? String == "unmet")
        let evidence = try #require(json["evidence"] as? [String: Any])
        let file = try #require((evidence["files"] as? [[String: Any]])?.first)
        #expect(file["path"] as? String == "evidence/log-groups.json")
        #expect((file["sha256"] as? String)?.count == 64)

        // Without the evidence the claim stands and the need is met.
        try FileManager.default.removeItem(at: workspace.url("evidence"))
        let claimed = try workspace.drill(args)
        let claimedJSON = try #require(try JSONSerialization.jsonObject(with: Data(claimed.stdout.utf8)) as? [String: Any])
        #expect((claimedJSON["findings"] as? [[String: Any]])?.first { $0["id"] as? String == "trail" }?["status"] as? String == "met")

        let verified = try workspace.drill(["verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test("The exported transcript imports elsewhere; with a stored fact edited, import refuses it")
    func importChecksEvidence() throws {
        let workspace = try self.workspace()
        let result = try workspace.drill(["run", "drill-test", "--answers", "answers.yaml", "--format", "json", "--as-of", "2026-11-30"])
        #expect(result.status == 0, "\(result.stderr)")
        try workspace.write(result.stdout, to: "run.json")
        let imported = try workspace.drill(["import", "run.json"], database: workspace.database("other"))
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")

        let edited = result.stdout.replacingOccurrences(of: ": 720", with: ": 9600")
        #expect(edited != result.stdout)
        try workspace.write(edited, to: "edited.json")
        let refused = try workspace.drill(["import", "edited.json"], database: workspace.database("third"))
        #expect(refused.status == 65, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("edited.json"))
    }

    @Test("check --evidence shows per pillar the share of judged records the evidence verified, in the report's words")
    func checkShowsVerifiedShare() throws {
        let workspace = try self.workspace()
        let runID = try workspace.play(["drill-test", "--answers", "answers.yaml", "--as-of", "2026-11-30"])
        let report = try workspace.drill(["report", runID, "--format", "markdown"])
        #expect(report.status == 0, "\(report.stderr)")
        // The report's lines `- **logs**: 0 of 1 record verified (1 contradicted)`, as `logs: …` in the check.
        let shares = report.stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("- **"), let end = line.range(of: "**: ") else { return nil }
            return "  " + line[line.index(line.startIndex, offsetBy: 4)..<end.lowerBound] + ": " + line[end.upperBound...]
        }
        #expect(shares.contains("  logs: 0 of 1 record verified (1 contradicted)"), "\(report.stdout)")

        let check = try workspace.drill(["check", "drill-test", "--evidence", "evidence", "--as-of", "2026-11-30"])
        #expect(check.status == 0, "\(check.stderr)")
        for share in shares { #expect(check.stdout.contains(share + "\n"), "\(share) in \(check.stdout)") }
        // Without evidence (no folder, no entry naming any) there is nothing to share out.
        try FileManager.default.removeItem(at: workspace.url("evidence"))
        try workspace.write(Self.preparedness.replacingOccurrences(of: "    evidence: cloudwatch:/audit", with: ""), to: "preparedness.yaml")
        let plain = try workspace.drill(["check", "drill-test", "--as-of", "2026-11-30"])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!plain.stdout.contains("records verified") && !plain.stdout.contains("record verified"), "\(plain.stdout)")
    }

}
