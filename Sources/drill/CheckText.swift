import DrillKit
import Foundation

/// `drill check` for people: per scenario the pillar verdicts, each need with its reason and
/// cost, the deadlines, and a summary line.
///
/// Written in pieces, so that a check never holds more than one scenario's result: `heading`,
/// then each scenario's `block` in id order, then `summary`.
struct CheckText {
    let terminal: Terminal
    var width = 100

    /// The first line: the team, how many scenarios, the day records are judged on.
    func heading(team: String, scenarios: Int, asOf: CalendarDate) -> String {
        terminal.styled("\(team.terminalSafeLine)", .heading)
            + " · \(scenarios) scenario\(scenarios == 1 ? "" : "s") · records judged on \(asOf)\n"
    }

    /// How the records stand against the team's evidence: the counts, and every claim it contradicts.
    func evidence(_ report: EvidenceReport) -> String {
        let claims = report.provenance
        var lines = ["", terminal.styled("Evidence", .heading) + " (\(report.folder.terminalSafeLine), \(report.files.count) file\(report.files.count == 1 ? "" : "s")): "
            + "\(claims.filter { $0.state == .verified }.count) claims verified, \(claims.filter { $0.state == .contradicted }.count) contradicted, "
            + "\(claims.filter { $0.state == .tooOld }.count) too old, \(claims.filter { $0.state == .declared }.count) without evidence found"]
        for pillar in Pillar.allCases {
            let judged = claims.filter { $0.pillar == pillar }
            guard !judged.isEmpty else { continue }
            lines.append("  \(pillar.rawValue): \(judged.filter { $0.state == .verified }.count) of \(judged.count) verified")
        }
        for claim in claims where claim.state != .verified {
            let marker = claim.state == .contradicted ? terminal.styled("✗", .bad) : terminal.styled("~", .warning)
            for (index, line) in Self.wrap(claim.sentence.terminalSafeLine, width: width - 4).enumerated() {
                lines.append((index == 0 ? "  \(marker) " : "    ") + line)
            }
        }
        for problem in report.problems { lines.append("  " + terminal.styled("✗ " + problem.terminalSafeLine, .bad)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One scenario, after the blank line that sets it apart from what comes before.
    func block(_ scenario: CheckReport.ScenarioResult) -> String {
        "\n" + render(scenario).joined(separator: "\n") + "\n"
    }

    /// The summary, after a blank line.
    func summary(_ tally: CheckReport.Tally) -> String {
        let count = tally.scenarios
        func pillar(_ sufficient: Int, _ tested: Int) -> String {
            tested == count ? "\(sufficient)" : tested == 0 ? "0 (no scenario tests them)" : "\(sufficient) of the \(tested) that test them"
        }
        return "\nSummary: \(count) scenario\(count == 1 ? "" : "s"); contacts sufficient in \(pillar(tally.contactsSufficient, tally.contactsTested)), logs in \(pillar(tally.logsSufficient, tally.logsTested)), backups in \(pillar(tally.backupsSufficient, tally.backupsTested)); "
            + "\(tally.needsUnmet) needs unmet, \(tally.needsPartial) partial, \(tally.needsMet) met; "
            + "\(tally.deadlinesMissed) of \(tally.deadlines) deadlines missed.\n"
    }

    private func render(_ scenario: CheckReport.ScenarioResult) -> [String] {
        var out: [String] = []
        out.append(terminal.styled(scenario.id.terminalSafeLine, .heading) + terminal.styled(" · \(scenario.kind.rawValue)", .dim))
        out.append(scenario.title.terminalSafeLine)
        let verdicts: [(String, PillarVerdict)] = [("contacts", scenario.verdicts.contacts), ("logs", scenario.verdicts.logs), ("backups", scenario.verdicts.backups)]
        out.append("  " + verdicts.map { name, verdict in
            switch verdict {
            case .sufficient: terminal.styled("\(name) ✓ sufficient", .good)
            case .insufficient: terminal.styled("\(name) ✗ insufficient", .bad)
            case .notTested: terminal.styled("\(name) – not tested", .dim)
            }
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
                let margin = deadline.reachedHours == deadline.dueHours ? "no time to spare"
                    : deadline.met ? "\(TimeSpan(hours: deadline.dueHours - deadline.reachedHours).spoken) to spare"
                    : "\(TimeSpan(hours: deadline.reachedHours - deadline.dueHours).spoken) late"
                out.append("  \(marker)  \(deadline.title.terminalSafeLine): due \(due), reached \(reached) (\(margin))")
            }
        }
        return out
    }

    /// Greedy word wrap.
    ///
    /// Line lengths are counted as they grow rather than recounted for every word, and units
    /// are told without Foundation's trimming (which bridged every word through NSString):
    /// wrapping was most of the time of printing a check (BENCHMARKS.md).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        // Keep a number with its unit ("24 h", "3 days") on one line.
        var words: [String] = []
        // In ASCII text every space is a character of its own, so splitting bytes is splitting characters.
        let pieces = text.utf8.allSatisfy { $0 < 0x80 }
            ? text.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
            : text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        for word in pieces {
            if let previous = words.last, previous.last?.isNumber == true, units.contains(trimmingUnitPunctuation(word)) {
                words[words.count - 1] = previous + " " + word
            } else {
                words.append(word)
            }
        }
        let limit = max(20, width)
        var current = "", length = 0
        for word in words {
            let wordLength = word.count
            if current.isEmpty {
                current = word
                length = wordLength
            } else if length + 1 + wordLength <= limit {
                // Between ASCII characters a space is a character of its own; next to others
                // (a combining mark after it) it may not be, so count again.
                let plain = (current.utf8.last ?? 0) < 0x80 && (word.utf8.first ?? 0) < 0x80
                current += " " + word
                length = plain ? length + 1 + wordLength : current.count
            } else {
                lines.append(current)
                current = word
                length = wordLength
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    private static let units: Set<String> = ["h", "min", "day", "days", "month", "months", "year", "years"]

    /// The word without the punctuation that may follow a unit (`;,.)`) at either end.
    private static func trimmingUnitPunctuation(_ word: String) -> String {
        func isPunctuation(_ scalar: Unicode.Scalar) -> Bool { scalar == ";" || scalar == "," || scalar == "." || scalar == ")" }
        var scalars = Substring(word).unicodeScalars
        while let first = scalars.first, isPunctuation(first) { scalars.removeFirst() }
        while let last = scalars.last, isPunctuation(last) { scalars.removeLast() }
        return String(scalars)
    }
}
