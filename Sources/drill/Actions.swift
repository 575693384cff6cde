import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill actions`: improvement items, their owners and due dates.
    struct Actions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "actions",
            abstract: "List improvement items, or set an item's owner and due date.",
            discussion: """
                Each need a drill found unmet or partial is an item with a corrective action and the \
                preparedness field to change. An item closes by itself when a later drill, or `drill check` \
                on the team's preparedness, finds the need met.

                Examples:
                  drill actions
                  drill actions --all --format json
                  drill actions set 4 --owner Priya --due 2027-01-31
                """,
            subcommands: [List.self, Set.self],
            defaultSubcommand: List.self)

        /// `drill actions list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List improvement items (open ones unless --all).",
                discussion: """
                    Examples:
                      drill actions list
                      drill actions list --all --for-team "Lighthouse Apps (example)"
                    """)

            @OptionGroup var options: DatabaseOption

            @Option(name: .customLong("for-team"), help: ArgumentHelp("Only this team's items.", valueName: "name"))
            var teamName: String?

            @Flag(help: "Include closed items.")
            var all = false

            @Option(help: "Output format: text or json.")
            var format: OutputFormat = .text

            func run() throws {
                try reportingFailures {
                    let database = try options.openDatabase()
                    let items = try database.itemsForCommand(team: teamName).filter { all || $0.state == .open }
                    let out = Terminal.standardOutput
                    if format == .json {
                        out.line(try JSONOutput.list("items", items))
                        return
                    }
                    guard !items.isEmpty else {
                        out.paragraph(all ? "No improvement items yet: they open when a drill finds a need unmet or partial." : "No open improvement items." + " `drill actions --all` lists closed ones too.")
                        return
                    }
                    let today = CalendarDate.today
                    for team in Array(Swift.Set(items.map(\.team))).sorted() {
                        out.paragraph(team.terminalSafeLine, .heading)
                        for item in items where item.team == team {
                            let state = ReviewWords.state(of: item, on: today)
                            let style: Terminal.Style = item.state == .closed ? .good : item.openAfterTwoDrills || item.isOverdue(on: today) ? .bad : .warning
                            out.paragraph("  \(item.label.padding(toLength: 5, withPad: " ", startingAt: 0))\(item.scenarioId.terminalSafeLine)/\(item.needId.terminalSafeLine) " + out.styled("(\(item.pillar.rawValue), \(item.lastStatus.rawValue))", .dim) + " · " + out.styled(state, style))
                            for line in TextLayout.wrap(item.action.terminalSafeLine, width: out.width, indent: "       ") { out.paragraph(line) }
                            var facts: [String] = []
                            if let fix = item.fix { facts.append("field \(fix.terminalSafeLine)") }
                            facts.append("owner \(item.owner?.terminalSafeLine ?? "–")")
                            facts.append("due \(item.dueDate?.description ?? "–")")
                            facts.append("opened by run \(item.openedRunId)")
                            out.paragraph("       " + out.styled(facts.joined(separator: " · "), .dim))
                        }
                    }
                }
            }
        }

        /// `drill actions set ITEM`.
        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set", abstract: "Set an improvement item's owner and due date.",
                discussion: """
                    Examples:
                      drill actions set 4 --owner Priya --due 2027-01-31
                      drill actions set '#4' --clear-due
                    """)

            @OptionGroup var options: DatabaseOption

            @Argument(help: ArgumentHelp("The item's number (as `drill actions` lists it: 4 or #4).", valueName: "item"))
            var item: String

            @Option(help: ArgumentHelp("Who will do it.", valueName: "name"))
            var owner: String?

            @Option(help: ArgumentHelp("By when.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
            var due: CalendarDate?

            @Flag(name: .customLong("clear-owner"), help: "Remove the owner.")
            var clearOwner = false

            @Flag(name: .customLong("clear-due"), help: "Remove the due date.")
            var clearDue = false

            var itemID: Int64? { Int64(item.hasPrefix("#") ? String(item.dropFirst()) : item) }

            func validate() throws {
                guard let id = itemID, id > 0 else { throw ValidationError("'\(item)' is not an item number; `drill actions` lists them") }
                if owner == nil && due == nil && !clearOwner && !clearDue {
                    throw ValidationError("say what to set: --owner NAME, --due YYYY-MM-DD, --clear-owner or --clear-due")
                }
                if (owner != nil && clearOwner) || (due != nil && clearDue) { throw ValidationError("set a value or clear it, not both") }
                if let owner, owner.trimmingCharacters(in: .whitespaces).isEmpty || owner.count > 200 {
                    throw ValidationError("--owner needs a name of 1 to 200 characters (--clear-owner removes it)")
                }
            }

            func run() throws {
                try reportingFailures {
                    let database = try options.openDatabase()
                    let ownerChange: String?? = clearOwner ? .some(nil) : owner.map { .some($0.trimmingCharacters(in: .whitespaces)) }
                    let dueChange: CalendarDate?? = clearDue ? .some(nil) : due.map { .some($0) }
                    let updated: ImprovementItem?
                    do throws(StoreError) {
                        updated = try database.updateImprovementItem(id: itemID ?? 0, owner: ownerChange, dueDate: dueChange)
                    } catch {
                        throw CommandFailure(error)
                    }
                    guard let updated else {
                        throw CommandFailure(lines: ["error: no improvement item #\(itemID ?? 0); `drill actions --all` lists them"], code: CommandFailure.missingInput)
                    }
                    let out = Terminal.standardOutput
                    out.paragraph("\(updated.label) \(updated.scenarioId.terminalSafeLine)/\(updated.needId.terminalSafeLine): owner \(updated.owner?.terminalSafeLine ?? "–"), due \(updated.dueDate?.description ?? "–") · \(ReviewWords.state(of: updated, on: .today))")
                }
            }
        }
    }
}
