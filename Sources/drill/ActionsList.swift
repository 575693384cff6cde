import ArgumentParser
import DrillKit
import Foundation

extension Drill.Actions {
    /// `drill actions list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List improvement items (open ones, and accepted risks, unless --all).",
            discussion: """
                CSV (RFC 4180, UTF-8, a header row) is for spreadsheets: a cell that would start with =, +, - or @ \
                starts with ' instead, so no spreadsheet runs it as a formula.

                Examples:
                  drill actions list
                  drill actions list --all --for-team "Lighthouse Apps (example)"
                  drill actions list --all --format csv
                """)

        @OptionGroup var options: DatabaseOption

        @Option(name: .customLong("for-team"), help: ArgumentHelp("Only this team's items.", valueName: "name"))
        var teamName: String?

        @Flag(help: "Include closed items.")
        var all = false

        @Option(help: "Output format: text, json or csv.")
        var format: TableFormat = .text

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let items = try database.itemsForCommand(team: teamName).filter { all || $0.state == .open }
                let out = Terminal.standardOutput
                let today = CalendarDate.today
                switch format {
                case .json:
                    out.line(try JSONOutput.list("items", items))
                    return
                case .csv:
                    out.write(CSVTable.items(items, on: today).terminalText)
                    return
                case .text:
                    break
                }
                guard !items.isEmpty else {
                    out.paragraph(all ? "No improvement items yet: they open when a drill finds a need unmet or partial." : "No open improvement items." + " `drill actions --all` lists closed ones too.")
                    return
                }
                for team in Array(Swift.Set(items.map(\.team))).sorted() {
                    out.paragraph(TerminalText.line(team), .heading)
                    for item in items where item.team == team {
                        let state = ReviewWords.state(of: item, on: today)
                        let style: Terminal.Style = item.state == .closed ? .good : item.isRiskAccepted ? .dim
                            : item.openAfterTwoDrills || item.isOverdue(on: today) ? .bad : .warning
                        out.paragraph("  \(item.label.padding(toLength: 5, withPad: " ", startingAt: 0))\(item.fixKey.terminalSafeLine) " + out.styled("(\(item.pillar.rawValue), \(item.lastStatus.rawValue))", .dim) + " · " + out.styled(TerminalText.line(state), style))
                        for line in TextLayout.wrap(TerminalText.line(item.action), width: out.width, indent: "       ") { out.paragraph(line) }
                        var facts: [TerminalText] = []
                        facts.append("found in " + item.needs.map { "\(line: $0.scenarioId)/\(line: $0.needId)" as TerminalText }.joined(separator: ", "))
                        facts.append("owner \(line: item.owner ?? "–")")
                        facts.append("due \(item.dueDate?.description ?? "–")")
                        facts.append("\(item.seenInRunIds.count) run\(item.seenInRunIds.count == 1 ? "" : "s"), first \(item.openedRunId)")
                        if item.isRiskAccepted, let reason = item.acceptance?.reason { facts.append("accepted: \(line: reason)") }
                        if !item.notes.isEmpty { facts.append("\(item.notes.count) note\(item.notes.count == 1 ? "" : "s")") }
                        for line in TextLayout.wrap(facts.joined(separator: " · "), width: out.width, indent: "       ") { out.paragraph(out.styled(line, .dim)) }
                    }
                }
            }
        }
    }
}
