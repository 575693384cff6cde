import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill due`: when each team's next drill is due, and what to play next.
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due",
            abstract: "Per team: the last drill, when the next is due (by the team's cadence), kinds not exercised in 12 months, and a suggested next scenario.",
            discussion: """
                A team's cadence is `drills: {every: 3mo}` in its preparedness file (quarterly when it does not say); \
                the next drill is due one cadence after the day the last was played (`drill run --played-on` \
                records one held earlier). The suggestion favours kinds not exercised, then scenarios that test the \
                team's open improvement items, then scenarios never played. --format ics writes an iCalendar file \
                with one event per team on the day its next drill is due, repeating at its cadence.

                Examples:
                  drill due
                  drill due --as-of 2027-01-15 --format json
                  drill due --format ics -o drills.ics
                """)

        @OptionGroup var options: GlobalOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to plan from (default: today, UTC).", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var asOf: CalendarDate?

        @Option(help: "Output format: text, json or ics (iCalendar).")
        var format: DueFormat = .text

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output (- is standard output).", valueName: "file"), completion: .file())
        var output: String?

        enum DueFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json, ics
        }

        func run() throws {
            try reportingFailures {
                let today = asOf ?? .today
                let current = try options.loadTeam()
                let library = try options.loadLibrary()
                let database = try options.openDatabase()
                let schedules: [DrillSchedule]
                do throws(StoreError) {
                    schedules = try DrillSchedule.all(current: current.profile, history: try database.runHistory(), library: library.scenarios,
                                                      today: today) { team throws(StoreError) in
                        try database.improvementItems(team: team, on: today).filter { $0.state == .open }
                    }
                } catch {
                    throw CommandFailure(error)
                }
                let content: TerminalText
                switch format {
                case .json: content = try JSONOutput.list("teams", schedules) + "\n"
                case .ics:
                    // iCalendar ends its lines with CRLF; within them, nothing may steer a terminal.
                    let lines = DrillCalendar.ics(schedules, now: Date()).components(separatedBy: "\r\n")
                    content = TerminalText.join(lines.map { TerminalText(escaping: $0) }, separator: "\r\n")
                case .text:
                    guard output == nil || output == StandardStream.name else {
                        throw CommandFailure(lines: ["error: --output writes --format json or ics; text goes to the terminal"], code: CommandFailure.usage)
                    }
                    for line in text(schedules) { Terminal.standardOutput.paragraph(line) }
                    return
                }
                if let output, output != StandardStream.name {
                    try ReviewFiles.write(content.rendered, to: output)
                    Terminal.standardError.line("wrote \(output.terminalSafeLine)")
                } else {
                    Terminal.standardOutput.write(content)
                }
            }
        }

        private func text(_ schedules: [DrillSchedule]) -> [TerminalText] {
            let out = Terminal.standardOutput
            var lines: [TerminalText] = []
            for schedule in schedules {
                lines.append(out.styled(TerminalText.line(schedule.team), .heading))
                if let last = schedule.lastDrill {
                    lines.append("  last drill: \(last.playedOn) \(last.scenarioId.terminalSafeLine)\(last.overallScore.map { ", \($0)/100" } ?? "") (run \(last.runId)\(last.backfilled ? ", backfilled" : ""))")
                } else {
                    lines.append("  last drill: none recorded")
                }
                let cadence = "drills \(schedule.cadenceSpoken)" + (schedule.cadenceIsDefault ? " (default)" : "")
                if schedule.daysOverdue > 0 {
                    lines.append(out.styled("  next drill: due since \(schedule.nextDrillDue), \(schedule.daysOverdue) day\(schedule.daysOverdue == 1 ? "" : "s") overdue · \(cadence)", .warning))
                } else if schedule.due {
                    lines.append(out.styled("  next drill: due today · \(cadence)", .warning))
                } else {
                    lines.append(out.styled("  next drill: due by \(schedule.nextDrillDue)", .good) + out.styled(" · \(cadence)", .dim))
                }
                if !schedule.kindsNotExercised.isEmpty {
                    lines.append("  not exercised in 12 months: \(schedule.kindsNotExercised.map(\.rawValue).joined(separator: ", "))")
                }
                if let next = schedule.suggestion {
                    lines.append("  next: \(next.scenarioId.terminalSafeLine) — \(next.title.terminalSafeLine)")
                    lines.append(out.styled("        because \(next.reasons.map(\.terminalSafeLine).joined(separator: "; "))", .dim))
                }
            }
            return lines
        }
    }
}
