import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill compare RUN RUN`: what changed between two runs.
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "What changed between two runs: scores, needs met or regressed, answers, time to each deadline.",
            discussion: """
                The run that started first is 'before', whatever the order given. Formats: text, markdown, json, html.

                Examples:
                  drill compare 20261126-sl75 20261126-a3r5
                  drill compare 20261126-sl75 20261126-a3r5 --format json
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ArgumentHelp("Two runs (ids or unique prefixes).", valueName: "run-id"), completion: Completions.runIDs)
        var runIDs: [String]

        @OptionGroup var output: ReportOutputOptions

        func validate() throws {
            guard runIDs.count == 2 else { throw ValidationError("name exactly two runs to compare (got \(runIDs.count))") }
            if output.format == .csv { throw ValidationError("--format csv is for `drill report --team`; compare writes text, markdown, json or html") }
        }

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                var runs: [ReviewedRun] = []
                for runID in runIDs {
                    runs.append(try ReviewedRun.load(runID, from: database))
                }
                guard runs[0].transcript.id != runs[1].transcript.id else {
                    throw CommandFailure(lines: ["error: both ids name run \(runs[0].transcript.id); name two different runs"], code: CommandFailure.usage)
                }
                let comparison = RunComparison(runs[0], runs[1], history: try database.scoreHistory(team: runs[1].transcript.team))
                let content: TerminalText = switch output.format {
                case .text: output.output == nil ? ReviewText(terminal: .standardOutput).render(comparison)
                    : ReviewText.plain(ReviewText(terminal: .standardOutput).render(comparison))
                case .markdown: TerminalText(escaping: comparison.markdown())
                case .json: try ReportFormat.json(comparison)
                case .html: TerminalText(escaping: comparison.html())
                case .csv: ""
                }
                try output.deliver(content)
            }
        }
    }
}
