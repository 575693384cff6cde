import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill scenarios`: the library at a glance.
    struct Scenarios: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scenarios", abstract: "List the scenario library: id, kind, title, needs and length.",
            discussion: """
                Examples:
                  drill scenarios
                  drill scenarios --scenarios my-scenarios --format json
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
