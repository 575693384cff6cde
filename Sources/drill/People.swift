import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill people`: who has completed which scenarios, in which mode, and when.
    struct People: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "people",
            abstract: "Who has completed which scenarios in which mode and when; who is new and has not yet done one of each kind.",
            discussion: """
                Examples:
                  drill people
                  drill people --format json
                """)

        @OptionGroup var options: DatabaseOption

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let report: PeopleReport
                do throws(StoreError) { report = PeopleReport(try database.participations(), now: Date()) } catch { throw CommandFailure(error) }
                let out = Terminal.standardOutput
                if format == .json {
                    out.line(try JSONOutput.object(report))
                    return
                }
                guard !report.people.isEmpty else {
                    out.paragraph("Nobody has taken part in a stored run yet. Name participants with `drill run --participant NAME[:ROLE]` or `drill learn --name NAME`.")
                    return
                }
                for person in report.people {
                    let tag = person.isNew ? out.styled(" (new)", .warning) : ""
                    let roles = person.roles.isEmpty ? "" : out.styled(" · " + person.roles.map(\.terminalSafeLine).joined(separator: ", "), .dim)
                    out.paragraph(out.styled(TerminalText.line(person.name), .heading) + tag + roles)
                    for run in person.completed {
                        out.paragraph("  ✓ \(Timestamp8601.minutes(run.finishedAt).prefix(10))  \(run.mode.padding(toLength: 10, withPad: " ", startingAt: 0)) \(run.scenarioId.terminalSafeLine) (\(run.kind))")
                    }
                    if person.unfinished > 0 { out.paragraph(out.styled("  \(person.unfinished) run\(person.unfinished == 1 ? "" : "s") not finished", .dim)) }
                    if !person.missingKinds.isEmpty {
                        out.paragraph(out.styled("  not yet done: " + person.missingKinds.map(\.rawValue).joined(separator: ", "), person.isNew ? .warning : .dim))
                    }
                }
            }
        }
    }
}
