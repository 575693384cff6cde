import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill resume RUN`: continues a paused or interrupted drill at exactly the next prompt.
    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume",
            abstract: "Continue a paused or interrupted drill where it stopped.",
            discussion: """
                The run is replayed from its stored answers against the scenario and preparedness it started with. \
                A drill stopped after its last answer continues with the hot wash questions not yet answered, then the debrief.

                Examples:
                  drill resume 20261126-sl75
                  drill resume 20261126-sl --answers rest.yaml
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ArgumentHelp("The run's id, or the start of it (see `drill runs`).", valueName: "run-id"), completion: Completions.runIDs)
        var runID: String

        @Option(help: ArgumentHelp("Answers by prompt id, for the rest of the drill.", valueName: "file"), completion: Completions.yamlFile)
        var answers: String?

        @Option(help: "Output format: text, or json (the transcript at the end).")
        var format: OutputFormat = .text

        @OptionGroup var timing: TimingOptions

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let stored = try StoredRun.loadForCommand(runID, from: database)
                let run = stored.run
                guard run.status != .finished else {
                    throw CommandFailure(lines: ["error: run \(run.id) has already finished; `drill show \(run.id)` shows it"], code: CommandFailure.usage)
                }
                let script = try answers.map(AnswerScript.loadForCommand)
                let out = format == .json ? Terminal.standardError : Terminal.standardOutput
                let session = stored.session
                let recorder = DrillRecorder(database: database, runID: run.id, nextSeq: (stored.events.last?.seq ?? 0) + 1)
                let participants: [ParticipantRecord]
                do throws(StoreError) {
                    participants = try database.participants(runID: run.id)
                    try recorder.record(DrillEvent(kind: .resumed, simulated: session.now, text: "resumed"))
                    try database.setStatus(runID: run.id, .inProgress, endedAt: nil)
                } catch {
                    throw CommandFailure(error)
                }
                let renderer = DrillRenderer(session: session, terminal: out, participants: participants)
                out.write(renderer.opening(runID: run.id, team: run.team, resumed: true))
                // Recap the current inject up to where the drill stopped.
                let shown = session.events[..<stored.storedEngineEvents]
                if let lastInject = shown.lastIndex(where: { $0.kind == .inject }) {
                    let number = shown.filter { $0.kind == .inject }.count
                    for event in shown[lastInject...] { out.write(renderer.render(event, injectNumber: number)) }
                }
                var player = DrillPlayer(
                    session: session, recorder: recorder, source: script.map { .script($0) } ?? .lines(StandardInput.forPrompts(on: out)),
                    participants: participants, facilitator: run.facilitator, out: out, stored: stored.storedEngineEvents,
                    timeBox: timing.timeBox)
                // Stopped during the hot wash (every inject answered): the questions answered are not asked again.
                player.recordedHotWash = stored.events.map(\.event).filter { $0.kind == .hotWash }
                try DrillPlayer.playGuarded(&player, format: format, database: database)
            }
        }
    }
}
