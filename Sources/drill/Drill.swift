import ArgumentParser
import DrillKit

/// `drill`: a tabletop incident-drill simulator that checks a team's real preparedness.
@main
struct Drill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drill",
        abstract: "Rehearse security incidents against your team's real contacts, logs and backups.",
        discussion: """
            Exit codes: 0 success; 1 `check --strict` found an unmet need, or `verify` found \
            tampering; 64 usage; 65 invalid input data (reported as path:line:column: error: \
            message); 66 input file or run missing; 74 database or file I/O failure; 130 a drill \
            interrupted with Ctrl-C (saved: `drill resume` continues it).

            Examples:
              drill run
              drill check --strict
              drill runs
              drill report 20261126-sl75 --format html -o aar.html
              drill help run
            """,
        version: "0.1.0",
        subcommands: [Run.self, Learn.self, Resume.self, Check.self, Evidence.self, Scenarios.self, Lint.self, Init.self, New.self, Runs.self, Show.self, Replay.self, Export.self, Import.self, Report.self, Compare.self, Search.self, Actions.self, Verify.self, Audit.self, Prune.self, Key.self, Backup.self, Grade.self, People.self, Due.self, Contacts.self]
    )
}
