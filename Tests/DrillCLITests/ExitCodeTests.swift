import Foundation
import Testing

/// Each exit code docs/cli-contract.md documents, produced by the case it names.
@Suite("Documented exit codes", .serialized)
struct ExitCodeTests {
    let runs = RunCommandTests()

    func drill(_ arguments: [String], in folder: URL, input: String? = nil) throws -> DrillProcess.Output {
        try DrillProcess.run(arguments, in: folder, environment: runs.env(folder), input: input)
    }

    @Test("0: success")
    func success() throws {
        let folder = try runs.workspace()
        #expect(try drill(["scenarios"], in: folder).status == 0)
    }

    @Test("1: check --strict found an unmet need; verify found tampering")
    func findings() throws {
        let folder = try runs.workspace()
        // The embedded example team has no incident-response partner: the test scenario's need is unmet.
        let check = try drill(["check", "--strict"], in: folder)
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(try drill(["run", "drill-test"], in: folder, input: RunCommandTests.answers.joined(separator: "\n") + "\n").status == 0)
        _ = try DrillProcess.runSQLite(folder.appendingPathComponent("db/drill.sqlite").path, "UPDATE run SET overallScore = 99")
        #expect(try drill(["verify"], in: folder).status == 1)
    }

    @Test("64: usage: an unknown option, a missing argument, an ambiguous run id")
    func usage() throws {
        let folder = try runs.workspace()
        #expect(try drill(["runs", "--no-such-option"], in: folder).status == 64)
        #expect(try drill(["show"], in: folder).status == 64)
        #expect(try drill(["init"], in: folder).status == 0)
        #expect(try drill(["init"], in: folder).status == 64, "init over an existing file")
        for _ in 0..<2 {
            #expect(try drill(["run", "drill-test"], in: folder, input: RunCommandTests.answers.joined(separator: "\n") + "\n").status == 0)
        }
        // Both runs' ids start with the day they were played.
        let ambiguous = try drill(["show", "2"], in: folder)
        #expect(ambiguous.status == 64, "\(ambiguous.stderr)")
    }

    @Test("65: invalid input data, reported as path:line:column: error: message", arguments: ["scenario", "preparedness", "answers", "transcript"])
    func invalidData(_ kind: String) throws {
        let folder = try runs.workspace()
        let bad = folder.appendingPathComponent("bad")
        let result: DrillProcess.Output
        switch kind {
        case "scenario":
            try "id: broken\ntitle: [unclosed\n".write(to: folder.appendingPathComponent("scenarios/broken.yaml"), atomically: true, encoding: .utf8)
            result = try drill(["lint", "scenarios/broken.yaml"], in: folder)
        case "preparedness":
            try "team: A\ncontacts: 3\n".write(to: bad, atomically: true, encoding: .utf8)
            result = try drill(["check", "--team", "bad"], in: folder)
        case "answers":
            try "just words without a prompt id\n".write(to: bad, atomically: true, encoding: .utf8)
            result = try drill(["run", "drill-test", "--answers", "bad"], in: folder)
        default:
            try "{ \"id\": 3 }\n".write(to: bad, atomically: true, encoding: .utf8)
            result = try drill(["import", "bad"], in: folder)
        }
        #expect(result.status == 65, "\(kind): \(result.stderr)")
        #expect(result.stderr.contains(": error: "), "\(kind): \(result.stderr)")
    }

    @Test("66: an input file, or a run, is missing")
    func missing() throws {
        let folder = try runs.workspace()
        #expect(try drill(["check", "--team", "no-such.yaml"], in: folder).status == 66)
        #expect(try drill(["import", "no-such.json"], in: folder).status == 66)
        #expect(try drill(["show", "20990101-zzzz"], in: folder).status == 66)
    }

    @Test("74: database or file I/O failure")
    func ioFailure() throws {
        let folder = try runs.workspace()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("db"), withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: folder.appendingPathComponent("db/drill.sqlite"))
        let result = try drill(["runs"], in: folder)
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)")
    }
}
