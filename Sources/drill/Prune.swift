import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill prune`: deletes old runs, keeping the last 12 months unless forced.
    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Delete runs started before a day; runs younger than 12 months are kept unless --force.",
            discussion: """
                Every deletion is recorded in the audit trail with the run's head hash, and in the ledger of \
                run seals, so `drill verify` tells a pruned run from one deleted by hand.

                Examples:
                  drill prune --before 2025-01-01
                  drill prune --before 2026-06-01 --force
                """)

        @OptionGroup var options: DatabaseOption

        @Option(help: ArgumentHelp("Delete runs started before this day.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var before: CalendarDate

        @Flag(help: "Also delete runs younger than 12 months.")
        var force = false

        func run() throws {
            try reportingFailures {
                let keepFrom = RecordRetention.keptFrom(today: .today)
                if before > keepFrom && !force {
                    throw CommandFailure(lines: [
                        "error: runs started after \(keepFrom) are younger than \(RecordRetention.months) months and kept as evidence (the guide asks for \(RecordRetention.months) months of records); choose --before \(keepFrom) or earlier, or pass --force",
                    ], code: CommandFailure.usage)
                }
                let database = try options.openDatabase()
                let deleted: [RunRecord]
                deleted = try database.deleteRuns(startedBefore: before.startOfDay, reason: "drill prune --before \(before)\(force ? " --force" : "")")
                let out = Terminal.standardOutput
                for run in deleted {
                    out.line("deleted \(run.id)  \(Timestamp8601.minutes(run.startedAt))  \(run.team.terminalSafeLine)  \(run.scenarioID.terminalSafeLine)")
                }
                out.line("\(deleted.count) run\(deleted.count == 1 ? "" : "s") started before \(before) deleted; `drill audit --action run.deleted` lists them.")
            }
        }
    }
}
