import Foundation

extension ScenarioLibrary {
    /// One file of a scenario folder, as `stream` hands it back.
    public enum Entry<Value: Sendable>: Sendable {
        /// A scenario that loaded: its id, the path its file is shown as, and what the
        /// caller's `transform` made of it.
        case scenario(id: String, path: String, value: Value)
        /// The file's problems: it did not load, or its id is already used by an earlier file.
        case problems([Diagnostic])
    }

    /// Loads a folder as `load(folder:)` does — the same files in the same order, the same
    /// diagnostics, the same duplicate ids — without keeping any scenario: each one is handed
    /// to `transform` as soon as it is loaded, on any thread, and dropped; what `transform`
    /// returns is handed to `body` in file order on the calling thread.
    ///
    /// Files are loaded on every core, a few at a time. Memory does not grow with the folder,
    /// beyond each id seen and its file's path (to report a duplicate id against the first file).
    ///
    /// - Throws: `LoadFailure.missing` when the folder does not exist.
    public static func stream<Value: Sendable>(folder: URL, displayPath: String? = nil, budget: InputBudget = .init(),
                                               transform: @escaping @Sendable (Scenario) -> Value,
                                               _ body: (Entry<Value>) -> Void) throws(LoadFailure) {
        try stream(folder: folder, displayPath: displayPath, budget: budget, transform: { scenario, _ in transform(scenario) }, body)
    }

    /// ``stream(folder:displayPath:budget:transform:_:)`` whose `transform` also gets the file's text.
    static func stream<Value: Sendable>(folder: URL, displayPath: String? = nil, budget: InputBudget = .init(),
                                        transform: @escaping @Sendable (Scenario, String) -> Value,
                                        _ body: (Entry<Value>) -> Void) throws(LoadFailure) {
        let files = try yamlFiles(in: folder, displayPath: displayPath ?? folder.path)
        var origins: [String: String] = [:]
        InOrderWork.run(count: files.count, work: { index -> Result<(id: String, value: Value), LoadFailure> in
            let (url, path) = files[index]
            do throws(LoadFailure) {
                let text = try InputFile.readText(at: url, displayPath: path, budget: budget)
                let scenario = try Scenario.load(yaml: text, displayPath: path, budget: budget)
                return .success((scenario.id, transform(scenario, text)))
            } catch {
                return .failure(error)
            }
        }, deliver: { index, loaded in
            let path = files[index].1
            switch loaded {
            case let .success((id, value)):
                if let first = origins[id] {
                    body(.problems([Diagnostic(path: path, line: 1, column: 1, message: "scenario id '\(id)' is already used by \(first)")]))
                } else {
                    origins[id] = path
                    body(.scenario(id: id, path: path, value: value))
                }
            case let .failure(failure):
                body(.problems(failure.diagnostics))
            }
        })
    }
}
