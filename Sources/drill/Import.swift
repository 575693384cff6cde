import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill import FILE…`: loads JSON transcripts into the database.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Load JSON transcripts (from `drill export`) into the database.",
            discussion: """
                A folder imports every .json file in it. A run already stored is left as it is; a later \
                state of a stored run (it was paused when first exported) adds the events it lacks. Every \
                transcript is checked first: its hash chain, its seal and signature, and that its events, \
                findings and score follow from its answers. A signed transcript must be signed by a trusted \
                key: this installation's, or one in a KEYS file beside the transcript; one exported before \
                runs were signed is imported and reported as unsigned. Problems are reported as \
                path:line:column: error: message; exits 65 when any transcript is invalid, 66 when a file \
                is missing.

                Examples:
                  drill import transcripts
                  drill import run.json other-run.json
                  drill import - < run.json
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ArgumentHelp("Transcript files, or folders of them (- reads one from standard input).", valueName: "file"), completion: Completions.jsonFile)
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one transcript file") }
            if files.filter({ $0 == StandardStream.name }).count > 1 { throw ValidationError("standard input (-) can be named once") }
        }

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let out = Terminal.standardOutput, err = Terminal.standardError
                var invalid = false, missing = false
                var counts = (imported: 0, unchanged: 0, extended: 0)
                // Results come in file order once their batch is committed: a line that says
                // "imported" is on disk.
                var progress: ProgressLine?
                let report = { (file: TranscriptFile, result: TranscriptImportResult) in
                    progress?.clear()
                    defer { progress?.advance() }
                    let path = file.displayPath
                    switch result {
                    case let .refused(error):
                        let failure = CommandFailure(error, hint: "name a transcript written by `drill export`")
                        for line in failure.lines { err.line(line) }
                        if failure.code == CommandFailure.missingInput { missing = true } else { invalid = true }
                    case let .stored(run, outcome):
                        let signer = run.signedBy.map { ", signed by key \($0)" } ?? ", unsigned"
                        let what = "\(run.id) (\(run.scenarioId), \(run.team), \(run.status.rawValue)\(signer))".terminalSafeLine
                        switch outcome {
                        case .imported:
                            counts.imported += 1
                            out.line("imported \(what)")
                        case .alreadyStored:
                            counts.unchanged += 1
                            out.line(out.styled("already stored \(what)", .dim))
                        case .newerStored:
                            counts.unchanged += 1
                            out.line(out.styled("a later state of \(what) is already stored; left as it is", .dim))
                        case let .extended(newEvents):
                            counts.extended += 1
                            out.line("updated \(what): \(newEvents) more events")
                        case let .conflict(detail):
                            invalid = true
                            err.line("\(path.terminalSafeLine): error: \(detail.terminalSafeLine); nothing was changed")
                        }
                    }
                }
                // `-` is standard input, copied to a private file for the importer, named `-` in messages.
                let standardInput = files.contains(StandardStream.name) ? try StandardStream.inputFile() : nil
                defer { if let standardInput { StandardStream.remove(standardInput) } }
                let transcripts = try expand(files).map { path in
                    path == StandardStream.name ? TranscriptFile(url: standardInput ?? URL(fileURLWithPath: path), displayPath: path) : TranscriptFile(path: path)
                }
                let keys = GlobalOptions.trustedKeys(own: database.key, besides: transcripts.map { $0.url.deletingLastPathComponent() })
                progress = ProgressLine("checked", "transcripts", total: transcripts.count)
                try database.importTranscripts(transcripts, keys: keys, report: report)
                progress?.clear()
                err.line(err.styled("\(counts.imported) imported, \(counts.extended) updated, \(counts.unchanged) already stored.", .dim))
                if invalid { throw ExitCode(CommandFailure.invalidData) }
                if missing { throw ExitCode(CommandFailure.missingInput) }
            }
        }

        /// Files as given, with each folder replaced by its `.json` files in name order.
        private func expand(_ paths: [String]) throws(CommandFailure) -> [String] {
            var result: [String] = []
            for path in paths {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                    result.append(path)
                    continue
                }
                let names: [String]
                do {
                    names = try FileManager.default.contentsOfDirectory(atPath: path)
                } catch {
                    throw CommandFailure(lines: ["\(path.terminalSafeLine): error: the folder could not be read"], code: CommandFailure.ioFailure)
                }
                result += names.filter { $0.hasSuffix(".json") }.sorted().map { URL(fileURLWithPath: path).appendingPathComponent($0).relativePath }
            }
            return result
        }
    }
}
