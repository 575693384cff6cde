import ArgumentParser
import DrillKit
import Foundation

/// A failure a user caused, with the documented exit code. Printed as plain lines, never a trace.
struct CommandFailure: Error {
    /// Lines for standard error.
    var lines: [String]
    /// The documented exit code.
    var code: Int32

    /// Invalid input data.
    static let invalidData: Int32 = 65
    /// An input file is missing.
    static let missingInput: Int32 = 66
    /// A database or file could not be read or written.
    static let ioFailure: Int32 = 74
    /// Usage error.
    static let usage: Int32 = 64

    init(lines: [String], code: Int32) {
        self.lines = lines
        self.code = code
    }

    init(_ failure: LoadFailure, hint: String) {
        switch failure {
        case let .missing(path, reason):
            self.init(lines: ["\(path.terminalSafeLine): error: \(reason); \(hint)"], code: Self.missingInput)
        case let .invalid(diagnostics):
            self.init(lines: diagnostics.map(\.description.terminalSafeLine), code: Self.invalidData)
        }
    }
}

extension CommandFailure {
    /// A store problem: a missing run is missing input (66), an ambiguous id a usage error (64), the rest I/O (74).
    init(_ error: StoreError) {
        let code: Int32 = switch error {
        case .runNotFound: Self.missingInput
        case .ambiguousRun: Self.usage
        default: Self.ioFailure
        }
        self.init(lines: ["error: " + error.message.terminalSafeLine], code: code)
    }
}

extension ParsableCommand {
    /// Runs a command body, turning a `CommandFailure` into its lines on standard error and its exit code.
    /// The databases the body opened are closed at the end, whatever happens.
    func reportingFailures(_ body: () throws -> Void) throws {
        defer { OpenedDatabases.shared.closeAll() }
        do {
            try body()
        } catch let failure as CommandFailure {
            for line in failure.lines { Terminal.standardError.line(line) }
            throw ExitCode(failure.code)
        }
    }
}

extension AnswerScript {
    /// Loads `--answers FILE`, with failures as exit codes.
    static func loadForCommand(_ path: String) throws(CommandFailure) -> AnswerScript {
        do {
            return try AnswerScript.load(fileAt: URL(fileURLWithPath: path), displayPath: path)
        } catch {
            throw CommandFailure(error, hint: "write one prompt id and its answer per line, e.g. 'first-step: 2'")
        }
    }
}

extension StoredRun {
    /// Loads and replays a stored run, with failures as exit codes: a missing run 66, a run that
    /// no longer replays 65, the store's own problems as they map.
    static func loadForCommand(_ runID: String, from database: AppDatabase) throws(CommandFailure) -> StoredRun {
        do {
            return try StoredRun(runID, from: database)
        } catch {
            if case let .store(storeError) = error { throw CommandFailure(storeError) }
            throw CommandFailure(lines: ["error: " + error.message.terminalSafeLine], code: CommandFailure.invalidData)
        }
    }
}

/// JSON as every `--format json` writes it, by the CLI contract (docs/cli-contract.md): one
/// object with a `schemaVersion`, sorted lowerCamelCase keys, ISO 8601 UTC times (`ReviewJSON`).
enum JSONOutput {
    /// The contract's version, in every document as `schemaVersion`. Keys may be added
    /// within a version; renaming or removing one makes the next.
    static let schemaVersion = 1

    /// An object's keys with `schemaVersion` among them. `value` must encode as an object.
    static func object(_ value: some Encodable) throws(CommandFailure) -> String {
        try encoded(Document(body: value))
    }

    /// A value as it encodes, without `schemaVersion`: only `audit` and `verify` still print
    /// this, until they move to the contract (docs/cli-contract.md lists them).
    static func text(_ value: some Encodable) throws(CommandFailure) -> String {
        try encoded(value)
    }

    /// A list as `{ "schemaVersion", key: [...], "truncated" }` (`truncated` only where a list can be cut short).
    static func list(_ key: String, _ items: some Encodable, truncated: Bool? = nil) throws(CommandFailure) -> String {
        try encoded(ListDocument(key: key, items: items, truncated: truncated))
    }

    private static func encoded(_ value: some Encodable) throws(CommandFailure) -> String {
        do {
            return try ReviewJSON.string(value)
        } catch {
            throw CommandFailure(lines: ["error: the output could not be encoded as JSON (\(error))"], code: CommandFailure.ioFailure)
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The body's own keys, then `schemaVersion` in the same object.
    private struct Document<Body: Encodable>: Encodable {
        let body: Body
        func encode(to encoder: any Encoder) throws {
            try body.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(JSONOutput.schemaVersion, forKey: Key("schemaVersion"))
        }
    }

    private struct ListDocument<Items: Encodable>: Encodable {
        let key: String
        let items: Items
        let truncated: Bool?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(JSONOutput.schemaVersion, forKey: Key("schemaVersion"))
            try container.encode(items, forKey: Key(key))
            if let truncated { try container.encode(truncated, forKey: Key("truncated")) }
        }
    }
}
