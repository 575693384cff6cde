import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill audit`: the tool's own administrative actions.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "List drill's own audit trail: runs started, paused, resumed, finished, deleted; verifications; migrations; exports and imports.",
            discussion: """
                Examples:
                  drill audit
                  drill audit --action run.started --since 2026-11-01
                  drill audit --format json --limit 20
                """)

        @OptionGroup var options: DatabaseOption

        @Option(help: ArgumentHelp("Only this action, or actions starting with it (e.g. run.).", valueName: "action"))
        var action: String?

        @Option(name: .customLong("run"), help: ArgumentHelp("Only entries about this run.", valueName: "id"))
        var runID: String?

        @Option(help: ArgumentHelp("Only entries on or after this day.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var since: CalendarDate?

        @Option(help: ArgumentHelp("Only entries up to the end of this day.", valueName: "YYYY-MM-DD"), transform: CalendarDate.argument)
        var until: CalendarDate?

        @Option(help: "At most this many entries, newest first.")
        var limit = 100

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase(creating: false)
                var entries: [AuditRecord]
                // One more than asked for, to tell whether the list was cut short.
                entries = try database.auditEntries(AuditFilter(
                    action: action, runID: runID, since: since?.startOfDay, until: until.map { $0.adding(days: 1).startOfDay }, limit: max(0, limit) + 1))
                let cutShort = entries.count > max(0, limit)
                if cutShort { entries.removeLast() }
                let out = Terminal.standardOutput
                if format == .json {
                    out.line(try JSONOutput.text(AuditList(entries: entries.map(AuditList.Entry.init), cutShort: cutShort)))
                    return
                }
                guard !entries.isEmpty else {
                    out.line("No audit entries match.")
                    return
                }
                for entry in entries {
                    // Every field is neutralised and kept on one line, so no value can forge or split an entry.
                    let fields: [TerminalText] = ["\(Timestamp8601.seconds(entry.at))Z", TerminalText.line(entry.action), entry.runID.map { TerminalText.line($0) } ?? "-",
                                                  "\(line: entry.user)@\(line: entry.host)", TerminalText.line(entry.detail)]
                    out.line(fields.joined(separator: "  "))
                }
            }
        }
    }

    /// The JSON of `drill audit --format json`.
    struct AuditList: Encodable {
        /// One entry, with ids spelled as every command spells them.
        struct Entry: Encodable {
            var id: Int64?
            var at: Date
            var action: String
            var runId: String?
            var detail: String
            var user: String
            var host: String
            var hash: String?

            init(_ record: AuditRecord) {
                id = record.id
                at = record.at
                action = record.action
                runId = record.runID
                detail = record.detail
                user = record.user
                host = record.host
                hash = record.hash
            }
        }

        var schemaVersion = 1
        var entries: [Entry]
        /// Whether more entries matched than `--limit` lets through.
        var cutShort: Bool
    }
}
