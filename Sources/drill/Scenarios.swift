import ArgumentParser
import DrillKit

extension Drill {
    /// `drill scenarios`: the library at a glance.
    struct Scenarios: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scenarios", abstract: "List the scenario library: id, kind, title, needs and length.")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            try reportingFailures {
                let library = try options.loadLibrary()
                let out = Terminal.standardOutput
                let rows = library.scenarios.map { scenario -> [String] in
                    let count = { (pillar: Pillar) in scenario.needs.filter { $0.pillar == pillar }.count }
                    return [
                        scenario.id.terminalSafeLine, scenario.kind.rawValue,
                        "\(count(.contacts))C \(count(.logs))L \(count(.backups))B",
                        "\(scenario.injects.count) injects, \(scenario.prompts.count) prompts, \(scenario.length.compact)",
                        scenario.title.terminalSafeLine,
                    ]
                }
                let header = ["ID", "KIND", "NEEDS", "LENGTH", "TITLE"]
                out.table(header: header, rows: rows)
                out.line(out.styled("\(rows.count) scenarios in \(options.scenarios.terminalSafeLine). Needs: C contacts, L logs, B backups.", .dim))
                if !library.diagnostics.isEmpty {
                    throw CommandFailure(lines: library.diagnostics.map(\.description.terminalSafeLine), code: CommandFailure.invalidData)
                }
            }
        }
    }
}
