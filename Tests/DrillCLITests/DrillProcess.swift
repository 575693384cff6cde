import DrillKit
import Foundation
import Testing

/// The built `drill` binary, run as a user would: arguments, optional stdin, a working folder.
struct DrillProcess {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary next to the test bundle (`.build/<config>/drill`).
    static var binary: URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("drill")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/drill")
    }

    /// The config folder every drill a test starts keeps its signing key in (unless the test
    /// names another): one key for the whole test run, never the user's own.
    /// Its `KEYS` lists the test process's own key, which signs the databases tests build in
    /// process: the drills they start trust those as a team member's installation's.
    static let configFolder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-cli-config-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try? (InstallationKey.processDefault.publicKey.keysLine(comment: "drill tests, in process") + "\n")
            .write(to: folder.appendingPathComponent("KEYS"), atomically: true, encoding: .utf8)
        return folder
    }()

    /// Runs drill in `directory` (default: a fresh empty folder) and waits for it.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], input: String? = nil,
                    executable: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable.map(URL.init(fileURLWithPath:)) ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // Text is laid out to the terminal's width, else $COLUMNS: fix it, as it was before drill read it.
        env["COLUMNS"] = "100"
        env["DRILL_CONFIG_DIR"] = configFolder.path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A drill process still running, fed line by line.
    final class Running {
        let process: Process
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        private var collected = Data()

        init(process: Process) { self.process = process }

        func send(_ text: String) throws { stdin.fileHandleForWriting.write(Data(text.utf8)) }

        /// Reads standard output until `marker` has appeared `count` times (or 20 s pass).
        func waitForOutput(count: Int, of marker: String) throws {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                let text = String(decoding: collected, as: UTF8.self)
                if text.components(separatedBy: marker).count - 1 >= count { return }
                let chunk = stdout.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                collected.append(chunk)
            }
            Issue.record("timed out waiting for \(count) × '\(marker)'")
        }

        /// Everything the process wrote to standard output that was not read yet, up to its end.
        func remainingOutput() -> String {
            collected.append(stdout.fileHandleForReading.readDataToEndOfFile())
            return String(decoding: collected, as: UTF8.self)
        }

        /// Standard error, once the process has ended (only when started with `captureErrors`).
        func errorOutput() -> String { String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }

        func kill() {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Starts drill with a pipe for standard input, for tests that interrupt it.
    static func start(_ arguments: [String], in directory: URL, environment: [String: String] = [:], captureErrors: Bool = false) throws -> Running {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // Text is laid out to the terminal's width, else $COLUMNS: fix it, as it was before drill read it.
        env["COLUMNS"] = "100"
        env["DRILL_CONFIG_DIR"] = configFolder.path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let running = Running(process: process)
        process.standardInput = running.stdin
        process.standardOutput = running.stdout
        process.standardError = captureErrors ? running.stderr : FileHandle.nullDevice
        try process.run()
        return running
    }

    /// Runs the sqlite3 command-line tool on a database file and returns its trimmed output.
    static func runSQLite(_ path: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The list under `key` in a `--format json` document (`{ "schemaVersion", "runs": [...] }`).
    static func list(_ json: String, _ key: String) -> [[String: Any]]? {
        let document = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return document?[key] as? [[String: Any]]
    }

    /// A new empty folder for a test that writes files.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("drill-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
