import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill run`: plays a scenario with the team in the terminal, saving every step.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Play a scenario with the team, saving every step as it happens.",
            discussion: """
                Without a scenario id, pick one from the library. Answers are read line by line from the \
                terminal or a pipe; --answers FILE plays a scripted drill without prompting. ? shows a hint, \
                :note TEXT records a note, :pause (or Ctrl-D, Ctrl-C) stops and saves: continue with \
                `drill resume RUN`. With an evidence folder (evidence/ beside the preparedness file, or --evidence DIR), \
                the drill plays the records as the team's own exports show them, the debrief names each fact's provenance, \
                and the run stores the evidence it was judged against. Exits 0 when the drill ends or is paused, 130 when interrupted.

                Examples:
                  drill run
                  drill run dormant-contractor-admin --facilitator Ana --participant Priya:lead
                  drill run silent-backup-failure --timed --time-box 3min
                  drill run dormant-contractor-admin --answers answers.yaml --format json
                  drill run silent-backup-failure --played-on 2026-09-14
                  drill run hijacked-support-contractor --evidence evidence
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: ArgumentHelp("The scenario's id (see `drill scenarios`).", valueName: "scenario-id"), completion: Completions.scenarioIDs)
        var scenarioID: String?

        @Option(help: ArgumentHelp("Answers by prompt id, for a drill without prompting.", valueName: "file"), completion: Completions.yamlFile)
        var answers: String?

        @Option(help: "Output format: text, or json (the run's transcript, printed at the end; the drill itself goes to standard error).")
        var format: OutputFormat = .text

        @Option(help: ArgumentHelp("Who runs the drill.", valueName: "name"))
        var facilitator: String?

        @Option(name: .customLong("participant"), help: ArgumentHelp("Someone taking part, with an optional role (repeatable).", valueName: "name[:role]"))
        var participants: [String] = []

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge record ages on this day (default: today, UTC).", valueName: "YYYY-MM-DD"),
                transform: CalendarDate.argument)
        var asOf: CalendarDate?

        @Option(name: .customLong("played-on"), help: ArgumentHelp("Record a drill that was held earlier, on this day (records are judged on it unless --as-of says otherwise); the run is marked as backfilled.", valueName: "YYYY-MM-DD"),
                transform: CalendarDate.argument)
        var playedOn: CalendarDate?

        @Option(help: "drill (a team drill) or onboarding (one person; after each decision, why, and which of the team's records it depends on).")
        var mode: DrillSession.Mode = .drill

        @OptionGroup var timing: TimingOptions

        @OptionGroup var evidenceOptions: EvidenceOptions

        func validate() throws {
            if mode == .onboarding && participants.count > 1 {
                throw ValidationError("an onboarding run is for one person; give one --participant (or use `drill learn --name NAME`)")
            }
            if answers != nil && scenarioID == nil {
                throw ValidationError("a scripted drill (--answers) needs the scenario's id")
            }
            if let playedOn, playedOn > .today {
                throw ValidationError("--played-on \(playedOn) is in the future; it records a drill already held (today is \(CalendarDate.today))")
            }
            for participant in participants where participant.split(separator: ":").first?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
                throw ValidationError("--participant needs a name, e.g. --participant 'Priya:incident commander'")
            }
        }

        func run() throws {
            try reportingFailures {
                try DrillStart(options: options, scenarioID: scenarioID, answers: answers, format: format, facilitator: facilitator,
                               participants: participants, asOf: asOf, mode: mode, timeBox: timing.timeBox, evidence: evidenceOptions, playedOn: playedOn).play()
            }
        }
    }
}

extension DrillPlayer {
    /// Plays with Ctrl-C and SIGTERM turned into a saved pause, store failures into exit 74,
    /// and, for `--format json`, the transcript printed at the end.
    static func playGuarded(_ player: inout DrillPlayer, format: OutputFormat, database: AppDatabase) throws {
        let recorder = player.recorder
        let out = player.out
        InterruptHandler.install { signalNumber in
            // Every accepted answer is already committed; record why the drill stopped.
            try? recorder.pause("paused: interrupted")
            out.line("")
            out.line("Saved. Continue with: drill resume \(recorder.runID)")
            exit(signalNumber == SIGINT ? 130 : 143)
        }
        do {
            _ = try player.play()
        } catch let error as StoreError {
            throw CommandFailure(error)
        }
        if format == .json {
            do {
                try Terminal.standardOutput.line(JSONOutput.object(RunTranscript(runID: recorder.runID, from: database)))
            } catch let error as StoreError {
                throw CommandFailure(error)
            }
        }
    }
}
