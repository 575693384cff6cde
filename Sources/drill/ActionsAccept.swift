import ArgumentParser
import DrillKit
import Foundation

extension Drill.Actions {
    /// `drill actions accept ITEM --reason TEXT --until DATE`.
    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "accept", abstract: "Accept the risk of an open item until a day, and say why.",
            discussion: """
                The item stays open but is shown as an accepted risk (not overdue, not called out) until the day \
                passes; from the day after, it is open again. Recorded in the item's history and the audit trail.

                Examples:
                  drill actions accept 4 --reason "Renewal in March" --until 2027-03-31
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ItemNumber.help)
        var item: ItemNumber

        @Option(help: ArgumentHelp("Why the team accepts the risk.", valueName: "text"))
        var reason: String

        @Option(help: ArgumentHelp("The last day the acceptance holds.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var until: CalendarDate

        func validate() throws {
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.count > 500 { throw ValidationError("--reason needs a reason of 1 to 500 characters") }
            if until < .today { throw ValidationError("--until \(until) has passed; give today or a later day") }
        }

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let outcome: Result<ImprovementItem, AppDatabase.ItemChangeRefusal>
                do throws(StoreError) {
                    outcome = try database.acceptRisk(itemID: item.id, reason: reason.trimmingCharacters(in: .whitespacesAndNewlines), until: until)
                } catch {
                    throw CommandFailure(error)
                }
                switch outcome {
                case let .success(updated):
                    Terminal.standardOutput.paragraph("\(updated.label) \(updated.fixKey.terminalSafeLine): \(ReviewWords.state(of: updated, on: .today))")
                case let .failure(refusal):
                    throw CommandFailure(refusal)
                }
            }
        }
    }
}

extension CommandFailure {
    /// Why an item could not take a note or an accepted risk.
    init(_ refusal: AppDatabase.ItemChangeRefusal) {
        switch refusal {
        case let .noSuchItem(id):
            self = ItemNumber.missing(id)
        case let .closed(id):
            self.init(lines: ["error: improvement item #\(id) is closed: every need it covers was found met, so there is no risk to accept"],
                      code: CommandFailure.usage)
        }
    }
}
