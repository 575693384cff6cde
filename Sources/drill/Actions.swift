import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill actions`: improvement items, their owners, due dates, notes, accepted risks and history.
    struct Actions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "actions",
            abstract: "List improvement items, show one's history, set its owner and due date, accept a risk, add a note.",
            discussion: """
                Gaps that the same change to the same preparedness field would close are one item, listing every \
                scenario and run that found them. An item closes by itself when every need it covers is found met \
                by a later drill, or by `drill check` on the team's preparedness; a gap found again reopens the \
                item with its owner, due date and history.

                Examples:
                  drill actions
                  drill actions --all --format csv
                  drill actions show 4
                  drill actions set 4 --owner Priya --due 2027-01-31
                  drill actions accept 4 --reason "Renewal in March" --until 2027-03-31
                  drill actions note 4 "Asked the vendor for a 24/7 line"
                """,
            subcommands: [List.self, Show.self, Set.self, Accept.self, Note.self],
            defaultSubcommand: List.self)
    }
}

/// An item number as `drill actions` prints it: `4` or `#4`.
struct ItemNumber: ExpressibleByArgument {
    let id: Int64

    init?(argument: String) {
        let digits = argument.hasPrefix("#") ? String(argument.dropFirst()) : argument
        guard let id = Int64(digits), id > 0 else { return nil }
        self.id = id
    }

    static let help = ArgumentHelp("The item's number, as `drill actions` lists it: 4 or #4.", valueName: "item")

    /// The failure for a number no item has.
    static func missing(_ id: Int64) -> CommandFailure {
        CommandFailure(lines: ["error: no improvement item #\(id); `drill actions --all` lists them"], code: CommandFailure.missingInput)
    }
}

/// Output of the list commands that a spreadsheet may read.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}
