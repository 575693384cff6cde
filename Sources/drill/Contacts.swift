import ArgumentParser
import DrillKit
import Foundation

extension Drill {
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
