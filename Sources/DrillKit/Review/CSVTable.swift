import Foundation

/// A table as CSV for spreadsheets (RFC 4180): a header row, one record per row, fields
/// separated by commas, lines ended by CRLF, UTF-8. A field holding a comma, a double quote, a
/// line break or a leading or trailing space is quoted, its quotes doubled.
///
/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (CSV injection):
/// such a cell is written with a leading `'`, which spreadsheets show as text. So a value that
/// starts with one of those characters reads back with the `'` in front.
public struct CSVTable: Hashable, Sendable {
    /// The column names.
    public var header: [String]
    /// The rows, each as many fields as the header.
    public var rows: [[String]]

    /// Creates a table.
    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The CSV text.
    public var text: String { rendered(Self.field) }

    /// The CSV text to print or write: CRLF line ends kept, and within each field whatever
    /// could steer a terminal made visible (as ``Swift/String/terminalSafe`` does).
    public var terminalText: TerminalText {
        TerminalText(verbatim: rendered { Self.field($0).terminalSafe })
    }

    /// Every row, header first, each field written by `field`, lines ended by CRLF.
    private func rendered(_ field: (String) -> String) -> String {
        ([header] + rows).map { row in row.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// Characters that make a spreadsheet read a cell as a formula.
    public static let formulaStarts: Set<Character> = ["=", "+", "-", "@"]

    /// One field, guarded against formulas and quoted when needed.
    public static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, formulaStarts.contains(first) || first == "\t" || first == "\r" { value = "'" + value }
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || value.first == " " || value.last == " "
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}

extension CSVTable {
    /// `drill runs --format csv`: one row per run.
    public static func runs(_ runs: [RunHeader]) -> CSVTable {
        CSVTable(
            header: ["runId", "team", "scenarioId", "scenarioKind", "mode", "status", "startedAt", "playedOn", "backfilled", "endedAt",
                     "overallScore"],
            rows: runs.map { run in
                [run.id, run.team, run.scenarioID, run.scenarioKind, run.mode, run.status.rawValue, Timestamp8601.string(run.startedAt),
                 Timestamp8601.day(run.playedAt).description, run.isBackfilled ? "yes" : "no", run.endedAt.map(Timestamp8601.string) ?? "",
                 run.overallScore.map(String.init) ?? ""]
            })
    }

    /// `drill actions --format csv`: one row per item, as a plan a team tracks in a spreadsheet.
    public static func items(_ items: [ImprovementItem], on day: CalendarDate) -> CSVTable {
        CSVTable(
            header: ["item", "team", "status", "state", "fix", "pillar", "action", "scenarios", "needs", "owner", "due", "overdue",
                     "riskAcceptedUntil", "riskAcceptedReason", "openedRunId", "openedOn", "timesReopened", "runs", "closedOn",
                     "closedBy", "lastStatus", "reason"],
            rows: items.map { item in
                [String(item.id), item.team, item.status.rawValue, ReviewWords.state(of: item, on: day), item.fixKey, item.pillar.rawValue,
                 item.action, item.scenarioIds.joined(separator: " "), item.needs.map { "\($0.scenarioId)/\($0.needId)" }.joined(separator: " "),
                 item.owner ?? "", item.dueDate?.description ?? "", item.isOverdue(on: day) ? "yes" : "no",
                 item.isRiskAccepted ? item.acceptance?.until.description ?? "" : "", item.isRiskAccepted ? item.acceptance?.reason ?? "" : "",
                 item.openedRunId, Timestamp8601.day(item.openedAt).description, String(item.timesReopened),
                 item.seenInRunIds.joined(separator: " "), item.closedAt.map { Timestamp8601.day($0).description } ?? "",
                 item.state == .closed ? (item.closedByRunId.map { "run \($0)" } ?? "drill check") : "",
                 item.lastStatus.rawValue, item.reason]
            })
    }

    /// `drill report --team … --format csv`: one row per quarter of the trend.
    public static func trends(_ report: TrendReport) -> CSVTable {
        func number(_ value: Double?) -> String {
            guard let value else { return "" }
            return value == value.rounded() ? String(Int(value)) : String(value)
        }
        return CSVTable(
            header: ["team", "quarter", "start", "drills", "overall", "response", "contacts", "logs", "backups", "deadlinesMet",
                     "deadlinesTotal", "itemsOpened", "itemsClosed", "itemsOpenAtEnd"],
            rows: report.quarters.map { quarter in
                [report.team, quarter.quarter, quarter.start.description, String(quarter.drills), number(quarter.overall),
                 number(quarter.response), number(quarter.contacts), number(quarter.logs), number(quarter.backups),
                 String(quarter.deadlinesMet), String(quarter.deadlinesTotal), String(quarter.itemsOpened), String(quarter.itemsClosed),
                 String(quarter.itemsOpenAtEnd)]
            })
    }
}
