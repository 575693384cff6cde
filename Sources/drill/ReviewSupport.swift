import ArgumentParser
import DrillKit
import Foundation

/// How a review command writes its report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json, html
    /// Only for `report --team`: the trend's quarters as a spreadsheet (``CSVTable/trends(_:)``).
    case csv

    /// The file extension for `--output` when none is given.
    var fileExtension: String {
        switch self {
        case .text: "txt"
        case .markdown: "md"
        case .json: "json"
        case .html: "html"
        case .csv: "csv"
        }
    }
}

/// `--format` and `--output` for reports.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "Output format: text, markdown, json, html (a self-contained page), or csv (report --team only).")
    var format: ReportFormat = .text

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the report to this file instead of standard output (- is standard output).", valueName: "file"), completion: .file())
    var file: String?

    /// The file to write, or `nil` for standard output (no `--output`, or `-`).
    var output: String? { file == StandardStream.name ? nil : file }

    /// Writes a rendered report to `--output` or standard output; terminal text only ever goes to standard output.
    func deliver(_ content: TerminalText) throws(CommandFailure) {
        // CSV ends its lines with CRLF, one Character that `hasSuffix("\n")` does not match.
        let ended = content.rendered.utf8.last == UInt8(ascii: "\n") ? content : content + "\n"
        guard let output else {
            Terminal.standardOutput.write(ended)
            return
        }
        try ReviewFiles.write(ended.rendered, to: output)
        Terminal.standardError.line("wrote \(output.terminalSafeLine)")
    }
}

/// Files the review commands write.
enum ReviewFiles {
    /// Writes text atomically (a temporary file renamed into place), creating the folder if needed.
    static func write(_ text: String, to path: String) throws(CommandFailure) {
        do {
            try write(to: path) { append in try append(Data(text.utf8)) }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            // `write(to:_:)` turns every error into a CommandFailure; this body throws none of its own.
            throw CommandFailure(lines: ["\(path.terminalSafeLine): error: could not be written (\(error.localizedDescription))"], code: CommandFailure.ioFailure)
        }
    }

    /// Writes a file piece by piece through `body`, into a temporary file renamed into place
    /// when `body` is done: readers see the old file or the whole new one, never a part.
    static func write(to path: String, _ body: (_ append: (Data) throws -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial")
        func failure(_ error: any Error) -> CommandFailure {
            CommandFailure(lines: ["\(path.terminalSafeLine): error: could not be written (\(error.localizedDescription)); check that the folder is writable and has room"],
                           code: CommandFailure.ioFailure)
        }
        let handle: FileHandle
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            handle = try FileHandle(forWritingTo: temporary)
        } catch {
            throw failure(error)
        }
        do {
            defer { try? handle.close() }
            var pending = Data()
            // Written in pieces of about 64 KiB: few system calls, little memory.
            try body { data in
                pending.append(data)
                if pending.count >= 1 << 16 {
                    try handle.write(contentsOf: pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: pending)
        } catch let error as StoreError {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure(error)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw failure(error)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let error = CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            try? FileManager.default.removeItem(at: temporary)
            throw failure(error)
        }
    }
}


extension ReportFormat {
    /// Encodes a report as the CLI contract's JSON.
    static func json(_ value: some Encodable) throws(CommandFailure) -> TerminalText {
        try JSONOutput.object(value)
    }
}

/// Which runs a command works on, with the same options as `drill runs`.
struct RunSelectionOptions: ParsableArguments {
    @Option(name: .customLong("for-team"), help: ArgumentHelp("Only runs of this team.", valueName: "name"))
    var teamName: String?

    @Option(help: ArgumentHelp("Only runs of this scenario.", valueName: "id"))
    var scenario: String?

    @Option(help: "Only runs with this status.")
    var status: RunStatus?

    @Option(help: ArgumentHelp("Only runs started on or after this day.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
    var since: CalendarDate?

    @Option(help: ArgumentHelp("Only runs started before the end of this day.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
    var until: CalendarDate?

    @Option(help: "At most this many runs, the newest (`drill runs` lists \(RunFilter.defaultLimit) unless told).")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    /// Whether any filter was given.
    var isFiltering: Bool { teamName != nil || scenario != nil || status != nil || since != nil || until != nil || limit != nil }

    /// The filter, with no limit unless one was given.
    var filter: RunFilter {
        RunFilter(team: teamName, scenarioID: scenario, status: status, since: since.map(\.startOfDay),
                  until: until.map { $0.adding(days: 1).startOfDay }, limit: limit)
    }
}

extension AppDatabase {
    /// The team's finished drills (onboarding runs left out), for charts.
    func scoreHistory(team: String) throws(CommandFailure) -> [ScorePoint] {
        do {
            return ScorePoint.history(try runs(RunFilter(team: team, status: .finished, limit: nil)))
        } catch {
            throw CommandFailure(error)
        }
    }

    /// The improvement items, with failures as exit codes.
    func itemsForCommand(team: String? = nil) throws(CommandFailure) -> [ImprovementItem] {
        do {
            return try improvementItems(team: team)
        } catch {
            throw CommandFailure(error)
        }
    }
}

/// `-` for a file a command reads or writes: standard input or standard output.
enum StandardStream {
    /// The name that stands for the standard streams.
    static let name = "-"

    /// Standard input copied to a private temporary file, for readers that take a file (its
    /// messages still name it `-`). Call `remove` when done.
    static func inputFile() throws(CommandFailure) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-stdin-\(getpid())-\(UUID().uuidString)")
        let url = folder.appendingPathComponent("standard-input")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try FileHandle.standardInput.readDataToEndOfFile().write(to: url)
        } catch {
            throw CommandFailure(lines: ["-: error: standard input could not be read (\(error.localizedDescription))"], code: CommandFailure.ioFailure)
        }
        return url
    }

    /// Removes a file made by `inputFile`, with its folder.
    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }
}
