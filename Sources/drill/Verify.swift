import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill verify`: checks the database file and every record a reviewer reads, or exported transcripts.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the database (SQLite's integrity_check, every run's seal, chain and signature, the ledger and the audit trail), or exported transcripts.",
            discussion: """
                Recomputes each run's score, findings, deadlines and status from its answers and compares \
                them with what is stored; names the first altered run, step, field, ledger or audit entry. A \
                JSON transcript (`drill verify transcripts/….json`) is checked against itself (hashes, chain, \
                seal, replay), its signature against the trusted keys (this installation's, and a KEYS file \
                beside it), and against the run stored in the database, if there is one; a transcript exported \
                before runs were signed is reported as unsigned. Exits 1 when anything does not match, 0 when \
                all is intact.

                Examples:
                  drill verify
                  drill verify 20261126-sl75 --format json
                  drill verify transcripts
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: "Runs, or exported JSON transcripts, to check (default: every run in the database).")
        var targets: [String] = []

        @Option(help: ArgumentHelp("A KEYS file of further public keys to trust (one 'ed25519 BASE64 comment' per line).", valueName: "file"))
        var keys: String?

        @Option(help: ArgumentHelp("Trust, once, the key with this id that signed the database's anchor (a lost key, a colleague's installation), if nothing else is wrong: the anchor is re-signed with this installation's key, and the audit trail says so.", valueName: "key-id"))
        var adoptKey: String?

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                var extra = TrustedKeys()
                if let keys { extra.addKeys(fromFileAt: URL(fileURLWithPath: keys)) }
                let database = try options.openDatabase(trusting: extra)
                if let adoptKey { try adopt(adoptKey, in: database) }
                let files = targets.filter { $0.hasSuffix(".json") || FileManager.default.fileExists(atPath: $0) }
                let runIDs = targets.filter { !files.contains($0) }
                let out = Terminal.standardOutput
                var intact = true
                var fileResults: [TranscriptCheck] = []
                for file in files {
                    let result = try check(transcript: file, against: database)
                    intact = intact && result.intact
                    fileResults.append(result)
                }
                var report: IntegrityReport?
                if !runIDs.isEmpty || files.isEmpty {
                    var ids: [String]?
                    for runID in runIDs { ids = (ids ?? []) + [try database.run(matching: runID).id] }
                    report = try database.verifyRecords(runIDs: ids, keys: trusted(database, besides: []))
                    intact = intact && (report?.isIntact ?? true)
                }
                let damaged = (report?.allProblems.map { $0.runId ?? $0.field ?? "audit" } ?? []) + fileResults.filter { !$0.intact }.map(\.path)
                do throws(StoreError) {
                    try database.audit("verify", detail: intact
                        ? "\(report?.runs.count ?? 0) runs and \(fileResults.count) transcripts intact"
                        : "integrity_check \(report?.integrityCheck.joined(separator: "; ") ?? "not run"); altered or damaged: \(damaged.joined(separator: ", "))")
                } catch {
                    // A database whose anchor cannot be checked takes no more writes: what verify found is still the answer.
                    guard case .altered = error, !intact else { throw CommandFailure(error) }
                    Terminal.standardError.line(Terminal.standardError.styled("warning: this verification was not added to the audit trail: \(line: error.message)", .warning))
                }
                if format == .json {
                    out.line(try JSONOutput.text(VerifyResult(database: report, transcripts: fileResults, intact: intact)))
                } else {
                    if let report { show(report, on: out) }
                    for result in fileResults {
                        if result.problems.isEmpty {
                            let signed = result.signature == "unsigned" ? ", unsigned (exported before runs were signed: nothing proves who recorded it)"
                                : ", signed by key \((result.keyId ?? "?").terminalSafeLine)"
                            out.line(out.styled("✓ \(result.path.terminalSafeLine): run \((result.runId ?? "?").terminalSafeLine), \(result.events) events, intact\(result.matchesDatabase == true ? " and identical to the database" : result.matchesDatabase == nil ? " (not in this database)" : "")\(signed)", .good))
                        }
                        for problem in result.problems { out.line(out.styled("✗ \(result.path.terminalSafeLine): \(problem.terminalSafeLine)", .bad)) }
                    }
                    out.line(intact ? "All intact." : "\(Set(damaged).count) altered or damaged.")
                }
                if !intact { throw ExitCode(1) }
            }
        }

        private func show(_ report: IntegrityReport, on out: Terminal) {
            let fileOK = report.integrityCheck == ["ok"]
            out.line(fileOK ? out.styled("✓ database file: integrity_check ok", .good)
                            : out.styled("✗ database file: " + report.integrityCheck.joined(separator: "; ").terminalSafeLine, .bad))
            for problem in report.problems {
                let place = problem.auditEntry.map { "audit entry \($0)" } ?? problem.ledgerEntry.map { "ledger entry \($0)" } ?? problem.field ?? "database"
                out.line(out.styled("✗ \(place.terminalSafeLine): \(problem.detail.terminalSafeLine)", .bad))
            }
            if report.problems.isEmpty {
                out.line(out.styled("✓ audit trail (\(report.auditEntries) entries) and ledger (\(report.ledgerEntries) entries) chained, anchor signed by key \((report.anchorKeyId ?? "?").terminalSafeLine)", .good))
            }
            for run in report.runs {
                if let problem = run.problem {
                    let place = problem.seq.map { "event \($0)" } ?? problem.field ?? "header"
                    out.line(out.styled("✗ run \(run.runId.terminalSafeLine) (\(place.terminalSafeLine)): \(problem.detail.terminalSafeLine)", .bad))
                } else {
                    out.line(out.styled("✓ run \(run.runId.terminalSafeLine): \(run.events) events, chain, seal and signature intact", .good))
                }
            }
        }

        /// Adopts the anchor signed by `keyID` when everything else verifies.
        private func adopt(_ keyID: String, in database: AppDatabase) throws {
            let report = try database.verifyRecords(keys: trusted(database, besides: []))
            let others = report.allProblems.filter { !($0.field == "anchor" && $0.detail.contains("not trusted")) }
            guard report.integrityCheck == ["ok"], others.isEmpty, report.anchorKeyId == keyID else {
                let reason = report.anchorKeyId == keyID ? "\(others.count) other problems; run `drill verify`"
                    : "it is signed by key \(report.anchorKeyId ?? "none"), not \(keyID)"
                throw CommandFailure(lines: ["error: the anchor was not adopted: \(TerminalText.line(reason))"], code: 1)
            }
            try database.adoptAnchor(signedBy: keyID)
            Terminal.standardError.line("Adopted the anchor signed by key \(TerminalText.line(keyID)); it is now signed by this installation's key \(database.key.id).")
        }

        /// The keys trusted: the installation's own, `--keys`, and a KEYS file in each of `folders`.
        private func trusted(_ database: AppDatabase, besides folders: [URL]) -> TrustedKeys {
            var trusted = GlobalOptions.trustedKeys(own: database.key, besides: folders)
            if let keys { trusted.addKeys(fromFileAt: URL(fileURLWithPath: keys)) }
            return trusted
        }

        /// The JSON of `drill verify --format json`.
        struct VerifyResult: Codable {
            var schemaVersion = 1
            var database: IntegrityReport?
            var transcripts: [TranscriptCheck]
            var intact: Bool
        }

        /// A transcript against itself (hashes, chain, seal, signature, replay) and against the stored run of the same id.
        private func check(transcript path: String, against database: AppDatabase) throws(CommandFailure) -> TranscriptCheck {
            let url = URL(fileURLWithPath: path)
            do {
                return try TranscriptCheck.check(fileAt: url, displayPath: path, against: database,
                                                 keys: trusted(database, besides: [url.deletingLastPathComponent()]))
            } catch {
                throw CommandFailure(error, hint: "name an exported JSON transcript")
            }
        }
    }
}
