import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill init`: writes a commented preparedness template.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write a commented preparedness.yaml to fill in with what your team really has.",
            discussion: """
                Examples:
                  drill init
                  drill init --output team.yaml --force
                  drill init --output -
                """)

        @Option(name: .shortAndLong, help: ArgumentHelp("Where to write it (- is standard output).", valueName: "file"), completion: .file(extensions: ["yaml"]))
        var output = "preparedness.yaml"

        @Flag(help: "Overwrite an existing file.")
        var force = false

        func run() throws {
            try reportingFailures {
                if output == StandardStream.name {
                    Terminal.standardOutput.write(TerminalText(escaping: ExampleTeam.yaml))
                    return
                }
                if FileManager.default.fileExists(atPath: output) && !force {
                    throw CommandFailure(lines: ["\(output.terminalSafeLine): error: already exists; pass --force to overwrite it"], code: CommandFailure.usage)
                }
                do {
                    try Data(ExampleTeam.yaml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw CommandFailure(lines: ["\(output.terminalSafeLine): error: cannot write the file (\(error.localizedDescription))"], code: CommandFailure.ioFailure)
                }
                Terminal.standardOutput.line("Wrote \(output.terminalSafeLine): the example team, with a comment on every field.")
                Terminal.standardOutput.line("Replace each value with what your team has today, then run `drill lint \(output.terminalSafeLine)` and `drill check`.")
            }
        }
    }
}
