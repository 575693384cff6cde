import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill verify`: checks the database file and every run's hash chain.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the database (SQLite's quick_check) and every run's tamper-evident hash chain.",
            discussion: "Names the first altered step of each damaged run. Exits 1 when anything does not match, 0 when all is intact.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Runs to check (default: all).")
        var runIDs: [String] = []

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let report: IntegrityReport
                do throws(StoreError) {
                    var ids: [String]?
                    for runID in runIDs { ids = (ids ?? []) + [try database.run(matching: runID).id] }
                    report = try database.verify(runIDs: ids)
                    let damaged = report.runs.filter { !$0.intact }.map(\.runID)
                    try database.audit("verify", detail: report.isIntact
                        ? "\(report.runs.count) runs intact"
                        : "quick_check \(report.quickCheck.joined(separator: "; ")); damaged runs: \(damaged.joined(separator: ", "))")
                } catch {
                    throw CommandFailure(error)
                }
                let out = Terminal.standardOutput
                if format == .json {
                    do { try out.line(JSON.encode(report)) } catch { throw CommandFailure(lines: ["error: \(error)"], code: CommandFailure.ioFailure) }
                } else {
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
                    let damaged = report.runs.filter { !$0.intact }.count
                    out.line(report.isIntact ? "All \(report.runs.count) runs intact." : "\(damaged) of \(report.runs.count) runs altered or damaged.")
                }
                if !report.isIntact { throw ExitCode(1) }
            }
        }
    }

    /// `drill audit`: the tool's own administrative actions.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
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
                    do { try out.line(JSON.encode(entries)) } catch { throw CommandFailure(lines: ["error: \(error)"], code: CommandFailure.ioFailure) }
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
