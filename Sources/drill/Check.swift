import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill check`: says, without prompting, which scenarios the preparedness would fail, and why.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assess every scenario against the team's preparedness, without prompting.",
            discussion: "Exits 1 with --strict when any need is unmet, 65 when a file is invalid, 66 when one is missing.")

        @OptionGroup var options: GlobalOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Flag(help: "Exit 1 when any need is unmet.")
        var strict = false

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge record ages on this day (default: today, UTC).", valueName: "YYYY-MM-DD"),
                transform: CalendarDate.argument)
        var asOf: CalendarDate?

        @Argument(help: "Scenario ids to check (default: all).")
        var scenarioIDs: [String] = []

        func run() throws {
            try reportingFailures {
                let loaded = try options.loadTeam()
                let (profile, isExample) = (loaded.profile, loaded.isExample)
                let library = try options.loadLibrary()
                var scenarios = library.scenarios
                if !scenarioIDs.isEmpty {
                    let unknown = scenarioIDs.filter { library.scenario($0) == nil }
                    guard unknown.isEmpty || !library.diagnostics.isEmpty else {
                        throw CommandFailure(lines: ["error: no scenario with id \(unknown.map { "'\($0.terminalSafeLine)'" }.joined(separator: ", ")) in \(options.scenarios); `drill scenarios` lists them"], code: CommandFailure.missingInput)
                    }
                    scenarios = scenarios.filter { scenarioIDs.contains($0.id) }
                }
                let report = CheckReport(profile: profile, scenarios: scenarios, asOf: asOf ?? .today)
                let err = Terminal.standardError
                if isExample && format == .text {
                    err.line(err.styled("Using the embedded example team (no ./preparedness.yaml); write your own with `drill init`.", .dim))
                }
                switch format {
                case .json: try Terminal.standardOutput.line(ReviewJSON.string(report))
                case .text: Terminal.standardOutput.write(CheckText(report: report, terminal: .standardOutput).render())
                }
                closeImprovementItems(report)
                if !library.diagnostics.isEmpty {
                    throw CommandFailure(lines: library.diagnostics.map(\.description.terminalSafeLine), code: CommandFailure.invalidData)
                }
                if strict && report.hasUnmetNeed { throw ExitCode(1) }
            }
        }

        /// Closes the improvement items whose needs this check finds met, when a database
        /// already exists; a check never creates one, and a database problem never fails the check.
        private func closeImprovementItems(_ report: CheckReport) {
            let path = options.databasePath
            guard FileManager.default.fileExists(atPath: path) else { return }
            let err = Terminal.standardError
            do {
                let closed = try AppDatabase.open(path: path, identity: .current).closeImprovementItems(checkedBy: report, at: Date())
                for item in closed {
                    err.line(err.styled("Closed improvement item \(item.label) (\(item.scenarioId.terminalSafeLine)/\(item.needId.terminalSafeLine)): the need is now met.", .good))
                }
            } catch {
                err.line(err.styled("warning: improvement items were not updated: \(error.message.terminalSafeLine)", .warning))
            }
        }
    }
}

/// `text` or `json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension CalendarDate {
    /// Today in UTC.
    static var today: CalendarDate {
        CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// Parses a command-line date.
    static func argument(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(parsing: text) else { throw ValidationError("'\(text)' is not a date; write YYYY-MM-DD") }
        return date
    }
}
