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

    /// `drill due`: whether this quarter's drill is due, and what to play next.
    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due",
            abstract: "Per team: the last drill, whether this quarter's drill is due, kinds not exercised in 12 months, and a suggested next scenario.",
            discussion: """
                The suggestion favours kinds not exercised, then scenarios that test the team's open improvement items, then scenarios never played.

                Examples:
                  drill due
                  drill due --as-of 2027-01-15 --format json
                """)

        @OptionGroup var options: GlobalOptions

        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to plan from (default: today, UTC).", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var asOf: CalendarDate?

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let today = asOf ?? .today
                let current = try options.loadTeam()
                let library = try options.loadLibrary()
                let database = try options.openDatabase()
                var schedules: [DrillSchedule] = []
                do throws(StoreError) {
                    let history = try database.runHistory()
                    var teams: [String] = []
                    for team in [current.profile.team] + history.map(\.team) where !teams.contains(team) { teams.append(team) }
                    for team in teams {
                        let runs = history.filter { $0.team == team }
                        // Another team's preparedness is the one its latest run was played against.
                        let profile = team == current.profile.team ? current.profile
                            : runs.last.flatMap { try? PreparednessProfile.load(yaml: $0.preparednessYAML, displayPath: "run \($0.id)") }
                        let open = try database.improvementItems(team: team).filter { $0.state == .open }
                        schedules.append(DrillSchedule(team: team, runs: runs, openItems: open, library: library.scenarios, profile: profile, today: today))
                    }
                } catch {
                    throw CommandFailure(error)
                }
                let out = Terminal.standardOutput
                if format == .json {
                    out.line(try JSONOutput.list("teams", schedules))
                    return
                }
                for schedule in schedules {
                    out.paragraph(schedule.team.terminalSafeLine, .heading)
                    if let last = schedule.lastDrill {
                        out.paragraph("  last drill: \(Timestamp.minutes(last.startedAt).prefix(10)) \(last.scenarioId.terminalSafeLine)\(last.overallScore.map { ", \($0)/100" } ?? "") (run \(last.runId))")
                    } else {
                        out.paragraph("  last drill: none recorded")
                    }
                    out.paragraph(schedule.dueThisQuarter ? out.styled("  \(schedule.quarter) drill: due", .warning) : out.styled("  \(schedule.quarter) drill: done", .good))
                    if !schedule.kindsNotExercised.isEmpty {
                        out.paragraph("  not exercised in 12 months: " + schedule.kindsNotExercised.map(\.rawValue).joined(separator: ", "))
                    }
                    if let next = schedule.suggestion {
                        out.paragraph("  next: \(next.scenarioId.terminalSafeLine) — \(next.title.terminalSafeLine)")
                        out.paragraph("        because " + next.reasons.map(\.terminalSafeLine).joined(separator: "; "), .dim)
                    }
                }
            }
        }
    }
}
