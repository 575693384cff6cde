import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill show RUN`: a stored run's full transcript.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a stored run's full transcript.",
            discussion: """
                Examples:
                  drill show 20261126-sl75
                  drill show 20261126-sl75 --format json
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ArgumentHelp("The run's id, or the start of it.", valueName: "run-id"), completion: Completions.runIDs)
        var runID: String

        @Option(help: "Output format: text or json (lossless).")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase(creating: false)
                let out = Terminal.standardOutput
                if format == .json {
                    try out.line(JSONOutput.object(RunTranscript(runID: runID, from: database)))
                    return
                }
                let stored = try StoredRun.loadForCommand(runID, from: database)
                let run = stored.run
                let participants = (try? database.participants(runID: run.id)) ?? []
                let renderer = DrillRenderer(session: stored.session, terminal: out)
                out.paragraph("Run \(run.id) · \(run.status.rawValue)", .heading)
                out.paragraph("Team \(run.team.terminalSafeLine) · scenario \(run.scenarioID.terminalSafeLine) · started \(Timestamp8601.minutes(run.startedAt)) UTC" + (run.endedAt.map { " · ended \(Timestamp8601.minutes($0)) UTC" } ?? ""))
                if let playedOn = run.playedOn {
                    out.paragraph("Backfilled: played on \(playedOn), recorded \(Timestamp8601.minutes(run.startedAt)) UTC (drill run --played-on)", .warning)
                }
                if let facilitator = run.facilitator { out.paragraph("Facilitator: \(facilitator.terminalSafeLine)") }
                if !participants.isEmpty {
                    out.paragraph("Participants: " + participants.map { $0.name.terminalSafeLine + ($0.role.map { " (\($0.terminalSafeLine))" } ?? "") }.joined(separator: ", "))
                }
                out.paragraph("Preparedness: \(run.preparednessSource.terminalSafeLine) (sha256 \(run.preparednessHash.prefix(12))…) · records judged on \(run.asOf)", .dim)
                var injects = 0
                for stored in stored.events {
                    if stored.event.kind == .inject { injects += 1 }
                    out.write(renderer.render(stored.event, injectNumber: injects))
                }
                if run.status == .finished, let score = run.score {
                    out.write(renderer.debrief(events: stored.events.map(\.event), score: score))
                } else {
                    out.paragraph("Not finished. Continue with: drill resume \(run.id)", .emphasis)
                }
            }
        }
    }
}
