import Foundation

/// The scenarios in a folder, with every file's problems collected rather than stopping at the first.
public struct ScenarioLibrary: Sendable {
    /// The scenarios that loaded, sorted by id.
    public var scenarios: [Scenario]
    /// Problems in files that did not load, and duplicate ids across files.
    public var diagnostics: [Diagnostic]
    /// Each loaded scenario's YAML, by id: the exact content a run is played against.
    public var sources: [String: String] = [:]

    /// Loads every `.yaml` / `.yml` file in a folder (not its subfolders), on every core.
    ///
    /// - Throws: `LoadFailure.missing` when the folder does not exist.
    public static func load(folder: URL, displayPath: String? = nil, budget: InputBudget = .init()) throws(LoadFailure) -> ScenarioLibrary {
        var scenarios: [Scenario] = []
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        try stream(folder: folder, displayPath: displayPath, budget: budget, transform: { scenario, text in (scenario, text) }) { entry in
            switch entry {
            case let .scenario(id, _, (scenario, text)):
                sources[id] = text
                scenarios.append(scenario)
            case let .problems(found):
                diagnostics += found
            }
        }
        return ScenarioLibrary(scenarios: scenarios.sorted { $0.id < $1.id }, diagnostics: diagnostics, sources: sources)
    }

    /// Loads only the scenario `id`, when the folder shows where it is without parsing every
    /// file: `<id>.yaml` (or `.yml`) holds it, and no other file has a top-level `id:` line
    /// naming it. Returns `nil` otherwise (no such file, a possible duplicate, a file that does
    /// not load), and the caller loads the whole library, which reports every problem.
    ///
    /// Starting a drill by id parsed all scenarios to find one: 30 of them were most of the
    /// time to the first prompt (BENCHMARKS.md). Problems in the other files are left to
    /// `drill lint`, `drill check` and the scenario picker, which load them all.
    public static func loadScenario(id: String, folder: URL, displayPath: String? = nil, budget: InputBudget = .init()) -> ScenarioLibrary? {
        let shown = displayPath ?? folder.path
        guard let files = try? yamlFiles(in: folder, displayPath: shown) else { return nil }
        let names = [id + ".yaml", id + ".yml"]
        let candidates = files.filter { names.contains($0.0.lastPathComponent) }
        guard candidates.count == 1, let (url, path) = candidates.first else { return nil }
        for (other, _) in files where other != url {
            guard let data = FileManager.default.contents(atPath: other.path) else { return nil }
            if declaresID(id, in: data) { return nil }
        }
        guard let text = try? InputFile.readText(at: url, displayPath: path, budget: budget),
              let scenario = try? Scenario.load(yaml: text, displayPath: path, budget: budget), scenario.id == id else { return nil }
        return ScenarioLibrary(scenarios: [scenario], diagnostics: [], sources: [id: text])
    }

    /// Whether a file has a line `id: <id>` at the top level (quoted or not). Only lines that
    /// start with `id:` are decoded: searching the whole text as a String cost more than parsing.
    private static func declaresID(_ id: String, in data: Data) -> Bool {
        let prefix = Array("id:".utf8)
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            guard let base = bytes.baseAddress else { return false }
            var start = 0
            while start < bytes.count {
                // `memchr` finds each line's end: a byte-by-byte loop here was over a quarter
                // of loading one scenario by id (29 other files scanned, callgrind).
                let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafeRawPointer($0) - base } ?? bytes.count
                if end - start > prefix.count, bytes[start] == prefix[0], bytes[start + 1] == prefix[1], bytes[start + 2] == prefix[2] {
                    var value = Substring(String(decoding: bytes[(start + 3)..<end], as: UTF8.self))
                    if let hash = value.firstRange(of: " #") { value = value[..<hash.lowerBound] }
                    value = value.drop { $0.isWhitespace }
                    while let last = value.last, last.isWhitespace { value = value.dropLast() }
                    if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                        value = value.dropFirst().dropLast()
                    }
                    if value == id { return true }
                }
                start = end + 1
            }
            return false
        }
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
