import ArgumentParser
import DrillKit
import Foundation

/// A failure a user caused, with the documented exit code (docs/cli-contract.md). Printed as
/// plain lines, never a trace.
///
/// Every error a command meets becomes one of these in one place, ``init(_:hint:)``: commands
/// throw what DrillKit throws, and `reportingFailures` maps it on the way out.
struct CommandFailure: Error {
    /// Lines for standard error.
    var lines: [TerminalText]
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

    init(lines: [TerminalText], code: Int32) {
        self.lines = lines
        self.code = code
    }

    /// The one mapping from what went wrong to what the user reads and the exit code:
    /// - a file that is missing or unreadable: 66, with `hint` on what to pass instead;
    /// - invalid input (diagnostics with an error among them, a stored scenario or
    ///   preparedness that no longer loads, a run that no longer replays, a rejected answer): 65;
    /// - a run that is not stored: 66; a run id that names several: 64 (usage);
    /// - anything else from the database or the file system: 74.
    init(_ error: any Error, hint: String? = nil) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let failure as LoadFailure:
            switch failure {
            case let .missing(path, reason):
                self.init(lines: ["\(TerminalText.line(path)): error: \(reason)\(hint.map { "; \($0)" } ?? "")"], code: Self.missingInput)
            case let .invalid(diagnostics):
                self.init(diagnostics)
            }
        case let diagnostic as Diagnostic:
            self.init([diagnostic])
        case let store as StoreError:
            let code: Int32 = switch store {
            case .runNotFound: Self.missingInput
            case .ambiguousRun: Self.usage
            default: Self.ioFailure
            }
            self.init(lines: ["error: \(TerminalText.line(store.message))"], code: code)
        case let failure as StoredRun.Failure:
            if case let .store(store) = failure {
                self.init(store)
            } else {
                self.init(lines: ["error: \(TerminalText.line(failure.message))"], code: Self.invalidData)
            }
        case let rejection as AnswerRejection:
            self.init(lines: ["error: \(TerminalText.line(rejection.message))"], code: Self.invalidData)
        default:
            self.init(lines: ["error: \(TerminalText.line(String(describing: error)))"], code: Self.ioFailure)
        }
    }

    /// Input that did not load: every diagnostic, as `path:line:column: severity: message`.
    init(_ diagnostics: [Diagnostic]) {
        self.init(lines: diagnostics.map { TerminalText.line($0.description) }, code: Self.invalidData)
    }
}

extension ParsableCommand {
    /// Runs a command body, turning any error it throws into lines on standard error and the
    /// documented exit code (``CommandFailure/init(_:hint:)``). ArgumentParser's own errors
    /// (usage, `ExitCode`, help) pass through to it. The databases the body opened are closed
    /// at the end, whatever happens.
    func reportingFailures(_ body: () throws -> Void) throws {
        defer { OpenedDatabases.shared.closeAll() }
        do {
            try body()
        } catch let error where error is ExitCode || error is ValidationError || error is CleanExit {
            throw error
        } catch {
            let failure = CommandFailure(error)
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
            throw CommandFailure(error)
        }
    }
}

/// JSON as every `--format json` writes it, by the CLI contract (docs/cli-contract.md): one
/// object with a `schemaVersion`, sorted lowerCamelCase keys, ISO 8601 UTC times (`DrillJSON`).
enum JSONOutput {
    /// The contract's version, in every document as `schemaVersion`. Keys may be added
    /// within a version; renaming or removing one makes the next.
    static let schemaVersion = 1

    /// An object's keys with `schemaVersion` among them. `value` must encode as an object.
    static func object(_ value: some Encodable) throws(CommandFailure) -> TerminalText {
        try encoded(Document(body: value))
    }

    /// A value as it encodes, without `schemaVersion`: only `audit` and `verify` still print
    /// this, until they move to the contract (docs/cli-contract.md lists them).
    static func text(_ value: some Encodable) throws(CommandFailure) -> TerminalText {
        try encoded(value)
    }

    /// A list as `{ "schemaVersion", key: [...], "truncated" }` (`truncated` only where a list can be cut short).
    static func list(_ key: String, _ items: some Encodable, truncated: Bool? = nil) throws(CommandFailure) -> TerminalText {
        try encoded(ListDocument(key: key, items: items, truncated: truncated))
    }

    /// The JSON, safe to print to a terminal: controls and bidirectional overrides that JSON
    /// encoders leave raw (C1, DEL, U+202E …) are written as `\uXXXX`, the same JSON value.
    private static func encoded(_ value: some Encodable) throws(CommandFailure) -> TerminalText {
        do {
            return TerminalText.json(try DrillJSON.string(value))
        } catch {
            throw CommandFailure(lines: ["error: the output could not be encoded as JSON (\(String(describing: error)))"], code: CommandFailure.ioFailure)
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
