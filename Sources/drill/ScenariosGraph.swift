import ArgumentParser
import DrillKit
import Foundation

extension Drill.Scenarios {
    /// `drill scenarios graph ID`: the inject graph as Mermaid or Graphviz dot.
    struct Graph: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "graph", abstract: "Print a scenario's inject graph: branches, ends and unreachable injects.",
            discussion: """
                Each inject is a box (its offset, title and id); an arrow is the inject's next step, or a \
                branch labelled with the prompt and answer that take it and the time that answer costs. \
                Unreachable injects are dashed.

                Examples:
                  drill scenarios graph stolen-ci-oauth-tokens
                  drill scenarios graph stolen-ci-oauth-tokens --format dot
                  drill scenarios graph my-draft --scenarios drafts --format mermaid
                """)

        @OptionGroup var options: ScenarioFolderOption

        @Argument(help: ArgumentHelp("The scenario's id.", valueName: "scenario-id"), completion: Completions.scenarioIDs)
        var scenarioID: String

        @Option(help: "Output format: mermaid or dot (Graphviz).")
        var format: GraphFormat = .mermaid

        func run() throws {
            try reportingFailures {
                let folder = URL(fileURLWithPath: options.scenarios)
                // Only this scenario's file when the folder allows; else the whole library, which reports every problem.
                let library = try ScenarioLibrary.loadScenario(id: scenarioID, folder: folder, displayPath: options.scenarios) ?? options.loadLibrary()
                guard let scenario = library.scenario(scenarioID) else {
                    var lines = CommandFailure(library.diagnostics).lines
                    lines.append("error: no scenario with id '\(scenarioID.terminalSafeLine)' in \(options.scenarios.terminalSafeLine); `drill scenarios` lists them")
                    throw CommandFailure(lines: lines, code: library.diagnostics.isEmpty ? CommandFailure.missingInput : CommandFailure.invalidData)
                }
                Terminal.standardOutput.write(TerminalText(escaping: ScenarioGraph(scenario).rendered(as: format.graphFormat)))
            }
        }
    }
}

/// `--format` of `drill scenarios graph`.
enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case mermaid, dot

    var graphFormat: ScenarioGraph.Format {
        switch self {
        case .mermaid: .mermaid
        case .dot: .dot
        }
    }
}
