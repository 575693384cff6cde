import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill scenarios`: the library at a glance, and each scenario's inject graph.
    struct Scenarios: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scenarios", abstract: "List the scenario library, or draw a scenario's inject graph.",
            discussion: """
                Examples:
                  drill scenarios
                  drill scenarios --scenarios my-scenarios --format json
                  drill scenarios graph stolen-ci-oauth-tokens --format dot
                """,
            subcommands: [List.self, Graph.self],
            defaultSubcommand: List.self)

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
                    out.paragraph("\(rows.count) scenarios in \(options.scenarios.terminalSafeLine). Needs: C contacts, L logs, B backups.", .dim)
                    if !library.diagnostics.isEmpty {
                        throw CommandFailure(lines: library.diagnostics.map(\.description.terminalSafeLine), code: CommandFailure.invalidData)
                    }
                }
            }
        }

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
                        var lines = library.diagnostics.map(\.description.terminalSafeLine)
                        lines.append("error: no scenario with id '\(scenarioID.terminalSafeLine)' in \(options.scenarios.terminalSafeLine); `drill scenarios` lists them")
                        throw CommandFailure(lines: lines, code: library.diagnostics.isEmpty ? CommandFailure.missingInput : CommandFailure.invalidData)
                    }
                    Terminal.standardOutput.write(ScenarioGraph(scenario).rendered(as: format.graphFormat).terminalSafe)
                }
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

/// `drill scenarios --format json`: the library, and the problems of the files that did not load.
struct ScenarioList: Encodable {
    /// One scenario at a glance.
    struct Entry: Encodable {
        /// Needs per pillar.
        struct Needs: Encodable {
            var contacts: Int
            var logs: Int
            var backups: Int
        }

        var id: String
        var kind: String
        var title: String
        var needs: Needs
        var injects: Int
        var prompts: Int
        var lengthHours: Double

        init(_ scenario: Scenario) {
            let count = { (pillar: Pillar) in scenario.needs.filter { $0.pillar == pillar }.count }
            id = scenario.id
            kind = scenario.kind.rawValue
            title = scenario.title
            needs = Needs(contacts: count(.contacts), logs: count(.logs), backups: count(.backups))
            injects = scenario.injects.count
            prompts = scenario.prompts.count
            lengthHours = scenario.length.hours
        }
    }

    var scenarios: [Entry]
    var diagnostics: [DiagnosticJSON]
}

/// A problem in an input file, as JSON: where it is, how bad, and what is wrong.
struct DiagnosticJSON: Encodable {
    var path: String
    var line: Int?
    var column: Int?
    var severity: String
    var message: String

    init(_ diagnostic: Diagnostic) {
        path = diagnostic.path
        line = diagnostic.line
        column = diagnostic.column
        severity = diagnostic.severity.rawValue
        message = diagnostic.message
    }

    func encode(to encoder: any Encoder) throws {
        // Line and column are null, not missing, when unknown: every diagnostic has the same keys.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(severity, forKey: .severity)
        try container.encode(message, forKey: .message)
    }

    private enum CodingKeys: String, CodingKey { case path, line, column, severity, message }
}
