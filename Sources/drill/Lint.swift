import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill lint`: every problem in scenario and preparedness files, at once.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check scenario and preparedness files; report every problem as path:line:column: error: message.",
            discussion: "Without paths: the scenario folder, and ./preparedness.yaml when it exists. Exits 65 when any file is invalid, 66 when one is missing.")

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Files or folders to check.")
        var paths: [String] = []

        func run() throws {
            try reportingFailures {
                var targets = paths
                if targets.isEmpty {
                    targets = [options.scenarios]
                    if let team = options.team { targets.append(team) } else if FileManager.default.fileExists(atPath: "preparedness.yaml") { targets.append("preparedness.yaml") }
                }
                var files: [(URL, String)] = []
                var fromFolders: Set<String> = []
                var missing: [String] = []
                for path in targets {
                    var isDirectory: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                        missing.append("\(path.terminalSafeLine): error: no such file or folder")
                        continue
                    }
                    if isDirectory.boolValue {
                        do throws(LoadFailure) {
                            let found = try ScenarioLibrary.yamlFiles(in: URL(fileURLWithPath: path), displayPath: path)
                            files += found
                            fromFolders.formUnion(found.map(\.1))
                        } catch {
                            missing += error.diagnostics.map(\.description.terminalSafeLine)
                        }
                    } else {
                        files.append((URL(fileURLWithPath: path), path))
                    }
                }
                // Each file's problems are printed as soon as it and those before it are linted.
                let err = Terminal.standardError
                var bad = 0, errors = 0
                Linter.lint(files: files.map { (url: $0.0, displayPath: $0.1) }, today: .today, inScenarioFolder: fromFolders) { result in
                    guard !result.diagnostics.isEmpty else { return }
                    bad += 1
                    errors += result.diagnostics.count
                    for diagnostic in result.diagnostics { err.line(diagnostic.description.terminalSafeLine) }
                }
                for line in missing { err.line(line) }
                let summary = "\(files.count) file\(files.count == 1 ? "" : "s") checked: \(files.count - bad) valid, \(bad) with problems (\(errors) error\(errors == 1 ? "" : "s"))."
                Terminal.standardOutput.line(summary)
                if !missing.isEmpty { throw ExitCode(CommandFailure.missingInput) }
                if errors > 0 { throw ExitCode(CommandFailure.invalidData) }
            }
        }
    }
}
