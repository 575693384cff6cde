import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill runs`: stored runs, newest first.
    struct Runs: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "runs", abstract: "List stored runs, newest first.",
            discussion: """
                Examples:
                  drill runs
                  drill runs --for-team "Lighthouse Apps (example)" --limit 10
                  drill runs --format json
                  drill runs --format csv --limit 500
                """)

        @OptionGroup var options: DatabaseOption

        @OptionGroup var selection: RunSelectionOptions

        @Option(help: "Output format: text, json or csv (RFC 4180; a cell starting with =, +, - or @ gets a leading ').")
        var format: TableFormat = .text

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase(creating: false)
                var filter = selection.filter
                let limit = selection.limit ?? RunFilter.defaultLimit
                // One more than shown tells whether the list was cut short.
                filter.limit = limit + 1
                var runs: [RunHeader]
                do throws(StoreError) {
                    runs = try database.runs(filter)
                } catch {
                    throw CommandFailure(error)
                }
                let truncated = runs.count > limit
                runs = Array(runs.prefix(limit))
                let out = Terminal.standardOutput
                if format == .json {
                    out.line(try JSONOutput.list("runs", runs.map(RunSummary.init), truncated: truncated))
                    return
                }
                if format == .csv {
                    if truncated {
                        Terminal.standardError.line("Showing the newest \(limit) runs; older ones match too (--limit N shows more).")
                    }
                    out.write(CSVTable.runs(runs).terminalText)
                    return
                }
                if truncated {
                    let err = Terminal.standardError
                    err.line(err.styled("Showing the newest \(limit) runs; older ones match too (--limit N shows more).", .dim))
                }
                guard !runs.isEmpty else {
                    out.line("No stored runs match. Start one with `drill run`.")
                    return
                }
                let rows = runs.map { run -> [TerminalText] in
                    // A backfilled drill shows the day it was played, marked, not the day it was recorded.
                    [TerminalText.line(run.id), run.playedOn.map { "\($0) backfilled" } ?? "\(Timestamp8601.minutes(run.startedAt))", TerminalText.line(run.team),
                     TerminalText.line(run.scenarioID), "\(run.status.rawValue)", run.overallScore.map { "\($0)" } ?? "–"]
                }
                let header: [TerminalText] = ["RUN", "PLAYED (UTC)", "TEAM", "SCENARIO", "STATUS", "SCORE"]
                out.table(header: header, rows: rows, flexible: [2, 3])
            }
        }
    }
}

extension RunStatus: ExpressibleByArgument {}

extension CalendarDate {
    /// Midnight UTC at the start of the day.
    var startOfDay: Date { Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch) * 86_400) }
}


/// One line of `drill runs --format json`.
struct RunSummary: Codable {
    var id: String
    var team: String
    var scenarioId: String
    var scenarioKind: String
    var mode: String
    var status: RunStatus
    var startedAt: Date
    var playedOn: CalendarDate?
    var endedAt: Date?
    var overallScore: Int?

    init(_ run: RunHeader) {
        id = run.id
        team = run.team
        scenarioId = run.scenarioID
        scenarioKind = run.scenarioKind
        mode = run.mode
        status = run.status
        startedAt = run.startedAt
        playedOn = run.playedOn
        endedAt = run.endedAt
        overallScore = run.overallScore
    }
}
