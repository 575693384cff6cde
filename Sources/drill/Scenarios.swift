import ArgumentParser
import DrillKit

extension Drill {
    /// `drill scenarios`: the library at a glance.
    struct Scenarios: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the scenario library: id, kind, title, needs and length.")

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
                let widths = (0..<header.count).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
                func format(_ row: [String]) -> String {
                    row.enumerated().map { $1.padding(toLength: $0 == row.count - 1 ? $1.count : widths[$0], withPad: " ", startingAt: 0) }
                        .joined(separator: "  ")
                }
                out.line(out.styled(format(header), .heading))
                for row in rows { out.line(format(row)) }
                out.line(out.styled("\(rows.count) scenarios in \(options.scenarios.terminalSafeLine). Needs: C contacts, L logs, B backups.", .dim))
                if !library.diagnostics.isEmpty {
                    throw CommandFailure(lines: library.diagnostics.map(\.description.terminalSafeLine), code: CommandFailure.invalidData)
                }
            }
        }
    }
}
