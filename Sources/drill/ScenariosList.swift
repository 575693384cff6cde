import ArgumentParser
import DrillKit
import Foundation

extension Drill.Scenarios {
    /// `drill scenarios list`, also plain `drill scenarios`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the scenario library: id, kind, title, needs and length.",
            discussion: """
                Examples:
                  drill scenarios list
                  drill scenarios list --scenarios my-scenarios --format json
                """)

        @OptionGroup var options: ScenarioFolderOption

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let library = try options.loadLibrary()
                let out = Terminal.standardOutput
                if format == .json {
                    let document = ScenarioList(scenarios: library.scenarios.map(ScenarioList.Entry.init), diagnostics: library.diagnostics.map(DiagnosticJSON.init))
                    out.line(try JSONOutput.object(document))
                    if !library.diagnostics.isEmpty { throw ExitCode(CommandFailure.invalidData) }
                    return
                }
                let rows = library.scenarios.map { scenario -> [TerminalText] in
                    let count = { (pillar: Pillar) in scenario.needs.filter { $0.pillar == pillar }.count }
                    return [
                        TerminalText.line(scenario.id), "\(scenario.kind.rawValue)",
                        "\(count(.contacts))C \(count(.logs))L \(count(.backups))B",
                        "\(scenario.injects.count) injects, \(scenario.prompts.count) prompts, \(scenario.length.compact)",
                        TerminalText.line(scenario.title),
                    ]
                }
                let header: [TerminalText] = ["ID", "KIND", "NEEDS", "LENGTH", "TITLE"]
                out.table(header: header, rows: rows)
                out.paragraph("\(rows.count) scenarios in \(options.scenarios.terminalSafeLine). Needs: C contacts, L logs, B backups.", .dim)
                if !library.diagnostics.isEmpty {
                    throw CommandFailure(library.diagnostics)
                }
            }
        }
    }
}
