import ArgumentParser
import DrillKit
import Foundation

extension Drill.Actions {
    /// `drill actions set ITEM`.
    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set an improvement item's owner and due date.",
            discussion: """
                Examples:
                  drill actions set 4 --owner Priya --due 2027-01-31
                  drill actions set '#4' --clear-due
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ItemNumber.help)
        var item: ItemNumber

        @Option(help: ArgumentHelp("Who will do it.", valueName: "name"))
        var owner: String?

        @Option(help: ArgumentHelp("By when.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var due: CalendarDate?

        @Flag(name: .customLong("clear-owner"), help: "Remove the owner.")
        var clearOwner = false

        @Flag(name: .customLong("clear-due"), help: "Remove the due date.")
        var clearDue = false

        func validate() throws {
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
                    updated = try database.updateImprovementItem(id: item.id, owner: ownerChange, dueDate: dueChange)
                } catch {
                    throw CommandFailure(error)
                }
                guard let updated else { throw ItemNumber.missing(item.id) }
                let out = Terminal.standardOutput
                out.paragraph("\(updated.label) \(updated.fixKey.terminalSafeLine): owner \(updated.owner?.terminalSafeLine ?? "–"), due \(updated.dueDate?.description ?? "–") · \(ReviewWords.state(of: updated, on: .today))")
            }
        }
    }
}
