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
                    out.paragraph(out.styled(person.name.terminalSafeLine, .heading) + tag + roles)
                    for run in person.completed {
                        out.paragraph("  ✓ \(Timestamp.minutes(run.finishedAt).prefix(10))  \(run.mode.padding(toLength: 10, withPad: " ", startingAt: 0)) \(run.scenarioId.terminalSafeLine) (\(run.kind))")
                    }
                    if person.unfinished > 0 { out.paragraph(out.styled("  \(person.unfinished) run\(person.unfinished == 1 ? "" : "s") not finished", .dim)) }
                    if !person.missingKinds.isEmpty {
                        out.paragraph(out.styled("  not yet done: " + person.missingKinds.map(\.rawValue).joined(separator: ", "), person.isNew ? .warning : .dim))
                    }
                }
            }
        }
    }

    /// `drill contacts`: the team's contacts and how long ago each was confirmed.
    struct Contacts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "contacts",
            abstract: "The team's contacts with the age of their last confirmation; stale ones (over the team's policy, default 12 months) flagged.",
            discussion: """
                Examples:
                  drill contacts
                  drill contacts --team examples/nightjar-preparedness.yaml --as-of 2026-11-26
                """)

        @OptionGroup var options: TeamOption

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge ages on this day (default: today, UTC).", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var asOf: CalendarDate?

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let team = try options.loadTeam()
                let ages = ContactAges(team.profile, today: asOf ?? .today)
                let out = Terminal.standardOutput
                if format == .json {
                    out.line(try JSONOutput.object(ages))
                    return
                }
                out.paragraph("\(ages.team.terminalSafeLine) · contacts judged against \(ages.policyMonths) months", .heading)
                for row in ages.contacts {
                    let age = row.ageMonths.map { "\($0) mo" } ?? "never"
                    let mark = row.stale ? out.styled("✗ stale", .bad) : out.styled("✓      ", .good)
                    let where_ = row.storedOffPlatform ? "" : out.styled(" · only on the platform", .warning)
                    out.paragraph("  \(mark)  \(row.role.rawValue.padding(toLength: 26, withPad: " ", startingAt: 0)) \(row.name.terminalSafeLine) · confirmed \(row.confirmed?.description ?? "never") (\(age)) · \(row.availability.terminalSafeLine)\(where_)")
                }
                if !ages.missingRoles.isEmpty {
                    out.paragraph("  no contact for: " + ages.missingRoles.map(\.rawValue).joined(separator: ", "), .warning)
                }
            }
        }
    }
}
