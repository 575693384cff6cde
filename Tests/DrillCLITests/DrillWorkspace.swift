import Foundation
import Testing

/// A user's folder for one test: a fresh temporary folder with its scenarios under `scenarios/`,
/// the files a test writes beside them (preparedness files, answer scripts, evidence), and its
/// own database under `db/`; drill runs in it as a user would run it there. The end-to-end
/// suites build their setups on this one shape instead of each repeating it.
struct DrillWorkspace {
    /// The folder.
    let folder: URL

    /// A new folder with `scenarios` (file name without `.yaml` → YAML) under `scenarios/` and
    /// `files` (path relative to the folder → text) beside them.
    init(scenarios: [String: String] = [:], files: [String: String] = [:]) throws {
        folder = try DrillProcess.temporaryFolder()
        try FileManager.default.createDirectory(at: url("scenarios"), withIntermediateDirectories: true)
        for (name, yaml) in scenarios { try write(yaml, to: "scenarios/\(name).yaml") }
        for (path, text) in files { try write(text, to: path) }
    }

    /// A path inside the folder.
    func url(_ path: String) -> URL { folder.appendingPathComponent(path) }

    /// Writes `text` to `path` inside the folder, creating the folders on the way.
    func write(_ text: String, to path: String) throws {
        let file = url(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    /// The text of a file inside the folder.
    func read(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    /// The names in a folder inside the folder, sorted.
    func files(in path: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url(path).path).sorted() }

    /// The database `db/NAME.sqlite` (the workspace's own is `drill`; others stand for another installation).
    func database(_ name: String = "drill") -> String { url("db/\(name).sqlite").path }

    /// The environment that points drill at database `name`.
    func environment(_ name: String = "drill") -> [String: String] { ["DRILL_DB": database(name)] }

    /// Runs drill in the folder against its database (or `database`, a path), with `input` piped to it.
    func drill(_ arguments: [String], database: String? = nil, input: String? = nil) throws -> DrillProcess.Output {
        try DrillProcess.run(arguments, in: folder, environment: ["DRILL_DB": database ?? self.database()], input: input)
    }

    /// Runs drill, expects it to succeed, and returns its JSON output as an object.
    func json(_ arguments: [String], database: String? = nil) throws -> [String: Any] {
        let result = try drill(arguments, database: database)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Plays a drill (`drill run` with `arguments`, answers scripted or piped as `input`, as JSON)
    /// and returns its run id.
    func play(_ arguments: [String], input: String? = nil, database: String? = nil) throws -> String {
        let result = try drill(["run"] + arguments + (arguments.contains("--format") ? [] : ["--format", "json"]), database: database, input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return try #require(object["id"] as? String)
    }
}
