import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill replay RUN`: steps through a stored run as it happened.
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Step through a stored run as it happened, on the simulated clock.",
            discussion: """
                Each step is what the team saw before a decision, or the decision and what followed. \
                Press Enter for the next step, q and Enter (or Ctrl-D) to stop. Piped input works the same \
                way, a line per step.

                Examples:
                  drill replay 20261126-sl75
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ArgumentHelp("The run's id, or the start of it.", valueName: "run-id"), completion: Completions.runIDs)
        var runID: String

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let stored = try StoredRun.loadForCommand(runID, from: database)
                let participants = (try? database.participants(runID: stored.run.id)) ?? []
                play(stored, participants: participants, input: StandardInput.forPrompts(on: .standardOutput), out: .standardOutput)
            }
        }

        /// Shows the run step by step, waiting for a line of input between steps.
        func play(_ stored: StoredRun, participants: [ParticipantRecord], input: any LineReader, out: Terminal) {
            let run = stored.run
            let scenario = stored.session.scenario
            var renderer = DrillRenderer(session: stored.session, terminal: out)
            renderer.participants = participants
            out.paragraph(TerminalText.line(scenario.title), .heading)
            out.paragraph("\(scenario.kind.rawValue) · team \(run.team.terminalSafeLine) · run \(run.id) · played \(Timestamp8601.minutes(run.startedAt)) UTC · \(run.status.rawValue)", .dim)
            if !participants.isEmpty || run.facilitator != nil {
                let people = participants.map { $0.name.terminalSafeLine + ($0.role.map { " (\($0.terminalSafeLine))" } ?? "") }
                out.paragraph((run.facilitator.map { "facilitator \($0.terminalSafeLine)" + (people.isEmpty ? "" : " · ") } ?? "") + (people.isEmpty ? "" : "participants " + people.joined(separator: ", ")), .dim)
            }
            for line in renderer.wrap(TerminalText.line(scenario.summary), indent: "") { out.line(line) }
            out.paragraph("Discovered \(scenario.discovered.description.terminalSafeLine)" + (scenario.detectedBy.map { " by \($0.terminalSafeLine)" } ?? "") + ".", .dim)

            let steps = Self.steps(stored.events.map(\.event))
            var injects = 0
            for (index, step) in steps.enumerated() {
                let first = step.first?.simulated ?? .zero
                // An inject shows its own time; other steps say when they happen.
                let when = step.first?.kind == .inject ? "" : " · \(first.clockLabel) · \(stored.session.localTime(at: first).terminalSafeLine)"
                out.paragraph("· step \(index + 1) of \(steps.count)\(when)", .dim)
                for event in step {
                    if event.kind == .inject { injects += 1 }
                    out.write(renderer.render(event, injectNumber: injects))
                }
                guard index + 1 < steps.count else { break }
                guard let line = input.readLine(prompt: out.styled("[Enter] next step · q quit > ", .dim), on: out) else {
                    out.line()
                    return
                }
                if !input.isInteractive { out.line() }
                if ["q", "quit", ":q", "exit"].contains(line.trimmingCharacters(in: .whitespaces).lowercased()) { return }
            }
            if run.status == .finished, let score = run.score {
                out.write(renderer.debrief(events: stored.events.map(\.event), score: score))
            } else {
                out.paragraph("The run stops here (\(run.status.rawValue)). Continue it with: drill resume \(run.id)", .emphasis)
            }
        }

        /// The events cut into steps: a new step starts at each answer and each inject, so every
        /// pause falls where the team had to decide or a new inject arrived.
        static func steps(_ events: [DrillEvent]) -> [[DrillEvent]] {
            var steps: [[DrillEvent]] = []
            for event in events {
                if steps.isEmpty || ((event.kind == .answer || event.kind == .inject) && !(steps.last?.isEmpty ?? true)) {
                    steps.append([event])
                } else {
                    steps[steps.count - 1].append(event)
                }
            }
            return steps
        }
    }
}
