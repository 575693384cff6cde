import ArgumentParser
import DrillKit
import Foundation

extension Drill.New {
    /// `drill new scenario ID --kind KIND`.
    struct NewScenario: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scenario",
            abstract: "Write a commented, lint-clean scenario skeleton into the scenario folder.",
            discussion: """
                The skeleton has a need in each pillar, a deadline, two injects and one prompt of \
                every kind. It is written to <scenario folder>/<scenario-id>.yaml and never \
                overwrites a file (exit 64).

                Examples:
                  drill new scenario leaked-api-key --kind app-compromise
                  drill new scenario bucket-left-open --kind data-exposure --scenarios drafts
                  drill new scenario region-outage --kind platform-degradation --output -
                """)

        @OptionGroup var options: ScenarioFolderOption

        @Argument(help: ArgumentHelp("The new scenario's id: lower-case letters, digits and '-'.", valueName: "scenario-id"))
        var scenarioID: String

        @Option(help: ArgumentHelp("The kind of incident: data-exposure, app-compromise or platform-degradation.", valueName: "kind"))
        var kind: ScenarioKindArgument

        @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead (- is standard output).", valueName: "file"), completion: .file(extensions: ["yaml"]))
        var output: String?

        /// `--scenarios DIR` as the user gave it, for the commands suggested next; empty for the default.
        private var folderOption: String {
            output == nil && options.scenarios != "scenarios" ? " --scenarios \(options.scenarios.terminalSafeLine)" : ""
        }

        func validate() throws {
            let valid = !scenarioID.isEmpty && scenarioID.count <= 64 && scenarioID != "end" && scenarioID.first != "-"
                && scenarioID.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            guard valid else { throw ValidationError("a scenario id is lower-case letters, digits and '-' (e.g. leaked-api-key)") }
        }

        func run() throws {
            try reportingFailures {
                let text = ScenarioSkeleton.yaml(id: scenarioID, kind: kind.kind)
                if output == StandardStream.name {
                    // The id is the user's, written into the skeleton.
                    Terminal.standardOutput.write(TerminalText(escaping: text))
                    return
                }
                let path = output ?? (options.scenarios as NSString).appendingPathComponent(scenarioID + ".yaml")
                if FileManager.default.fileExists(atPath: path) {
                    throw CommandFailure(lines: ["\(path.terminalSafeLine): error: already exists; choose another id, or move the file away first"], code: CommandFailure.usage)
                }
                do {
                    let url = URL(fileURLWithPath: path)
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    // `.withoutOverwriting`: a file that appears after the check is still not replaced.
                    try Data(text.utf8).write(to: url, options: .withoutOverwriting)
                } catch {
                    throw CommandFailure(lines: ["\(path.terminalSafeLine): error: cannot write the file (\(error.localizedDescription))"], code: CommandFailure.ioFailure)
                }
                Terminal.standardOutput.line("Wrote \(path.terminalSafeLine): a \(kind.rawValue) skeleton that lints clean.")
                Terminal.standardOutput.line("Replace every placeholder with the real incident, then run `drill lint \(path.terminalSafeLine)` and `drill scenarios graph \(scenarioID)\(folderOption)`.")
            }
        }
    }
}

/// `--kind` of `drill new scenario`: the scenario kinds, as words on the command line.
enum ScenarioKindArgument: String, ExpressibleByArgument, CaseIterable {
    case dataExposure = "data-exposure"
    case appCompromise = "app-compromise"
    case platformDegradation = "platform-degradation"

    var kind: ScenarioKind {
        switch self {
        case .dataExposure: .dataExposure
        case .appCompromise: .appCompromise
        case .platformDegradation: .platformDegradation
        }
    }
}
