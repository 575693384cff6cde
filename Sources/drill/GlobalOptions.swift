import ArgumentParser
import DrillKit
import Foundation

/// Options every command shares: where the scenarios and the team's preparedness are.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Scenario folder.", valueName: "dir"))
    var scenarios: String = "scenarios"

    @Option(name: .long, help: ArgumentHelp("Preparedness file (default: ./preparedness.yaml, else the embedded example team).", valueName: "file"))
    var team: String?

    /// Loads the scenario library; problems in individual files come back as diagnostics.
    func loadLibrary() throws(CommandFailure) -> ScenarioLibrary {
        do {
            return try ScenarioLibrary.load(folder: URL(fileURLWithPath: scenarios), displayPath: scenarios)
        } catch {
            throw CommandFailure(error, hint: "pass --scenarios DIR to name the scenario folder")
        }
    }

    /// The team's preparedness and whether it is the embedded example.
    func loadProfile() throws(CommandFailure) -> (profile: PreparednessProfile, isExample: Bool) {
        do {
            if let team {
                return (try PreparednessProfile.load(fileAt: URL(fileURLWithPath: team), displayPath: team), false)
            }
            if FileManager.default.fileExists(atPath: "preparedness.yaml") {
                return (try PreparednessProfile.load(fileAt: URL(fileURLWithPath: "preparedness.yaml"), displayPath: "preparedness.yaml"), false)
            }
            return (try ExampleTeam.profile(), true)
        } catch {
            throw CommandFailure(error, hint: "write one with `drill init`")
        }
    }
}
