import Foundation
import Testing

/// The test drives a pseudo-terminal with python3's pty module (Debian has python3 everywhere drill builds).
private let pythonForPTY = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The drill's prompt in a real (pseudo-)terminal: libedit's line editing and history, and
/// Ctrl-C and Ctrl-D keeping their meaning.
@Suite("The prompt in a terminal", .serialized, .enabled(if: pythonForPTY != nil, "needs python3 for its pty module"))
struct PromptEditingTests {
    static let python = pythonForPTY
    static let driver = DrillProcess.packageRoot.appendingPathComponent("Tests/Support/pty-drive.py").path

    enum Step {
        case expect(String), send(String), signal(String)
        var json: [String] {
            switch self {
            case let .expect(text): ["expect", text]
            case let .send(text): ["send", text]
            case let .signal(name): ["signal", name]
            }
        }
    }

    static let left = "\u{1B}[D", up = "\u{1B}[A", controlA = "\u{01}", controlD = "\u{04}", backspace = "\u{7F}"

    /// Runs drill in a pseudo-terminal `columns` wide through `steps`; returns what it drew and its exit status.
    func drive(_ arguments: [String], in folder: URL, columns: Int = 80, _ steps: [Step]) throws -> (screen: String, status: Int32) {
        let script = String(decoding: try JSONSerialization.data(withJSONObject: steps.map(\.json)), as: UTF8.self)
        let command = ["/usr/bin/env", "DRILL_DB=" + folder.appendingPathComponent("db/drill.sqlite").path, "TERM=xterm", "NO_COLOR=1",
                       DrillProcess.binary.path] + arguments
        let result = try DrillProcess.run([Self.driver, String(columns), script] + command, in: folder, executable: Self.python ?? "")
        let screen = result.stdout
        let match = try #require(screen.range(of: #"\[exit (\d+)\]\n$"#, options: .regularExpression), "the driver failed: \(screen.suffix(2_000))")
        return (screen, Int32(screen[match].dropFirst(6).dropLast(2)) ?? -1)
    }

    func workspace() throws -> URL { try RunCommandTests().workspace() }

    func notes(_ folder: URL) throws -> [String] {
        let runs = try DrillProcess.run(["runs", "--format", "json"], in: folder, environment: RunCommandTests().env(folder))
        let run = try #require(DrillProcess.list(runs.stdout, "runs")?.first)
        let id = try #require(run["id"] as? String)
        let events = try #require(try RunCommandTests().transcript(folder, id)["events"] as? [[String: Any]])
        return events.filter { $0["kind"] as? String == "note" }.compactMap { $0["text"] as? String }
    }

    @Test("Arrow keys edit the answer in place, the up arrow recalls an earlier one, Ctrl-D on an empty line pauses")
    func arrowKeysEdit() throws {
        let folder = try workspace()
        let (screen, status) = try drive(["run", "drill-test", "--as-of", "2026-11-26"], in: folder, [
            .expect("What now?"), .expect("> "),
            // "abd", Left, "c" is "abcd"; Ctrl-A goes to the start of the line.
            .send(":note abd" + Self.left + "c" + Self.controlA + Self.left + "\r"), .expect("noted"), .expect("> "),
            // Backspace removes a whole character (é is two bytes), not an escape sequence's.
            .send(":note café" + Self.backspace + "e\r"), .expect("noted"), .expect("> "),
            .send(Self.up + Self.up + " again\r"), .expect("noted"), .expect("> "),
            .send(Self.controlD), .expect("Saved. Continue with"),
        ])
        #expect(status == 0, "\(screen)")
        #expect(!screen.contains("^[[D") && !screen.contains("^[[A"), "\(screen)")
        #expect(try notes(folder) == ["abcd", "cafe", "abcd again"])
    }

    @Test("Ctrl-C at the prompt saves the run and exits 130")
    func controlCSaves() throws {
        let folder = try workspace()
        let (screen, status) = try drive(["run", "drill-test", "--as-of", "2026-11-26"], in: folder, [
            .expect("What now?"), .expect("> "), .send("1\r"), .expect("Whom do you call?"), .expect("> "),
            .send("half an answ"), .send("\u{03}"), .expect("Saved. Continue with"),
        ])
        #expect(status == 130, "\(screen)")
        let resumed = try DrillProcess.run(["resume", try RunCommandTests().runID(in: screen)], in: folder,
                                           environment: RunCommandTests().env(folder), input: "")
        #expect(resumed.stdout.contains("Whom do you call?"), "\(resumed.stdout)")
    }

    @Test("Long work shows progress on a terminal's standard error, and nothing through a pipe")
    func progress() throws {
        let folder = try DrillProcess.temporaryFolder()
        let big = folder.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: big, withIntermediateDirectories: true)
        let shipped = DrillProcess.packageRoot.appendingPathComponent("scenarios")
        for name in try FileManager.default.contentsOfDirectory(atPath: shipped.path) where name.hasSuffix(".yaml") {
            let text = try String(contentsOf: shipped.appendingPathComponent(name), encoding: .utf8)
            for copy in 1...15 {
                let renamed = text.replacingOccurrences(of: #"(?m)^id: (\S+)"#, with: "id: $1-\(copy)", options: .regularExpression)
                try renamed.write(to: big.appendingPathComponent("\(copy)-\(name)"), atomically: true, encoding: .utf8)
            }
        }
        let arguments = ["check", "--as-of", "2026-11-26", "--db", folder.appendingPathComponent("none.sqlite").path]
        let (screen, status) = try drive(arguments, in: folder, [.expect("Summary:")])
        #expect(status == 0, "\(screen.suffix(500))")
        #expect(screen.contains("checked ") && screen.contains(" scenarios…"), "no progress line: \(screen.prefix(300))")
        // The line is cleared before anything else is written: the next line starts at the left margin.
        #expect(screen.contains("\r\u{1B}[KUsing the embedded example team"), "\(screen.prefix(600))")
        #expect(screen.contains("\nLighthouse Apps (example) · 255 scenarios"), "\(screen.prefix(600))")
        let piped = try DrillProcess.run(arguments, in: folder)
        #expect(!piped.stderr.contains("checked"), "\(piped.stderr)")
    }
}
