import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill backup FILE`: a consistent copy of the live database, verified.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the database, even while drills are running, to a new file through SQLite's online backup, and verify the copy.",
            discussion: """
                The copy is made 0600 in a 0700 folder; an existing file is never overwritten. Exits 1 when \
                the copy does not verify.

                Examples:
                  drill backup drill-2026-11-30.sqlite
                  drill backup --db team.sqlite /mnt/backups/team.sqlite
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ArgumentHelp("The new file.", valueName: "file"))
        var file: String

        func run() throws {
            try reportingFailures {
                guard FileManager.default.fileExists(atPath: options.databasePath) else {
                    throw CommandFailure(lines: ["error: there is no database at \(options.databasePath.terminalSafeLine) to back up; pass --db to name it"],
                                         code: CommandFailure.missingInput)
                }
                let database = try options.openDatabase()
                let report: IntegrityReport
                let copy = try database.backup(to: file)
                OpenedDatabases.shared.add(copy)
                report = try copy.verifyRecords()
                try database.audit("backup", detail: "to \(file): \(report.runs.count) runs, \(report.isIntact ? "verified intact" : "NOT intact")")
                let out = Terminal.standardOutput
                guard report.isIntact else {
                    for problem in report.allProblems { out.line(out.styled("✗ \(problem.detail.terminalSafeLine)", .bad)) }
                    out.line("Backed up to \(file.terminalSafeLine), but the copy does not verify: \(report.allProblems.count) problems (run `drill verify` on the database).")
                    throw ExitCode(1)
                }
                out.line("Backed up \(report.runs.count) run\(report.runs.count == 1 ? "" : "s") to \(file.terminalSafeLine); the copy verifies intact.")
            }
        }
    }
}
