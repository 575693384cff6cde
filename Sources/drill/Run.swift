import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill run`: plays a scenario with the team in the terminal, saving every step.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Play a scenario with the team, saving every step as it happens.",
            discussion: """
                Without a scenario id, pick one from the library. Answers are read line by line from the \
                terminal or a pipe; --answers FILE plays a scripted drill without prompting. ? shows a hint, \
                :note TEXT records a note, :pause (or Ctrl-D, Ctrl-C) stops and saves: continue with \
                `drill resume RUN`. Exits 0 when the drill ends or is paused, 130 when interrupted.
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The scenario's id (see `drill scenarios`).")
        var scenarioID: String?

        @Option(help: ArgumentHelp("Answers by prompt id, for a drill without prompting.", valueName: "file"))
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

        func validate() throws {
            if answers != nil && scenarioID == nil {
                throw ValidationError("a scripted drill (--answers) needs the scenario's id")
            }
            for participant in participants where participant.split(separator: ":").first?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
                throw ValidationError("--participant needs a name, e.g. --participant 'Priya:incident commander'")
            }
        }

        func run() throws {
            try reportingFailures {
                let team = try options.loadTeam()
                let library = try options.loadLibrary()
                let out = format == .json ? Terminal.standardError : Terminal.standardOutput
                let err = Terminal.standardError
                for diagnostic in library.diagnostics { err.line(err.styled("warning: " + diagnostic.description.terminalSafeLine, .warning)) }
                let script = try answers.map(AnswerScript.loadForCommand)
                let scenario = try chooseScenario(library, out: out)
                guard let yaml = library.sources[scenario.id] else {
                    throw CommandFailure(lines: ["error: the text of scenario '\(scenario.id)' was not kept"], code: CommandFailure.ioFailure)
                }
                let database = try options.openDatabase()
                if team.isExample {
                    err.line(err.styled("Using the embedded example team (no ./preparedness.yaml); write your own with `drill init`.", .dim))
                }
                let session = DrillSession(scenario: scenario, profile: team.profile, asOf: asOf ?? .today)
                let startedAt = Date()
                let record = RunRecord(
                    id: RunRecord.makeID(startedAt: startedAt), team: team.profile.team, scenarioID: scenario.id,
                    scenarioTitle: scenario.title, scenarioKind: scenario.kind.rawValue, facilitator: facilitator, startedAt: startedAt,
                    asOf: session.asOf, scenarioYAML: yaml, preparednessYAML: team.yaml, preparednessSource: team.source)
                let people = participants.enumerated().map { index, text in
                    let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    return ParticipantRecord(runID: record.id, name: parts[0], role: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil, position: index)
                }
                do throws(StoreError) {
                    try database.createRun(record, participants: people, findings: session.assessment.findings)
                } catch {
                    throw CommandFailure(error)
                }
                out.write(DrillRenderer(session: session, terminal: out).opening(runID: record.id, team: record.team, resumed: false))
                let recorder = DrillRecorder(database: database, runID: record.id, nextSeq: 1)
                var player = DrillPlayer(
                    session: session, recorder: recorder, source: script.map { .script($0) } ?? .lines(StandardInput()),
                    participants: people, facilitator: facilitator, out: out, stored: 0)
                try DrillPlayer.playGuarded(&player, format: format, database: database)
            }
        }

        private func chooseScenario(_ library: ScenarioLibrary, out: Terminal) throws(CommandFailure) -> Scenario {
            if let scenarioID {
                guard let scenario = library.scenario(scenarioID) else {
                    throw CommandFailure(lines: ["error: no scenario with id '\(scenarioID.terminalSafeLine)' in \(options.scenarios.terminalSafeLine); `drill scenarios` lists them"], code: CommandFailure.missingInput)
                }
                return scenario
            }
            guard !library.scenarios.isEmpty else {
                throw CommandFailure(lines: ["error: \(options.scenarios.terminalSafeLine) holds no valid scenario"], code: CommandFailure.missingInput)
            }
            out.line(out.styled("Which scenario?", .heading))
            for (index, scenario) in library.scenarios.enumerated() {
                out.line("  \(index + 1)) \(scenario.title.terminalSafeLine) " + out.styled("(\(scenario.kind.rawValue), \(scenario.id.terminalSafeLine))", .dim))
            }
            while true {
                out.write(out.styled("> ", .emphasis))
                guard let line = StandardInput().readLine() else {
                    throw CommandFailure(lines: ["error: no scenario chosen (end of input)"], code: CommandFailure.usage)
                }
                let text = line.trimmingCharacters(in: .whitespaces)
                if let number = Int(text), library.scenarios.indices.contains(number - 1) { return library.scenarios[number - 1] }
                if let scenario = library.scenario(text) { return scenario }
                out.line(out.styled("  choose a number from 1 to \(library.scenarios.count)", .warning))
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
                try Terminal.standardOutput.line(JSON.encode(RunTranscript(runID: recorder.runID, from: database)))
            } catch let error as StoreError {
                throw CommandFailure(error)
            }
        }
    }
}
