import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill evidence`: what the team's own exports say, and which claims they confirm or contradict.
    struct Evidence: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evidence",
            abstract: "List the evidence folder: each export, its format, when it was collected, its SHA-256, its facts, and the claims it confirms or contradicts.",
            discussion: """
                Reads, offline, the exports a team's tools produce (CloudWatch describe-log-groups, CloudTrail \
                describe-trails and get-trail-status saved as TRAIL.trail-status.json, gcloud logging buckets list \
                --format=json, AWS Backup list-restore-jobs, restic snapshots --json, pgBackRest info --output=json, \
                WAL-G backup-list --json, PagerDuty schedules and escalation policies from its REST API, a contacts \
                review), and the git repositories and local log folders entries name (evidence: git:PATH, \
                path:PATH). Entries of the preparedness file name what proves them with evidence: KIND:ID. Large \
                exports are read in parts, in bounded memory. Exits 65 when a file cannot be read.

                Examples:
                  drill evidence
                  drill evidence --evidence examples/evidence
                  drill evidence --team team.yaml --format json
                """)

        @OptionGroup var teamOption: TeamOption
        @OptionGroup var evidenceOptions: EvidenceOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge evidence ages on this day (default: today, UTC).", valueName: "YYYY-MM-DD"),
                transform: CalendarDate.argument)
        var asOf: CalendarDate?

        func run() throws {
            try reportingFailures {
                let asOf = asOf ?? .today
                let team = try teamOption.loadTeam(judgedOn: asOf)
                guard let (_, _, report) = evidenceOptions.judge(team, asOf: asOf) else {
                    throw CommandFailure(lines: ["error: no evidence folder: put exports in evidence/ beside the preparedness file, or pass --evidence DIR"],
                                         code: CommandFailure.missingInput)
                }
                let out = Terminal.standardOutput
                if format == .json {
                    out.write(try JSONOutput.object(report) + "\n")
                } else {
                    out.line(out.styled("Evidence in \(report.folder.terminalSafeLine) for \(team.profile.team.terminalSafeLine)", .heading))
                    for file in report.files {
                        out.line("")
                        let format = file.format ?? "unknown format"
                        out.line(out.styled(TerminalText.line(file.path), .heading) + out.styled(" · \(format)", .dim))
                        if let problem = file.problem {
                            out.line("  " + out.styled("✗ " + problem.terminalSafeLine, .bad))
                            continue
                        }
                        out.line("  collected \(file.collected ?? "unknown") (\(file.collectedFrom ?? "")) · sha256 \(file.sha256 ?? "")")
                        for fact in file.facts { out.line("  · \(fact.says.terminalSafeLine)" + out.styled("  [\(fact.id.terminalSafeLine)]", .dim)) }
                        if let more = file.unlistedFacts {
                            out.line(out.styled("  … and \(more) more fact\(more == 1 ? "" : "s") that no entry names (not listed; name one in an entry's evidence: to judge from it)", .dim))
                        }
                        for entry in file.confirms { out.line("  " + out.styled("✓ confirms \(entry.terminalSafeLine)", .good)) }
                        for entry in file.contradicts { out.line("  " + out.styled("✗ contradicts \(entry.terminalSafeLine)", .bad)) }
                    }
                    let claims = report.provenance
                    out.line("")
                    out.line("\(claims.filter { $0.state == .verified }.count) claims verified, \(claims.filter { $0.state == .contradicted }.count) contradicted, "
                        + "\(claims.filter { $0.state == .tooOld }.count) with evidence too old, \(claims.filter { $0.state == .declared }.count) declared only (of those that name evidence).")
                    for claim in claims where claim.state != .verified {
                        out.line("  " + claim.sentence.terminalSafeLine)
                    }
                }
                if !report.problems.isEmpty {
                    throw CommandFailure(lines: report.problems.map { TerminalText.line($0) }, code: CommandFailure.invalidData)
                }
            }
        }
    }
}
