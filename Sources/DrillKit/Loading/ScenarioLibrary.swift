import Foundation

/// The scenarios in a folder, with every file's problems collected rather than stopping at the first.
public struct ScenarioLibrary: Sendable {
    /// The scenarios that loaded, sorted by id.
    public var scenarios: [Scenario]
    /// Problems in files that did not load, and duplicate ids across files.
    public var diagnostics: [Diagnostic]
    /// Each loaded scenario's YAML, by id: the exact content a run is played against.
    public var sources: [String: String] = [:]

    /// Loads every `.yaml` / `.yml` file in a folder (not its subfolders).
    ///
    /// - Throws: `LoadFailure.missing` when the folder does not exist.
    public static func load(folder: URL, displayPath: String? = nil, budget: InputBudget = .init()) throws(LoadFailure) -> ScenarioLibrary {
        let shown = displayPath ?? folder.path
        let files = try yamlFiles(in: folder, displayPath: shown)
        var scenarios: [Scenario] = []
        var diagnostics: [Diagnostic] = []
        var origins: [String: String] = [:]
        var sources: [String: String] = [:]
        for (url, path) in files {
            do {
                let text = try InputFile.readText(at: url, displayPath: path, budget: budget)
                let scenario = try Scenario.load(yaml: text, displayPath: path, budget: budget)
                if let first = origins[scenario.id] {
                    diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: "scenario id '\(scenario.id)' is already used by \(first)"))
                    continue
                }
                origins[scenario.id] = path
                sources[scenario.id] = text
                scenarios.append(scenario)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        return ScenarioLibrary(scenarios: scenarios.sorted { $0.id < $1.id }, diagnostics: diagnostics, sources: sources)
    }

    /// The YAML files of a folder, sorted by name, with the paths to show for them.
    public static func yamlFiles(in folder: URL, displayPath: String) throws(LoadFailure) -> [(URL, String)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory)
            throw .missing(path: displayPath, reason: exists ? "is not a readable folder" : "no such folder")
        }
        let prefix = displayPath.hasSuffix("/") ? displayPath : displayPath + "/"
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (folder.appendingPathComponent($0), prefix + $0) }
    }

    /// The scenario with an id.
    public func scenario(_ id: String) -> Scenario? { scenarios.first { $0.id == id } }
}

extension LoadFailure {
    /// The failure as diagnostics, for reports that list every problem.
    public var diagnostics: [Diagnostic] {
        switch self {
        case let .missing(path, reason): [Diagnostic(path: path, message: reason)]
        case let .invalid(diagnostics): diagnostics
        }
    }
}
