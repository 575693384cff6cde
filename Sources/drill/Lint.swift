import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill lint`: every problem in scenario and preparedness files, at once.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check scenario and preparedness files; report every problem as path:line:column: error: message.",
            discussion: """
                Without paths: the scenario folder, and ./preparedness.yaml when it exists. Exits 65 when any file is invalid, 66 when one is missing. Warnings (path:line:column: warning: message) point at what is valid but weakens a drill, such as deadlines no decision can move; they do not change the exit code.

                Examples:
                  drill lint
                  drill lint preparedness.yaml scenarios
                  drill lint --format json examples/nightjar-preparedness.yaml
                """)

        @OptionGroup var folder: ScenarioFolderOption

        @OptionGroup var teamOption: TeamOption

        @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "path"), completion: .file(extensions: ["yaml", "yml"]))
        var paths: [String] = []

        @Option(help: "Output format: text (problems on standard error, a summary on standard output) or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                var targets = paths
                if targets.isEmpty {
                    targets = [folder.scenarios]
                    if let team = teamOption.team { targets.append(team) } else if FileManager.default.fileExists(atPath: "preparedness.yaml") { targets.append("preparedness.yaml") }
                }
                var files: [(URL, String)] = []
                var fromFolders: Set<String> = []
                var missing: [Diagnostic] = []
                // `-` is standard input, copied to a private file for the linter, named `-` in messages.
                let standardInput = targets.contains(StandardStream.name) ? try StandardStream.inputFile() : nil
                defer { if let standardInput { StandardStream.remove(standardInput) } }
                for path in targets {
                    if path == StandardStream.name, let standardInput {
                        files.append((standardInput, path))
                        continue
                    }
                    var isDirectory: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                        missing.append(Diagnostic(path: path, message: "no such file or folder"))
                        continue
                    }
                    if isDirectory.boolValue {
                        do throws(LoadFailure) {
                            let found = try ScenarioLibrary.yamlFiles(in: URL(fileURLWithPath: path), displayPath: path)
                            files += found
                            fromFolders.formUnion(found.map(\.1))
                        } catch {
                            missing += error.diagnostics
                        }
                    } else {
                        files.append((URL(fileURLWithPath: path), path))
                    }
                }
                // Each file's problems are printed as soon as it and those before it are linted.
                let err = Terminal.standardError
                var bad = 0, errors = 0, warnings = 0
                var found: [Diagnostic] = []
                let progress = ProgressLine("linted", "files", total: files.count)
                Linter.lint(files: files.map { (url: $0.0, displayPath: $0.1) }, today: .today, inScenarioFolder: fromFolders) { result in
                    defer { progress.advance() }
                    guard !result.diagnostics.isEmpty else { return }
                    progress.clear()
                    // Warnings leave a file valid, and the exit code as it was.
                    if !result.errors.isEmpty { bad += 1 }
                    errors += result.errors.count
                    warnings += result.warnings.count
                    if format == .json {
                        found += result.diagnostics
                    } else {
                        for diagnostic in result.diagnostics { err.diagnostic(diagnostic) }
                    }
                }
                progress.clear()
                if format == .json {
                    let document = LintReport(files: files.count, valid: files.count - bad, diagnostics: (found + missing).map(DiagnosticJSON.init))
                    Terminal.standardOutput.line(try JSONOutput.object(document))
                } else {
                    for diagnostic in missing { err.diagnostic(diagnostic) }
                    let summary: TerminalText = "\(files.count) file\(files.count == 1 ? "" : "s") checked: \(files.count - bad) valid, \(bad) with problems (\(errors) error\(errors == 1 ? "" : "s")\(warnings == 0 ? "" : ", \(warnings) warning\(warnings == 1 ? "" : "s")"))."
                    Terminal.standardOutput.line(summary)
                }
                if !missing.isEmpty { throw ExitCode(CommandFailure.missingInput) }
                if errors > 0 { throw ExitCode(CommandFailure.invalidData) }
            }
        }
    }
}

/// `drill lint --format json`: how many files were checked and valid, and every problem.
struct LintReport: Encodable {
    var files: Int
    var valid: Int
    var diagnostics: [DiagnosticJSON]
}
