import Foundation
import Testing

/// What Tab completes, asked the way the generated bash, zsh and fish scripts ask:
/// `drill ---completion SUBCOMMAND -- ARGUMENT WORD-INDEX CURSOR WORDS…`.
@Suite("Shell completions", .serialized)
struct CompletionTests {
    func complete(_ subcommand: [String], _ argument: String, _ words: [String], in folder: URL, environment: [String: String]) throws -> [String] {
        let current = words.last ?? ""
        let result = try DrillProcess.run(["---completion"] + subcommand + ["--", argument, String(words.count - 1), String(current.count)] + words,
                                          in: folder, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("Run ids come from the database, scenario ids from the scenario folder, by prefix")
    func ids() throws {
        let (folder, environment) = try JSONContractTests.workspace()
        #expect(try complete(["show"], "positional@0", ["drill", "show", "20261126-s"], in: folder, environment: environment) == ["20261126-sl75"])
        #expect(Set(try complete(["compare"], "positional@0", ["drill", "compare", ""], in: folder, environment: environment)) == ["20261126-sl75", "20261126-a3r5"])
        #expect(try complete(["run"], "positional@0", ["drill", "run", "dorm"], in: folder, environment: environment) == ["dormant-contractor-admin"])
        let all = try complete(["check"], "positional@0", ["drill", "check", ""], in: folder, environment: environment)
        #expect(all.count == 17 && all.contains("silent-backup-failure"), "\(all)")
        // --scenarios on the command line is where the ids come from.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("mine"), withIntermediateDirectories: true)
        try "# a comment first\nid: \"my-own\"\ntitle: x\n".write(to: folder.appendingPathComponent("mine/a.yaml"), atomically: true, encoding: .utf8)
        #expect(try complete(["run"], "positional@0", ["drill", "run", "--scenarios", "mine", ""], in: folder, environment: environment) == ["my-own"])
    }

    @Test("Completing a run id never creates a database")
    func noDatabaseCreated() throws {
        let folder = try DrillProcess.temporaryFolder()
        let path = folder.appendingPathComponent("db/drill.sqlite").path
        #expect(try complete(["resume"], "positional@0", ["drill", "resume", ""], in: folder, environment: ["DRILL_DB": path]) == [])
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("The generated scripts ask drill for ids, and files and folders where options take them", arguments: ["bash", "zsh", "fish"])
    func scripts(_ shell: String) throws {
        let script = try DrillProcess.run(["--generate-completion-script", shell]).stdout
        #expect(script.contains("---completion resume -- positional@0"), "\(shell)")
        #expect(script.contains("---completion run -- positional@0"), "\(shell)")
        #expect(script.contains("yaml"), "\(shell): --team and --answers complete YAML files")
    }
}
