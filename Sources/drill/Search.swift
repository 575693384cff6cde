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

                Examples:
                  drill search insurer hotline
                  drill search 'insur*' --for-team "Lighthouse Apps (example)" --format json
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ArgumentHelp("The words to find.", valueName: "word"))
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
                // One more than shown tells whether the list was cut short.
                results = try database.searchResults(words.joined(separator: " "), team: teamName, scenarioID: scenario, limit: limit + 1)
                let truncated = results.hits.count > limit
                let hits = Array(results.hits.prefix(limit))
                let out = Terminal.standardOutput
                if format == .json {
                    let plain = hits.map { hit in
                        var hit = hit
                        hit.snippet = hit.snippet(marking: "", "")
                        return hit
                    }
                    out.line(try JSONOutput.object(SearchDocument(hits: plain, truncated: truncated, rankedNewestOnly: results.rankedNewestOnly)))
                    return
                }
                guard !hits.isEmpty else {
                    out.paragraph("No stored step mentions \(words.joined(separator: " ").terminalSafeLine).")
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
                    out.paragraph(out.styled(TerminalText.line(hit.runId), .heading) + "  \(step)  " + out.styled("\(hit.scenarioId.terminalSafeLine) · \(hit.team.terminalSafeLine) · \(Timestamp8601.minutes(hit.startedAt))", .dim))
                    // Neutralise first, then mark the matches: the markers are drill's own.
                    let snippet = hit.snippet.terminalSafeLine
                    let start = out.colour ? "\u{1B}[1m" : "[", end = out.colour ? "\u{1B}[22m" : "]"
                    out.paragraph("    " + snippet.replacingOccurrences(of: SearchHit.highlightStart, with: start).replacingOccurrences(of: SearchHit.highlightEnd, with: end))
                }
                let err = Terminal.standardError
                if truncated { err.line(err.styled("Showing the best \(limit); more steps match (--limit N shows more).", .dim)) }
                if results.rankedNewestOnly {
                    err.line(err.styled("More than \(AppDatabase.searchRankingWindow) steps match: these are the best of the newest \(AppDatabase.searchRankingWindow). Add words, --for-team or --scenario to reach older ones.", .dim))
                }
            }
        }
    }
}

/// `drill search --format json`: the hits, whether more matched than `--limit` shows, and
/// whether only the newest steps were ranked.
struct SearchDocument: Encodable {
    var hits: [SearchHit]
    var truncated: Bool
    var rankedNewestOnly: Bool
}
