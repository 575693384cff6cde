import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill new`: starting points for authors.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write a commented starting point for a new file.",
            discussion: """
                Examples:
                  drill new scenario leaked-api-key --kind app-compromise
                """,
            subcommands: [NewScenario.self])
    }
}
