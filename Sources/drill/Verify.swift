import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill verify`: checks the database file and every run's hash chain.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the database (SQLite's quick_check) and every run's tamper-evident hash chain, or exported transcripts.",
            discussion: """
                Names the first altered step of each damaged run. A JSON transcript (`drill verify transcripts/….json`)                 is checked against itself (content hashes, hash chain, replay) and against the run stored in the                 database, if there is one. Exits 1 when anything does not match, 0 when all is intact.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Runs, or exported JSON transcripts, to check (default: every run in the database).")
        var targets: [String] = []

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
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
                    do throws(StoreError) {
                        var ids: [String]?
                        for runID in runIDs { ids = (ids ?? []) + [try database.run(matching: runID).id] }
                        report = try database.verify(runIDs: ids)
                    } catch {
                        throw CommandFailure(error)
                    }
                    intact = intact && (report?.isIntact ?? true)
                }
                let damaged = (report?.runs.filter { !$0.intact }.map(\.runID) ?? []) + fileResults.filter { !$0.intact }.map(\.path)
                do throws(StoreError) {
                    try database.audit("verify", detail: intact
                        ? "\(report?.runs.count ?? 0) runs and \(fileResults.count) transcripts intact"
                        : "quick_check \(report?.quickCheck.joined(separator: "; ") ?? "not run"); altered or damaged: \(damaged.joined(separator: ", "))")
                } catch {
                    throw CommandFailure(error)
                }
                if format == .json {
                    do {
                        try out.line(ReviewJSON.string(VerifyResult(database: report, transcripts: fileResults, intact: intact)))
                    } catch {
                        throw CommandFailure(lines: ["error: \(error)"], code: CommandFailure.ioFailure)
                    }
                } else {
                    if let report {
                        let fileOK = report.quickCheck == ["ok"]
                        out.line(fileOK ? out.styled("✓ database file: quick_check ok", .good)
                                        : out.styled("✗ database file: " + report.quickCheck.joined(separator: "; ").terminalSafeLine, .bad))
                        for run in report.runs {
                            if let problem = run.problem {
                                out.line(out.styled("✗ run \(run.runID): \(problem.detail)", .bad))
                            } else {
                                out.line(out.styled("✓ run \(run.runID): \(run.events) events, chain intact", .good))
                            }
                        }
                    }
                    for result in fileResults {
                        if result.problems.isEmpty {
                            out.line(out.styled("✓ \(result.path.terminalSafeLine): run \(result.runId ?? "?"), \(result.events) events, intact\(result.matchesDatabase == true ? " and identical to the database" : result.matchesDatabase == nil ? " (not in this database)" : "")", .good))
                        }
                        for problem in result.problems { out.line(out.styled("✗ \(result.path.terminalSafeLine): \(problem.terminalSafeLine)", .bad)) }
                    }
                    out.line(intact ? "All intact." : "\(damaged.count) altered or damaged.")
                }
                if !intact { throw ExitCode(1) }
            }
        }

        /// What checking one transcript file found.
        struct TranscriptCheck: Codable {
            var path: String
            var runId: String?
            var events: Int
            /// `nil` when the database holds no run with this id.
            var matchesDatabase: Bool?
            var problems: [String]
            var intact: Bool { problems.isEmpty }
        }

        /// The JSON of `drill verify --format json`.
        struct VerifyResult: Codable {
            var database: IntegrityReport?
            var transcripts: [TranscriptCheck]
            var intact: Bool
        }

        /// A transcript against itself (hashes, chain, replay) and against the stored run of the same id.
        private func check(transcript path: String, against database: AppDatabase) throws(CommandFailure) -> TranscriptCheck {
            let transcript: RunTranscript
            do {
                transcript = try RunTranscript.load(fileAt: URL(fileURLWithPath: path), displayPath: path)
            } catch {
                if case .missing = error { throw CommandFailure(error, hint: "name an exported JSON transcript") }
                return TranscriptCheck(path: path, runId: nil, events: 0, matchesDatabase: nil,
                                       problems: error.diagnostics.map { "\($0.line.map { "line \($0): " } ?? "")\($0.message)" })
            }
            var problems = transcript.problems().map { "\($0)" }
            if transcript.headHash == nil {
                problems.append("it carries no head hash, so nothing proves it unchanged")
            }
            var matches: Bool?
            if let stored = try? RunTranscript(runID: transcript.id, from: database), stored.id == transcript.id {
                let same = stored.headHash == transcript.headHash && stored.events.map(\.hash) == transcript.events.map(\.hash)
                matches = same
                if !same {
                    let first = zip(stored.events, transcript.events).first { $0.hash != $1.hash }?.0.seq
                    problems.append("it differs from run \(stored.id) in the database" + (first.map { " from event \($0) on" } ?? " (head hash or number of events)"))
                }
            }
            return TranscriptCheck(path: path, runId: transcript.id, events: transcript.events.count, matchesDatabase: matches, problems: problems)
        }
    }

    /// `drill audit`: the tool's own administrative actions.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "List drill's own audit trail: runs started, paused, resumed, finished, deleted; verifications; migrations; exports and imports.")

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("Only this action, or actions starting with it (e.g. run.).", valueName: "action"))
        var action: String?

        @Option(name: .customLong("run"), help: ArgumentHelp("Only entries about this run.", valueName: "id"))
        var runID: String?

        @Option(help: ArgumentHelp("Only entries on or after this day.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var since: CalendarDate?

        @Option(help: ArgumentHelp("Only entries up to the end of this day.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var until: CalendarDate?

        @Option(help: "At most this many entries, newest first.")
        var limit = 100

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let entries: [AuditRecord]
                do throws(StoreError) {
                    entries = try database.auditEntries(AuditFilter(
                        action: action, runID: runID, since: since?.startOfDay, until: until.map { $0.adding(days: 1).startOfDay }, limit: limit))
                } catch {
                    throw CommandFailure(error)
                }
                let out = Terminal.standardOutput
                if format == .json {
                    out.line(try JSONOutput.text(entries))
                    return
                }
                guard !entries.isEmpty else {
                    out.line("No audit entries match.")
                    return
                }
                for entry in entries {
                    // Every field is neutralised and kept on one line, so no value can forge or split an entry.
                    let fields = [Timestamp.seconds(entry.at) + "Z", entry.action.terminalSafeLine, entry.runID?.terminalSafeLine ?? "-",
                                  "\(entry.user.terminalSafeLine)@\(entry.host.terminalSafeLine)", entry.detail.terminalSafeLine]
                    out.line(fields.joined(separator: "  "))
                }
            }
        }
    }

    /// `drill prune`: deletes old runs, keeping the last 12 months unless forced.
    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Delete runs started before a day; runs younger than 12 months are kept unless --force.",
            discussion: "Every deletion is recorded in the audit trail with the run's head hash.")

        @OptionGroup var options: GlobalOptions

        @Option(help: ArgumentHelp("Delete runs started before this day.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var before: CalendarDate

        @Flag(help: "Also delete runs younger than 12 months.")
        var force = false

        func run() throws {
            try reportingFailures {
                let keepFrom = CalendarDate.today.adding(months: -12)
                if before > keepFrom && !force {
                    throw CommandFailure(lines: [
                        "error: runs started after \(keepFrom) are younger than 12 months and kept as evidence (the guide asks for 12 months of records); choose --before \(keepFrom) or earlier, or pass --force",
                    ], code: CommandFailure.usage)
                }
                let database = try options.openDatabase()
                let deleted: [RunRecord]
                do throws(StoreError) {
                    deleted = try database.deleteRuns(startedBefore: before.startOfDay, reason: "drill prune --before \(before)\(force ? " --force" : "")")
                } catch {
                    throw CommandFailure(error)
                }
                let out = Terminal.standardOutput
                for run in deleted {
                    out.line("deleted \(run.id)  \(Timestamp.minutes(run.startedAt))  \(run.team.terminalSafeLine)  \(run.scenarioID.terminalSafeLine)")
                }
                out.line("\(deleted.count) run\(deleted.count == 1 ? "" : "s") started before \(before) deleted; `drill audit --action run.deleted` lists them.")
            }
        }
    }
}
