import ArgumentParser
import DrillKit
import Foundation

/// What the shells' Tab completes beyond subcommands and flags: scenario ids from the scenario
/// folder, run ids from the database (never created for it), files and folders.
///
/// Completion runs `drill` on every Tab, so each lookup reads as little as it can and fails
/// quietly: a completion that prints an error breaks the user's command line.
enum Completions {
    /// Scenario ids in `--scenarios DIR` (or `./scenarios`) that start with the word being typed.
    static let scenarioIDs = CompletionKind.custom { words, index, prefix in
        let folder = value(of: "--scenarios", in: words, before: index) ?? "scenarios"
        return scenarioIDs(in: folder).filter { $0.hasPrefix(prefix) }
    }

    /// Run ids in `--db PATH` (or `$DRILL_DB`, or the default database), newest first.
    static let runIDs = CompletionKind.custom { words, index, prefix in
        let path = value(of: "--db", in: words, before: index)
            ?? AppDatabase.defaultPath(environment: ProcessEnvironment.values)
        return runIDs(inDatabaseAt: path).filter { $0.hasPrefix(prefix) }
    }

    /// YAML files: scenarios, preparedness, answers.
    static let yamlFile = CompletionKind.file(extensions: ["yaml", "yml"])
    /// JSON transcripts.
    static let jsonFile = CompletionKind.file(extensions: ["json"])

    /// The value given to `option` earlier on the command line.
    static func value(of option: String, in words: [String], before index: Int) -> String? {
        let end = min(index, words.count)
        for position in stride(from: end - 1, through: 0, by: -1) {
            let word = words[position]
            if word.hasPrefix(option + "=") { return String(word.dropFirst(option.count + 1)) }
            if word == option, position + 1 < end { return words[position + 1] }
        }
        return nil
    }

    /// The ids of the scenarios in a folder, from each file's top-level `id:` line (no full parse).
    static func scenarioIDs(in folder: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var ids: [String] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            defer { try? handle.close() }
            // The id is near the top; 64 KiB is far past it in any scenario drill ships.
            let head = String(decoding: (try? handle.read(upToCount: 1 << 16)) ?? Data(), as: UTF8.self)
            for line in head.split(separator: "\n") where line.hasPrefix("id:") {
                var id = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                if let comment = id.range(of: " #") { id = String(id[..<comment.lowerBound]) }
                id = id.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
                if !id.isEmpty && !ids.contains(id) { ids.append(id) }
                break
            }
        }
        return ids
    }

    /// The newest runs' ids in a database file; none when it does not exist (it is not created).
    static func runIDs(inDatabaseAt path: String) -> [String] {
        guard FileManager.default.fileExists(atPath: path),
              let database = try? AppDatabase.open(path: path, identity: .current),
              let runs = try? database.runs(RunFilter(limit: 500)) else { return [] }
        return runs.map(\.id)
    }
}
