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

/// JSON as every `--format json` writes it (see `ReviewJSON`: sorted lowerCamelCase keys, ISO 8601 UTC times).
enum JSONOutput {
    static func text(_ value: some Encodable) throws(CommandFailure) -> String {
        do {
            return try ReviewJSON.string(value)
        } catch {
            throw CommandFailure(lines: ["error: the output could not be encoded as JSON (\(error))"], code: CommandFailure.ioFailure)
        }
    }
}
