import DrillKit
import Foundation

/// `drill check` for people: per scenario the pillar verdicts, each need with its reason and
/// cost, the deadlines, and a summary line.
struct CheckText {
    let report: CheckReport
    let terminal: Terminal
    var width = 100

    func render() -> String {
        var out: [String] = []
        out.append(terminal.styled("\(report.team.terminalSafeLine)", .heading)
            + " · \(report.scenarios.count) scenario\(report.scenarios.count == 1 ? "" : "s") · records judged on \(report.asOf)")
        for scenario in report.scenarios {
            out.append("")
            out += render(scenario)
        }
        out.append("")
        out.append(summary())
        return out.joined(separator: "\n") + "\n"
    }

    private func render(_ scenario: CheckReport.ScenarioResult) -> [String] {
        var out: [String] = []
        out.append(terminal.styled(scenario.id.terminalSafeLine, .heading) + terminal.styled(" · \(scenario.kind.rawValue)", .dim))
        out.append(scenario.title.terminalSafeLine)
        let verdicts: [(String, PillarVerdict)] = [("contacts", scenario.verdicts.contacts), ("logs", scenario.verdicts.logs), ("backups", scenario.verdicts.backups)]
        out.append("  " + verdicts.map { name, verdict in
            verdict == .sufficient ? terminal.styled("\(name) ✓ sufficient", .good) : terminal.styled("\(name) ✗ insufficient", .bad)
        }.joined(separator: "   "))
        let idWidth = min(28, scenario.needs.map(\.id.count).max() ?? 0)
        for need in scenario.needs {
            let marker = switch need.status {
            case .met: terminal.styled("✓ met    ", .good)
            case .partial: terminal.styled("~ partial", .warning)
            case .unmet: terminal.styled("✗ unmet  ", .bad)
            }
            var costs: [String] = []
            if need.delayHours > 0 { costs.append("+\(TimeSpan(hours: need.delayHours).spoken)") }
            if need.evidenceLossHours > 0 { costs.append("\(TimeSpan(hours: need.evidenceLossHours).spoken) of evidence lost") }
            let cost = costs.isEmpty ? "" : " (" + costs.joined(separator: "; ") + ")"
            let head = "  \(marker) \(need.id.terminalSafeLine.padding(toLength: idWidth, withPad: " ", startingAt: 0)) "
            let indent = String(repeating: " ", count: 14 + idWidth)
            let wrapped = Self.wrap(need.reason.terminalSafeLine + cost, width: width - indent.count)
            for (index, line) in wrapped.enumerated() {
                out.append((index == 0 ? head : indent) + line)
            }
            if let fix = need.fix {
                out.append(indent + terminal.styled("fix: \(fix.terminalSafeLine)", .dim))
            }
        }
        if !scenario.deadlines.isEmpty {
            out.append("  deadlines")
            for deadline in scenario.deadlines {
                let due = TimeSpan(hours: deadline.dueHours).spoken, reached = TimeSpan(hours: deadline.reachedHours).spoken
                let marker = deadline.met ? terminal.styled("✓ met   ", .good) : terminal.styled("✗ missed", .bad)
                out.append("  \(marker)  \(deadline.title.terminalSafeLine): due \(due), reached \(reached)")
            }
        }
        return out
    }

    private func summary() -> String {
        let scenarios = report.scenarios
        func sufficient(_ pick: (CheckReport.Verdicts) -> PillarVerdict) -> Int { scenarios.filter { pick($0.verdicts) == .sufficient }.count }
        let needs = scenarios.flatMap(\.needs)
        let deadlines = scenarios.flatMap(\.deadlines)
        return "Summary: \(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s"); contacts sufficient in \(sufficient(\.contacts)), logs in \(sufficient(\.logs)), backups in \(sufficient(\.backups)); "
            + "\(needs.filter { $0.status == .unmet }.count) needs unmet, \(needs.filter { $0.status == .partial }.count) partial, \(needs.filter { $0.status == .met }.count) met; "
            + "\(deadlines.filter { !$0.met }.count) of \(deadlines.count) deadlines missed."
    }

    /// Greedy word wrap.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        // Keep a number with its unit ("24 h", "3 days") on one line.
        var words: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let unit = word.trimmingCharacters(in: CharacterSet(charactersIn: ";,.)"))
            if ["h", "min", "day", "days", "month", "months", "year", "years"].contains(unit),
               let previous = words.last, previous.last?.isNumber == true {
                words[words.count - 1] = previous + " " + word
            } else {
                words.append(word)
            }
        }
        for word in words {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= max(20, width) {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
