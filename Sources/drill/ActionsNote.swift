import ArgumentParser
import DrillKit
import Foundation

extension Drill.Actions {
    /// `drill actions note ITEM TEXT`.
    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to an improvement item.",
            discussion: """
                Notes are kept in the item's history (`drill actions show ITEM`) and the audit trail.

                Examples:
                  drill actions note 4 "Asked the vendor for a 24/7 line"
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ItemNumber.help)
        var item: ItemNumber

        @Argument(help: ArgumentHelp("The note.", valueName: "text"))
        var text: String

        func validate() throws {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.count > 2_000 { throw ValidationError("a note needs 1 to 2,000 characters") }
        }

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let outcome: Result<ImprovementItem, AppDatabase.ItemChangeRefusal>
                do throws(StoreError) {
                    outcome = try database.addNote(itemID: item.id, text: text.trimmingCharacters(in: .whitespacesAndNewlines))
                } catch {
                    throw CommandFailure(error)
                }
                switch outcome {
                case let .success(updated):
                    Terminal.standardOutput.paragraph("\(updated.label) \(updated.fixKey.terminalSafeLine): note added (\(updated.notes.count) in all)")
                case let .failure(refusal):
                    throw CommandFailure(refusal)
                }
            }
        }
    }
}
