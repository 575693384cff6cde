import ArgumentParser
import DrillKit
import Foundation

extension Drill.Actions {
    /// `drill actions show ITEM`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an improvement item: the needs it covers and its history.",
            discussion: """
                The history says which run opened the item, which found it again, what closed it (a run, or \
                `drill check` with the evidence file and SHA-256 its finding rested on), reopenings, accepted \
                risks, notes, and changes of owner or due date.

                Examples:
                  drill actions show 4
                  drill actions show '#4' --format json
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ItemNumber.help)
        var item: ItemNumber

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let found: ImprovementItem?
                do throws(StoreError) { found = try database.improvementItem(id: item.id) } catch { throw CommandFailure(error) }
                guard let found else { throw ItemNumber.missing(item.id) }
                let out = Terminal.standardOutput
                if format == .json {
                    out.line(try JSONOutput.object(found))
                    return
                }
                let today = CalendarDate.today
                out.paragraph("\(found.label) \(found.fixKey.terminalSafeLine) · \(found.team.terminalSafeLine)", .heading)
                out.paragraph("  " + out.styled(TerminalText.line(ReviewWords.state(of: found, on: today)), found.state == .closed ? .good : .warning)
                              + out.styled(" · \(found.pillar.rawValue) · owner \(found.owner?.terminalSafeLine ?? "–") · due \(found.dueDate?.description ?? "–")", .dim))
                for line in TextLayout.wrap(TerminalText.line(found.action), width: out.width, indent: "  ") { out.paragraph(line) }
                if let acceptance = found.acceptance {
                    let words = acceptance.inForce ? "Risk accepted until \(acceptance.until)" : "Risk was accepted until \(acceptance.until)"
                    out.paragraph("  \(words): \(acceptance.reason.terminalSafeLine)", acceptance.inForce ? nil : .dim)
                }
                out.line()
                out.paragraph("Needs it covers", .heading)
                for need in found.needs {
                    let status = need.movedTo.map { "now asks for \($0)" } ?? need.status
                    out.paragraph("  \("\(need.scenarioId)/\(need.needId)".terminalSafeLine) · \(status.terminalSafeLine) · runs \(need.runIds.joined(separator: ", "))")
                    for line in TextLayout.wrap(TerminalText.line(need.reason), width: out.width, indent: "      ") { out.paragraph(out.styled(line, .dim)) }
                }
                out.line()
                out.paragraph("History", .heading)
                for entry in found.history {
                    let when = entry.kind == .opened || entry.kind == .foundAgain || entry.kind == .reopened || (entry.kind == .needMet && !entry.byCheck) || (entry.kind == .closed && !entry.byCheck)
                        ? "\(Timestamp8601.day(entry.at))" : Timestamp8601.minutes(entry.at)
                    var text = entry.text
                    if !entry.needs.isEmpty && entry.kind != .closed { text += " (" + entry.needs.joined(separator: ", ") + ")" }
                    if let by = entry.by { text += " — \(by)" }
                    out.paragraph("  \(when.padding(toLength: 16, withPad: " ", startingAt: 0))  \(text.terminalSafeLine)")
                    for evidence in entry.evidence {
                        out.paragraph(out.styled("                    evidence \(evidence.file?.terminalSafeLine ?? "–") sha256 \(evidence.sha256 ?? "–") (\(evidence.record.terminalSafeLine) \(evidence.field): \(evidence.state.rawValue))", .dim))
                    }
                }
            }
        }
    }
}
