import DrillKit
import Foundation

/// `drill check` for people: per scenario the pillar verdicts, each need with its reason and
/// cost, the deadlines, and a summary line.
///
/// Written in pieces, so that a check never holds more than one scenario's result: `heading`,
/// then each scenario's `block` in id order, then `summary`.
struct CheckText {
    let terminal: Terminal
    /// The width lines are wrapped to: the terminal's.
    var width: Int { terminal.width }

    /// The first line: the team, how many scenarios, the day records are judged on.
    func heading(team: String, scenarios: Int, asOf: CalendarDate) -> TerminalText {
        TextLayout.fitted(terminal.styled(TerminalText.line(team), .heading)
            + " · \(scenarios) scenario\(scenarios == 1 ? "" : "s") · records judged on \(asOf)", width: width) + "\n"
    }

    /// How the records stand against the team's evidence: the counts of claims; per pillar, the
    /// share of the records the checked scenarios were judged on that the evidence verifies, in
    /// the after-action report's words; and every claim it does not verify.
    func evidence(_ report: EvidenceReport, judged: [EvidenceSection.PillarShare]) -> TerminalText {
        let claims = report.provenance
        let counts = "\(claims.filter { $0.state == .verified }.count) claims verified, \(claims.filter { $0.state == .contradicted }.count) contradicted, "
            + "\(claims.filter { $0.state == .tooOld }.count) too old, \(claims.filter { $0.state == .declared }.count) without evidence found"
        var lines: [TerminalText] = ["", terminal.styled("Evidence", .heading) + " (\(report.folder.terminalSafeLine), \(report.files.count) file\(report.files.count == 1 ? "" : "s")): \(counts)"]
        for share in judged { lines.append("  \(share.pillar.rawValue): \(share.sentence)") }
        for claim in claims where claim.state != .verified {
            let marker = claim.state == .contradicted ? terminal.styled("✗", .bad) : terminal.styled("~", .warning)
            lines += TextLayout.wrap(TerminalText.line(claim.sentence), width: width, indent: "    ", first: "  \(marker) ")
        }
        for problem in report.problems { lines += TextLayout.wrap(terminal.styled("✗ \(problem.terminalSafeLine)", .bad), width: width, indent: "    ", first: "  ") }
        return TextLayout.fitted(lines.joined(separator: "\n"), width: width) + "\n"
    }

    /// One scenario, after the blank line that sets it apart from what comes before.
    func block(_ scenario: CheckReport.ScenarioResult) -> TerminalText {
        "\n" + TextLayout.fitted(render(scenario).joined(separator: "\n"), width: width) + "\n"
    }

    /// The summary, after a blank line.
    func summary(_ tally: CheckReport.Tally) -> TerminalText {
        let count = tally.scenarios
        return "\n" + TextLayout.fitted(TerminalText(escaping: summaryLine(tally, count: count)), width: width) + "\n"
    }

    private func summaryLine(_ tally: CheckReport.Tally, count: Int) -> String {
        func pillar(_ sufficient: Int, _ tested: Int) -> String {
            tested == count ? "\(sufficient)" : tested == 0 ? "0 (no scenario tests them)" : "\(sufficient) of the \(tested) that test them"
        }
        return "Summary: \(count) scenario\(count == 1 ? "" : "s"); contacts sufficient in \(pillar(tally.contactsSufficient, tally.contactsTested)), logs in \(pillar(tally.logsSufficient, tally.logsTested)), backups in \(pillar(tally.backupsSufficient, tally.backupsTested)); "
            + "\(tally.needsUnmet) needs unmet, \(tally.needsPartial) partial, \(tally.needsMet) met; "
            + "\(tally.deadlinesMissed) of \(tally.deadlines) deadlines missed."
    }

    private func render(_ scenario: CheckReport.ScenarioResult) -> [TerminalText] {
        var out: [TerminalText] = []
        out.append(terminal.styled(TerminalText.line(scenario.id), .heading) + terminal.styled(" · \(scenario.kind.rawValue)", .dim))
        out.append(TerminalText.line(scenario.title))
        let verdicts: [(String, PillarVerdict)] = [("contacts", scenario.verdicts.contacts), ("logs", scenario.verdicts.logs), ("backups", scenario.verdicts.backups)]
        let marks = verdicts.map { name, verdict in
            switch verdict {
            case .sufficient: terminal.styled("\(name) ✓ sufficient", .good)
            case .insufficient: terminal.styled("\(name) ✗ insufficient", .bad)
            case .notTested: terminal.styled("\(name) – not tested", .dim)
            }
        }
        let together: TerminalText = "  " + marks.joined(separator: "   ")
        out += TextLayout.cells(together) <= width ? [together] : marks.map { "  " + $0 }
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
            // Reasons beside the need ids while that leaves them room; on a narrow screen, below.
            let besideIDs = width - (14 + idWidth) >= 36
            let head: TerminalText = "  \(marker) \(besideIDs ? TextLayout.padded(need.id.terminalSafeLine, to: idWidth) + " " : need.id.terminalSafeLine)"
            let indent = String(repeating: " ", count: besideIDs ? 14 + idWidth : 6)
            if !besideIDs { out.append(head) }
            let wrapped = TextLayout.wrap(need.reason.terminalSafeLine + cost, width: width - indent.count)
            for (index, line) in wrapped.enumerated() {
                out.append((index == 0 && besideIDs ? head : "\(indent)") + line)
            }
            if let fix = need.fix {
                out.append("\(indent)" + terminal.styled("fix: \(fix.terminalSafeLine)", .dim))
            }
        }
        if !scenario.deadlines.isEmpty {
            out.append("  deadlines")
            for deadline in scenario.deadlines {
                let due = TimeSpan(hours: deadline.dueHours).spoken, reached = TimeSpan(hours: deadline.reachedHours).spoken
                let marker = deadline.met ? terminal.styled("✓ met   ", .good) : terminal.styled("✗ missed", .bad)
                let margin = deadline.reachedHours == deadline.dueHours ? "no time to spare"
                    : deadline.met ? "\(TimeSpan(hours: deadline.dueHours - deadline.reachedHours).spoken) to spare"
                    : "\(TimeSpan(hours: deadline.reachedHours - deadline.dueHours).spoken) late"
                out += TextLayout.wrap("\(deadline.title.terminalSafeLine): due \(due), reached \(reached) (\(margin))" as TerminalText, width: width,
                                       indent: "            ", first: "  \(marker)  ")
            }
        }
        return out
    }
}
