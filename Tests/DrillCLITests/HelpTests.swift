import ArgumentParser
import Foundation
import Testing
@testable import drill

/// Help is user interface: every command's help has examples that parse, arguments named as
/// a person says them, and no stray runs of spaces.
@Suite("Help text")
struct HelpTests {
    /// Commands whose help lives in Sources/drill/Verify.swift, which the integrity work is
    /// rewriting; they get the same checks when it lands.
    static let knownExceptions: Set<String> = []

    /// Every command path: `run`, `actions list`, … (the root as `[]`).
    static let commands: [[String]] = {
        func paths(_ command: any ParsableCommand.Type, prefix: [String]) -> [[String]] {
            let configuration = command.configuration
            let name = configuration.commandName ?? String(describing: command).lowercased()
            let path = command == Drill.self ? [] : prefix + [name]
            return [path] + configuration.subcommands.flatMap { paths($0, prefix: path) }
        }
        return paths(Drill.self, prefix: [])
    }()

    static let checked = commands.filter { !knownExceptions.contains($0.first ?? "") }

    static func help(_ path: [String]) throws -> String {
        // At 80 columns, as most terminals open: an example that wraps there would not parse.
        let result = try DrillProcess.run(path + ["--help"], environment: ["COLUMNS": "80"])
        #expect(result.status == 0, "\(path): \(result.stderr)")
        return result.stdout
    }

    @Test("Every command has help", arguments: commands)
    func everyCommandHasHelp(_ path: [String]) throws {
        #expect(try Self.help(path).contains("USAGE: drill"))
    }

    @Test("Every command's help has an Examples section", arguments: checked)
    func examples(_ path: [String]) throws {
        let help = try Self.help(path)
        #expect(help.contains("Examples:"), "\(path)")
        #expect(!Self.examples(in: help).isEmpty, "\(path)")
    }

    @Test("Every example parses as the command it illustrates", arguments: checked)
    func examplesParse(_ path: [String]) throws {
        for example in Self.examples(in: try Self.help(path)) {
            let words = Self.shellWords(example)
            #expect(words.first == "drill", "\(example)")
            #expect(Array(words.dropFirst().prefix(path.count)) == path, "an example of \(path) runs another command: \(example)")
            do {
                _ = try Drill.parseAsRoot(Array(words.dropFirst()))
            } catch {
                Issue.record("\(example): \(Drill.message(for: error))")
            }
        }
    }

    @Test("Arguments read <run-id> and <scenario-id>, never <run-i-ds>", arguments: checked)
    func argumentNames(_ path: [String]) throws {
        let help = try Self.help(path)
        #expect(help.range(of: #"-i-ds?>|i-ds?\b"#, options: .regularExpression) == nil, "\(path): \(help)")
        if help.contains("run's id") || help.contains("Runs to") || help.contains("Two runs") { #expect(help.contains("<run-id>"), "\(path)") }
        if help.contains("scenario's id") || help.contains("Scenario ids") { #expect(help.contains("<scenario-id>"), "\(path)") }
    }

    @Test("No runs of spaces inside the text", arguments: checked)
    func noRunsOfSpaces(_ path: [String]) throws {
        for line in try Self.help(path).split(separator: "\n") {
            var text = line.drop { $0 == " " }
            // An option, argument or subcommand line has one gap: up to the description column.
            if let gap = text.range(of: #" {2,}"#, options: .regularExpression), line.distance(from: line.startIndex, to: gap.upperBound) == Self.descriptionColumn {
                text = text[gap.upperBound...]
            }
            #expect(!text.contains("  "), "\(path): '\(line)'")
        }
    }

    /// Where swift-argument-parser starts the descriptions of options and subcommands.
    static let descriptionColumn = 26

    @Test("Global options appear only on the commands that act on them")
    func globalOptionsWhereTheyAct() throws {
        let all: Set<String> = ["--scenarios", "--team", "--db"]
        let expected: [[String]: Set<String>] = [
            ["run"]: all, ["learn"]: all, ["check"]: all, ["due"]: all, ["lint"]: ["--scenarios", "--team"],
            ["scenarios"]: [], ["scenarios", "list"]: ["--scenarios"], ["scenarios", "graph"]: ["--scenarios"],
            ["new", "scenario"]: ["--scenarios"], ["contacts"]: ["--team"], ["init"]: [],
            ["resume"]: ["--db"], ["runs"]: ["--db"], ["show"]: ["--db"], ["replay"]: ["--db"], ["export"]: ["--db"],
            ["import"]: ["--db"], ["compare"]: ["--db"], ["search"]: ["--db"], ["actions", "list"]: ["--db"], ["grade"]: ["--db"],
            ["people"]: ["--db"],
            // report's own `--team, --for-team <team>` names the team whose trends to show (a name or a file).
            ["report"]: ["--scenarios", "--db"], ["verify"]: ["--db"], ["audit"]: ["--db"], ["prune"]: ["--db"],
            ["backup"]: ["--db"], ["evidence"]: ["--team"], ["key"]: [],
        ]
        for (path, options) in expected {
            let help = try Self.help(path)
            for option in all {
                #expect(help.contains("  \(option) <") == options.contains(option), "\(path) \(option)")
            }
        }
    }

    /// The lines under `Examples:`.
    static func examples(in help: String) -> [String] {
        guard let start = help.range(of: "Examples:\n") else { return [] }
        var lines: [String] = []
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("drill ") || text == "drill" else { break }
            lines.append(text)
        }
        return lines
    }

    /// A command line split as a shell would, quotes removed; a `< file` redirection dropped.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character?, inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        if let redirect = words.firstIndex(of: "<") { words.removeSubrange(redirect...) }
        return words
    }
}
