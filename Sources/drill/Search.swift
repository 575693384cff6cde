import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill search TEXT`: full-text search over stored runs.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search every stored run's events and findings: answers, notes, consequences, reasons.",
            discussion: """
                Finds the steps that contain every word given, ignoring case and accents and matching word \
                forms (call, calls, called); end a word with * to match its beginning (insur*). Shows the \
                run, the step and a snippet, best matches first; when more than 2,000 steps match, the best \
                of the newest 2,000.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The words to find.")
        var words: [String]

        @Option(name: .customLong("for-team"), help: ArgumentHelp("Only runs of this team.", valueName: "name"))
        var teamName: String?

        @Option(help: ArgumentHelp("Only runs of this scenario.", valueName: "id"))
        var scenario: String?

        @Option(help: "At most this many matches.")
        var limit = 20

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            if words.joined().trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("give the words to search for") }
            if limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let results: SearchResults
                do throws(StoreError) {
                    results = try database.searchResults(words.joined(separator: " "), team: teamName, scenarioID: scenario, limit: limit)
                } catch {
                    throw CommandFailure(error)
                }
                let hits = results.hits
                let out = Terminal.standardOutput
                if format == .json {
                    let plain = hits.map { hit in
                        var hit = hit
                        hit.snippet = hit.snippet(marking: "", "")
                        return hit
                    }
                    out.line(try ReportFormat.json(plain))
                    return
                }
                guard !hits.isEmpty else {
                    out.line("No stored step mentions \(words.joined(separator: " ").terminalSafeLine).")
                    return
                }
                for hit in hits {
                    var step: String
                    if let seq = hit.seq {
                        step = "step \(seq)"
                        if let hours = hit.simulatedHours { step += " · \(TimeSpan(hours: hours).clockLabel)" }
                        if let kind = hit.kind { step += " · \(kind.terminalSafeLine)" }
                    } else {
                        step = "finding \(hit.needId?.terminalSafeLine ?? "")"
                    }
                    out.line(out.styled(hit.runId.terminalSafeLine, .heading) + "  \(step)  " + out.styled("\(hit.scenarioId.terminalSafeLine) · \(hit.team.terminalSafeLine) · \(Timestamp.minutes(hit.startedAt))", .dim))
                    // Neutralise first, then mark the matches: the markers are drill's own.
                    let snippet = hit.snippet.terminalSafeLine
                    let start = out.colour ? "\u{1B}[1m" : "[", end = out.colour ? "\u{1B}[22m" : "]"
                    out.line("    " + snippet.replacingOccurrences(of: SearchHit.highlightStart, with: start).replacingOccurrences(of: SearchHit.highlightEnd, with: end))
                }
                if hits.count == limit { out.line(out.styled("Showing the first \(limit); --limit shows more.", .dim)) }
                if results.rankedNewestOnly {
                    out.line(out.styled("More than \(AppDatabase.searchRankingWindow) steps match: these are the best of the newest \(AppDatabase.searchRankingWindow). Add words, --for-team or --scenario to reach older ones.", .dim))
                }
            }
        }
    }
}
