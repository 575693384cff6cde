import ArgumentParser
import DrillKit
import Foundation

/// Starting a drill, shared by `drill run` and `drill learn`: load the team and the scenario,
/// create the run with its participants and findings, then play it.
struct DrillStart {
    let options: GlobalOptions
    let scenarioID: String?
    let answers: String?
    let format: OutputFormat
    let facilitator: String?
    let participants: [String]
    let asOf: CalendarDate?
    let mode: DrillSession.Mode
    let timeBox: Double?
    /// Where the team's evidence is (`drill run --evidence`); `nil` plays the claims as written.
    var evidence: EvidenceOptions? = nil
    /// For a drill held earlier (`drill run --played-on`): the day it was played.
    var playedOn: CalendarDate? = nil

    func play() throws {
        // A backfilled drill's records are judged on the day it was played, unless --as-of says otherwise.
        let asOf = asOf ?? playedOn
        let team = try options.loadTeam(judgedOn: asOf ?? .today)
        // With an id, only that scenario's file is parsed when the folder allows (see `loadScenario`).
        let library = try scenarioID.flatMap {
            ScenarioLibrary.loadScenario(id: $0, folder: URL(fileURLWithPath: options.scenarios), displayPath: options.scenarios)
        } ?? options.loadLibrary()
        let out = format == .json ? Terminal.standardError : Terminal.standardOutput
        let err = Terminal.standardError
        // A file that does not load is left out of the library; the drill goes on without it.
        for diagnostic in library.diagnostics { err.diagnostic(diagnostic, prefix: "skipped: ") }
        let script = try answers.map(AnswerScript.loadForCommand)
        let scenario = try chooseScenario(library, out: out)
        guard let yaml = library.sources[scenario.id] else {
            throw CommandFailure(lines: ["error: the text of scenario '\(scenario.id)' was not kept"], code: CommandFailure.ioFailure)
        }
        let database = try options.openDatabase()
        if team.isExample {
            err.line(err.styled("Using the embedded example team (no ./preparedness.yaml); write your own with `drill init`.", .dim))
        }
        // The records are held to the team's own exports first, when there are any; the run is
        // judged on exactly what it stores of them (read back from their stored form).
        let judgedOn = asOf ?? .today
        let read = evidence?.judge(team, asOf: judgedOn)
        let stored = read.map { RunEvidence(folder: $0.report.folder, read: $0.files, maxAge: evidence?.maxAge ?? .days(90)).roundTripped }
        for problem in read?.report.problems ?? [] {
            err.line(err.styled("warning: \(problem.terminalSafeLine) (nothing is judged from it)", .warning))
        }
        let session = DrillSession(scenario: scenario, profile: team.profile, asOf: judgedOn, mode: mode,
                                   evidence: stored.map { $0.judge(team.profile, asOf: judgedOn) })
        if let report = read?.report {
            let claims = report.provenance
            out.line(out.styled("Evidence from \(report.folder.terminalSafeLine): \(claims.filter { $0.state == .verified }.count) claims verified, "
                + "\(claims.filter { $0.state == .contradicted }.count) contradicted (judged on the evidence), "
                + "\(claims.filter { $0.state == .tooOld }.count) too old, \(claims.filter { $0.state == .declared }.count) declared only.", .dim))
        }
        let startedAt = Date()
        let record = RunRecord(
            id: RunRecord.makeID(startedAt: startedAt), team: team.profile.team, scenarioID: scenario.id,
            scenarioTitle: scenario.title, scenarioKind: scenario.kind.rawValue, mode: mode.rawValue, facilitator: facilitator,
            startedAt: startedAt, asOf: session.asOf, scenarioYAML: yaml, preparednessYAML: team.yaml, preparednessSource: team.source,
            playedOn: playedOn)
        let people = participants.enumerated().map { Participants.parse($1, runID: record.id, position: $0) }
        do throws(StoreError) {
            try database.createRun(record, participants: people, findings: session.assessment.findings, evidence: stored,
                                   opening: session.events)
        } catch {
            throw CommandFailure(error)
        }
        if let playedOn {
            err.line(err.styled("Recording a drill played on \(playedOn) (backfilled; records judged on \(session.asOf)).", .dim))
        }
        out.write(DrillRenderer(session: session, terminal: out, participants: people).opening(runID: record.id, team: record.team, resumed: false))
        // The opening events were stored with the run; the player shows them first.
        let recorder = DrillRecorder(database: database, runID: record.id, nextSeq: session.events.count + 1,
                                     lastSimulated: session.events.last?.simulated ?? .zero)
        var player = DrillPlayer(
            session: session, recorder: recorder, source: script.map { .script($0) } ?? .lines(StandardInput.forPrompts(on: out)),
            participants: people, facilitator: facilitator, out: out, stored: session.events.count, shown: 0, timeBox: timeBox)
        try DrillPlayer.playGuarded(&player, format: format, database: database)
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
        out.paragraph("Which scenario?", .heading)
        for (index, scenario) in library.scenarios.enumerated() {
            out.line("  \(index + 1)) \(scenario.title.terminalSafeLine) " + out.styled("(\(scenario.kind.rawValue), \(scenario.id.terminalSafeLine))", .dim))
        }
        let input = StandardInput.forPrompts(on: out)
        while true {
            guard let line = input.readLine(prompt: out.styled("> ", .emphasis), on: out) else {
                throw CommandFailure(lines: ["error: no scenario chosen (end of input)"], code: CommandFailure.usage)
            }
            // A pipe does not echo: show the choice, as the drill's own prompts do.
            if !input.isInteractive { out.line(TerminalText.line(line)) }
            let text = line.trimmingCharacters(in: .whitespaces)
            if let number = Int(text), library.scenarios.indices.contains(number - 1) { return library.scenarios[number - 1] }
            if let scenario = library.scenario(text) { return scenario }
            out.paragraph("  choose a number from 1 to \(library.scenarios.count)", .warning)
        }
    }
}

/// `--timed` and `--time-box`: real-time pressure, pause-aware.
struct TimingOptions: ParsableArguments {
    @Flag(help: "Give each prompt a time box and record how long the team took (shown in the debrief).")
    var timed = false

    @Option(name: .customLong("time-box"), help: ArgumentHelp("The time box per prompt with --timed (default: 5min).", valueName: "duration"),
            transform: TimingOptions.span)
    var box: TimeSpan = .hours(5.0 / 60)

    /// Seconds per prompt, when timed.
    var timeBox: Double? { timed ? box.hours * 3600 : nil }

    static func span(_ text: String) throws -> TimeSpan {
        guard let span = TimeSpan(parsing: text), span > .zero else { throw ValidationError("'\(text)' is not a duration; write e.g. 2min or 5min") }
        return span
    }
}

extension DrillSession.Mode: ExpressibleByArgument {}

extension Drill {
    /// `drill learn`: a new hire plays alone, with explanations tied to the team's own records.
    struct Learn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "learn",
            abstract: "Onboarding: play a scenario alone, with hints on request and, after each decision, why and which of the team's records it depends on.",
            discussion: """
                The same as `drill run --mode onboarding`. Onboarding runs are kept out of team trends; `drill people` lists who has done which.

                Examples:
                  drill learn
                  drill learn dormant-contractor-admin --name Sam
                """)

        @OptionGroup var options: GlobalOptions

        @Argument(help: ArgumentHelp("The scenario's id (without one: pick from the library).", valueName: "scenario-id"), completion: Completions.scenarioIDs)
        var scenarioID: String?

        @Option(help: ArgumentHelp("Your name, as it should appear in `drill people` (default: your user name).", valueName: "name"))
        var name: String?

        @Option(help: ArgumentHelp("Answers by prompt id, without prompting.", valueName: "file"), completion: Completions.yamlFile)
        var answers: String?

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge record ages on this day (default: today, UTC).", valueName: "YYYY-MM-DD"),
                transform: CalendarDate.argument)
        var asOf: CalendarDate?

        @OptionGroup var timing: TimingOptions

        func run() throws {
            try reportingFailures {
                let person = name ?? AuditIdentity.current.user
                try DrillStart(options: options, scenarioID: scenarioID, answers: answers, format: .text, facilitator: nil,
                               participants: [person + ":new hire"], asOf: asOf, mode: .onboarding, timeBox: timing.timeBox).play()
            }
        }
    }
}
