import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill report RUN` and `drill report --team TEAM`: after-action reports and trends.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "An after-action report for a run, or a team's trends across quarterly drills.",
            discussion: """
                With a run: the exercise, its objectives rated P/S/M/U on what measures them, a rating per \
                capability, strengths, areas for improvement tied to the needs not met, the hot wash's lessons \
                learned, and this drill's improvement plan (owners and due dates: `drill actions set`), with \
                the team's other open items apart. With --team (a team's name or its preparedness file; default \
                ./preparedness.yaml, else the only team in the database): scores by quarter, deadlines met, \
                improvement items opened and closed, and incident kinds not drilled in the last 12 months. \
                Formats: text, markdown, json, html (one self-contained page that prints cleanly); with --team also \
                csv (one row per quarter, RFC 4180; a cell starting with =, +, - or @ gets a leading ').

                Examples:
                  drill report 20261126-sl75
                  drill report 20261126-sl75 --format html -o aar.html
                  drill report --team preparedness.yaml --format markdown -o -
                  drill report --team preparedness.yaml --format csv -o trends.csv
                """)

        @Argument(help: ArgumentHelp("The run's id, or the start of it (omit for a team's trends).", valueName: "run-id"), completion: Completions.runIDs)
        var runID: String?

        @Option(name: [.customLong("team"), .customLong("for-team")],
                help: ArgumentHelp("The team for trends: its name, or its preparedness file.", valueName: "team"))
        var team: String?

        // The scenario folder suggests scenarios for the kinds not drilled.
        @OptionGroup var folder: ScenarioFolderOption

        @OptionGroup var database: DatabaseOption

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The report's day: due dates and the last 12 months are judged from it (default: today, UTC).", valueName: "YYYY-MM-DD"),
                transform: CalendarDate.argument)
        var asOf: CalendarDate?

        @OptionGroup var output: ReportOutputOptions

        func validate() throws {
            if runID != nil && team != nil { throw ValidationError("give a run for its after-action report, or --team for trends, not both") }
            if runID != nil && output.format == .csv { throw ValidationError("--format csv is for a team's trends (--team); a run's report is text, markdown, json or html") }
        }

        func run() throws {
            try reportingFailures {
                let database = try database.openDatabase()
                let day = asOf ?? .today
                if let runID {
                    try afterAction(runID, database: database, day: day)
                } else {
                    try trends(database: database, day: day)
                }
            }
        }

        private func afterAction(_ runID: String, database: AppDatabase, day: CalendarDate) throws(CommandFailure) {
            let reviewed: ReviewedRun
            do throws(ReviewFailure) {
                reviewed = try ReviewedRun.load(runID, from: database)
            } catch {
                throw CommandFailure(error)
            }
            let team = reviewed.transcript.team
            let report = AfterActionReport(reviewed, items: try database.itemsForCommand(team: team),
                                           history: try database.scoreHistory(team: team), reportDate: day)
            try output.deliver(render(report))
        }

        private func render(_ report: AfterActionReport) throws(CommandFailure) -> TerminalText {
            switch output.format {
            case .text: textForOutput(ReviewText(terminal: .standardOutput).render(report))
            case .markdown: TerminalText(escaping: report.markdown())
            case .json: try ReportFormat.json(report)
            case .html: TerminalText(escaping: report.html())
            case .csv: ""
            }
        }

        private func trends(database: AppDatabase, day: CalendarDate) throws(CommandFailure) {
            let name = try teamName(database: database)
            let runs: [RunHeader]
            do throws(StoreError) {
                runs = try database.runs(RunFilter(team: name, limit: nil))
            } catch {
                throw CommandFailure(error)
            }
            guard !runs.isEmpty else {
                let teams = (try? database.teams()) ?? []
                throw CommandFailure(lines: ["error: no stored runs of team '\(name.terminalSafeLine)'" + (teams.isEmpty ? "; run a drill first" : "; teams with runs: " + teams.map(\.terminalSafeLine).joined(separator: ", "))],
                                     code: CommandFailure.missingInput)
            }
            var library: [ScenarioKind: [String]] = [:]
            if let loaded = try? folder.loadLibrary() {
                for scenario in loaded.scenarios { library[scenario.kind, default: []].append(scenario.id) }
            }
            let tested: [String: Set<Pillar>]
            do throws(StoreError) { tested = try database.testedPillars(team: name) } catch { throw CommandFailure(error) }
            let report = TrendReport(team: name, runs: runs, items: try database.itemsForCommand(team: name), library: library,
                                     testedPillars: tested, reportDate: day)
            let content: TerminalText = switch output.format {
            case .text: textForOutput(ReviewText(terminal: .standardOutput).render(report))
            case .markdown: TerminalText(escaping: report.markdown())
            case .json: try ReportFormat.json(report)
            case .html: TerminalText(escaping: report.html())
            case .csv: CSVTable.trends(report).terminalText
            }
            try output.deliver(content)
        }

        /// The team named by `--team` (a name, or a preparedness file naming it), else
        /// `./preparedness.yaml`'s team, else the database's only team.
        private func teamName(database: AppDatabase) throws(CommandFailure) -> String {
            if let team {
                // A team with runs is named as it is, even where a file of that name exists. Listing
                // every team reads the whole index of runs by team, so it is done only when needed.
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: team, isDirectory: &isFolder), !isFolder.boolValue,
                   (try? database.hasRuns(team: team)) != true {
                    do {
                        return try PreparednessProfile.load(fileAt: URL(fileURLWithPath: team), displayPath: team).team
                    } catch {
                        throw CommandFailure(error, hint: "pass the team's name or its preparedness file")
                    }
                }
                return team
            }
            if FileManager.default.fileExists(atPath: "preparedness.yaml"),
               let profile = try? PreparednessProfile.load(fileAt: URL(fileURLWithPath: "preparedness.yaml"), displayPath: "preparedness.yaml") {
                return profile.team
            }
            let teams = (try? database.teams()) ?? []
            guard teams.count == 1, let only = teams.first else {
                throw CommandFailure(lines: ["error: name a run for its after-action report, or a team for trends with --team" + (teams.isEmpty ? "" : " (teams: " + teams.map(\.terminalSafeLine).joined(separator: ", ") + ")")],
                                     code: CommandFailure.usage)
            }
            return only
        }

        private func textForOutput(_ text: TerminalText) -> TerminalText {
            output.output == nil ? text : ReviewText.plain(text)
        }
    }
}

extension ReviewText {
    /// Text without the styling escape sequences drill added (untrusted text has none left: it was neutralised).
    static func plain(_ text: TerminalText) -> TerminalText {
        text.mapLayout(plain)
    }

    private static func plain(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if ("@"..."~").contains(scalar) && scalar != "[" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
