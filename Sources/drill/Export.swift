import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill export`: stored runs as Markdown (for people) and JSON (lossless) transcripts.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write stored runs as Markdown and JSON transcripts (default folder: transcripts/).",
            discussion: """
                File names start with the run's UTC start time, so they sort by date, then name the team, \
                scenario and run: 2026-11-26T1710Z_lighthouse-apps_dormant-contractor-admin_20261126-mk6p.json. \
                The JSON is lossless: `drill import` loads it back exactly. Exporting again overwrites the \
                same files with the same content.

                Examples:
                  drill export 20261126-sl75
                  drill export --all --for-team "Lighthouse Apps (example)"
                  drill export --all --since 2026-10-01 --format json --output shared
                """)

        /// Which transcripts to write.
        enum Formats: String, ExpressibleByArgument, CaseIterable {
            case both, markdown, json
        }

        @OptionGroup var options: DatabaseOption

        @Argument(help: ArgumentHelp("Runs to export (ids or unique prefixes).", valueName: "run-id"), completion: Completions.runIDs)
        var runIDs: [String] = []

        @Flag(help: "Export every run matching the filters (all runs without filters).")
        var all = false

        @OptionGroup var selection: RunSelectionOptions

        @Option(name: [.short, .long], help: ArgumentHelp("The folder to write to.", valueName: "dir"), completion: .directory)
        var output = "transcripts"

        @Option(help: "Which transcripts to write: both, markdown or json.")
        var format: Formats = .both

        func validate() throws {
            if runIDs.isEmpty && !all && !selection.isFiltering {
                throw ValidationError("name the runs to export, or pass --all (with --for-team, --scenario, --status, --since, --until to narrow it)")
            }
            if output == StandardStream.name {
                throw ValidationError("--output names a folder for the files; for one run's transcript on standard output, use `drill show RUN --format json`")
            }
            if !runIDs.isEmpty && (all || selection.isFiltering) {
                throw ValidationError("name runs or use --all and filters, not both")
            }
        }

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                var ids: [String] = []
                if runIDs.isEmpty {
                    ids = try database.runs(selection.filter).map(\.id).reversed()
                } else {
                    for runID in runIDs { ids.append(try database.run(matching: runID).id) }
                }
                guard !ids.isEmpty else {
                    Terminal.standardOutput.line("No stored runs match; nothing was written.")
                    return
                }
                // Only Markdown lists items, and only the run's team's: fetched per team when first
                // needed (every team's at once read every finding in the database, BENCHMARKS.md).
                var itemsByTeam: [String: [ImprovementItem]] = [:]
                let today = CalendarDate.today
                var failures: [String] = []
                var written = 0
                let progress = ProgressLine("exported", "runs", total: ids.count)
                for id in ids {
                    progress.clear()
                    defer { progress.advance() }
                    // The JSON streams the events from the database, so a run of any length
                    // exports in the same memory; the Markdown needs the whole run.
                    var transcript: RunTranscript
                    transcript = try RunTranscript(headerOf: id, from: database)
                    let folder = URL(fileURLWithPath: output)
                    var paths: [String] = []
                    if format != .markdown {
                        let path = folder.appendingPathComponent(transcript.fileStem + ".json").relativePath
                        let stream = TranscriptJSONStream(header: transcript)
                        try ReviewFiles.write(to: path) { append in
                            try append(stream.head)
                            var count = 0
                            try database.forEachEvent(runID: transcript.id) { event in
                                try append(stream.element(event, index: count))
                                count += 1
                            }
                            try append(stream.ending(afterEvents: count))
                        }
                        Terminal.standardOutput.line("wrote \(path.terminalSafeLine)")
                        paths.append(path)
                    }
                    if format != .json {
                        transcript = try RunTranscript(runID: transcript.id, from: database)
                        let reviewed: ReviewedRun
                        do throws(ReviewFailure) {
                            reviewed = try ReviewedRun(transcript)
                        } catch {
                            failures.append("error: run \(id): \(error.message)")
                            continue
                        }
                        let path = folder.appendingPathComponent(transcript.fileStem + ".md").relativePath
                        let items = try itemsByTeam[transcript.team] ?? database.itemsForCommand(team: transcript.team)
                        itemsByTeam[transcript.team] = items
                        try ReviewFiles.write(reviewed.transcriptMarkdown(items: items, reportDate: today), to: path)
                        Terminal.standardOutput.line("wrote \(path.terminalSafeLine)")
                        paths.append(path)
                    }
                    written += paths.count
                    try? database.audit("export", runID: id, detail: paths.joined(separator: ", "))
                }
                progress.clear()
                if !failures.isEmpty {
                    throw CommandFailure(lines: failures.map { TerminalText.line($0) }, code: CommandFailure.invalidData)
                }
                Terminal.standardError.line(Terminal.standardError.styled("\(ids.count) run\(ids.count == 1 ? "" : "s") exported, \(written) files.", .dim))
            }
        }
    }
}
