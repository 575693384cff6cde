import Foundation
import Testing

/// The README's commands run as shown, on a copy of the repository's samples with a fresh database.
@Suite("README examples", .serialized)
struct ReadmeTests {
    static let readme = (try? String(contentsOf: DrillProcess.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""

    /// The `drill` command lines of the README's `sh` blocks (`swift run drill …` included), comments dropped, in order.
    static var commands: [String] {
        var lines: [String] = [], inShell = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inShell = line == "```sh"
                continue
            }
            guard inShell else { continue }
            var command = line.trimmingCharacters(in: .whitespaces)
            if command.hasPrefix("swift run drill ") { command.removeFirst("swift run ".count) }
            guard command.hasPrefix("drill ") else { continue }
            if let comment = command.range(of: "  #") ?? command.range(of: " # ") { command = String(command[..<comment.lowerBound]) }
            lines.append(command.trimmingCharacters(in: .whitespaces))
        }
        return lines
    }

    @Test("The README shows the review commands and the second example team")
    func mentions() {
        #expect(Self.commands.count >= 10, "\(Self.commands)")
        #expect(Self.readme.contains("examples/nightjar-preparedness.yaml"))
        #expect(Self.readme.contains("](docs/cli-contract.md)"))
        #expect(FileManager.default.fileExists(atPath: DrillProcess.packageRoot.appendingPathComponent("docs/cli-contract.md").path))
    }

    @Test("Every command in the README runs as shown and succeeds")
    func everyCommandRuns() throws {
        let folder = try DrillProcess.temporaryFolder()
        for name in ["scenarios", "transcripts", "examples"] {
            try FileManager.default.copyItem(at: DrillProcess.packageRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let environment = ["DRILL_DB": folder.appendingPathComponent("db/drill.sqlite").path]
        for command in Self.commands {
            let words = HelpTests.shellWords(command)
            let result = try DrillProcess.run(Array(words.dropFirst()), in: folder, environment: environment)
            #expect(result.status == 0, "\(command): exit \(result.status)\n\(result.stderr)")
            #expect(!result.stderr.contains("error"), "\(command): \(result.stderr)")
            #expect(!result.stdout.contains("nothing was written") && !result.stdout.contains("No stored"), "\(command): \(result.stdout)")
        }
    }
}
