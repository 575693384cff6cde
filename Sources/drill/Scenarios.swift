import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill scenarios`: the library at a glance, and each scenario's inject graph.
    struct Scenarios: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scenarios", abstract: "List the scenario library, or draw a scenario's inject graph.",
            discussion: """
                Examples:
                  drill scenarios
                  drill scenarios --scenarios my-scenarios --format json
                  drill scenarios graph stolen-ci-oauth-tokens --format dot
                """,
            subcommands: [List.self, Graph.self],
            defaultSubcommand: List.self)
    }
}
