import DrillKit
import Foundation

/// Reports for a terminal: the same content as the Markdown and HTML, styled, wrapped, and
/// with every piece of untrusted text neutralised.
struct ReviewText {
    let terminal: Terminal
    /// The width lines are laid out to: the terminal's.
    var width: Int { terminal.width }

    private func heading(_ text: TerminalText) -> TerminalText { terminal.styled(text, .heading) }
    private func dim(_ text: TerminalText) -> TerminalText { terminal.styled(text, .dim) }
    /// Text from the record, escaped and kept on one line.
    private func safe(_ text: String) -> TerminalText { TerminalText.line(text) }

    private func wrap(_ text: TerminalText, indent: TerminalText, first: TerminalText? = nil) -> [TerminalText] {
        TextLayout.wrap(text, width: width, indent: indent, first: first)
    }

    private func mark(_ status: NeedStatus) -> TerminalText {
        switch status {
        case .met: terminal.styled("✓ met    ", .good)
        case .partial: terminal.styled("~ partial", .warning)
        case .unmet: terminal.styled("✗ unmet  ", .bad)
        }
    }

    private func rating(_ rating: AfterActionReport.Rating) -> TerminalText {
        let style: Terminal.Style = rating == .p ? .good : rating == .u ? .bad : rating == .notTested ? .dim : .warning
        return terminal.styled("\(rating.rawValue)", style)
    }

    private func itemLines(_ item: ImprovementItem, on day: CalendarDate, scenario: Bool) -> [TerminalText] {
        let state = ReviewWords.state(of: item, on: day)
        let style: Terminal.Style = item.state == .closed ? .good : item.openAfterTwoDrills || item.isOverdue(on: day) ? .bad : .warning
        var lines = wrap(safe(item.action), indent: "       ", first: "  \(item.label.padding(toLength: 4, withPad: " ", startingAt: 0)) ")
        // A merged item names every scenario's need it covers.
        var facts: [TerminalText] = [item.needs.count > 1 || scenario ? item.needs.map { "\(safe($0.scenarioId))/\(safe($0.needId))" as TerminalText }.joined(separator: ", ") : safe(item.needId)]
        if let fix = item.fix { facts.append("field \(safe(fix))") }
        facts.append("owner \(item.owner.map(safe) ?? "–")")
        facts.append("due \(item.dueDate?.description ?? "–")")
        lines.append("       " + dim(facts.joined(separator: " · ")) + " · " + terminal.styled(TerminalText.line(state), style))
        return lines
    }

    // MARK: After-action report

    func render(_ report: AfterActionReport) -> TerminalText { TextLayout.fitted(lines(report), width: width) }

    private func lines(_ report: AfterActionReport) -> TerminalText {
        let e = report.exercise
        var out: [TerminalText] = []
        out.append(heading("After-action report: \(safe(report.scenario.title))"))
        out.append(dim("\(safe(e.team)) · run \(e.runId) · \(ReviewWords.time(e.startedAt)) · \(e.status.rawValue) · records judged on \(e.asOf)"))
        var people: [TerminalText] = []
        if let facilitator = e.facilitator { people.append("facilitator \(safe(facilitator))") }
        if !e.participants.isEmpty { people.append("participants " + safe(ReviewWords.participants(e.participants))) }
        if !people.isEmpty { out.append(dim(people.joined(separator: " · "))) }
        out.append("")
        out.append(heading("Exercise"))
        out += wrap(safe(report.scenario.summary), indent: "  ")
        if !report.objectiveRatings.isEmpty {
            out.append("")
            out.append(heading("Objectives"))
            for objective in report.objectiveRatings {
                let label = objective.rating.map { rating($0) } ?? dim("–")
                out += wrap(safe(objective.text), indent: "       ", first: "  \(label) \(objective.number). ")
                out += wrap(safe(objective.basis), indent: "       ", first: "       ")
                for measure in objective.measures {
                    out += wrap("\(measure.kind) \(safe(measure.id)): \(safe(measure.detail))", indent: "         ", first: "       " + dim("\(AfterActionReport.mark(measure.outcome)) "))
                }
            }
        }
        out.append("")
        out.append(heading("Performance"))
        if let score = report.score {
            out.append("  Overall \(terminal.styled("\(score.overall)/100", .emphasis))")
        }
        for capability in report.capabilities {
            out.append("  \(rating(capability.rating)) \(capability.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \(String(capability.score).leftPadded(3))  " + dim(TerminalText.line(capability.basis)))
        }
        out.append(dim("  P without challenges · S some challenges · M major challenges · U unable to perform"))
        out.append("")
        out.append(heading("Strengths"))
        if report.strengths.isEmpty { out.append("  None recorded.") }
        for strength in report.strengths {
            let label = strength.kind == "need" ? "need met" : strength.kind == "decision" ? "decision" : "deadline met"
            out += wrap("\(safe(strength.title)) — \(safe(strength.detail))", indent: "    ", first: "  " + terminal.styled("+ ", .good) + dim("\(line: label): "))
        }
        out.append("")
        out.append(heading("Areas for improvement"))
        if report.areasForImprovement.isEmpty { out.append("  Every need of the scenario was met.") }
        for area in report.areasForImprovement {
            out.append("  \(mark(area.status)) \(safe(area.needId)) " + dim("(\(area.pillar.rawValue))"))
            if let why = area.why { out += wrap(safe(why), indent: "      ", first: "    " + dim("why ") ) }
            out += wrap(safe(area.reason), indent: "      ", first: "    " + dim("found "))
            var impact = ReviewWords.cost(delayHours: area.delayHours, evidenceLossHours: area.evidenceLossHours)
            if !area.deadlines.isEmpty {
                impact += "; pushed " + area.deadlines.map { "\(safe($0.title)) by \(ReviewWords.hours($0.delayHours))" + ($0.met.map { $0 ? " (still met)" : " (missed)" } ?? "") }.joined(separator: ", ")
            }
            out += wrap(TerminalText.line(impact), indent: "      ", first: "    " + dim("cost "))
            if let item = report.improvementPlan.first(where: { $0.needId == area.needId }) {
                out.append("    " + dim("item ") + item.label + (area.fix.map { " · field \(safe($0))" } ?? ""))
            }
        }
        out.append("")
        out.append(heading("Lessons learned (hot wash)"))
        if report.lessonsLearned.isEmpty { out.append("  No hot wash was recorded.") }
        for lesson in report.lessonsLearned {
            out.append("  " + safe(lesson.question))
            for answer in lesson.answers {
                out += wrap(safe(answer.text), indent: "      ", first: "    " + dim("\(safe(answer.actor ?? "the team")): "))
            }
        }
        if !report.decisionsToRevisit.isEmpty {
            out.append("")
            out.append(heading("Decisions to revisit"))
            for answer in report.decisionsToRevisit {
                out += wrap(safe(answer.question), indent: "           ", first: "  \(ReviewWords.clock(answer.simulatedHours))  ")
                out += wrap(safe(ReviewWords.answer(answer)), indent: "                  ", first: "           " + dim("answered "))
                if let expected = answer.expected { out += wrap(safe(expected), indent: "                  ", first: "           " + dim("expected ")) }
            }
        }
        if !report.deadlines.isEmpty {
            out.append("")
            out.append(heading("Deadlines"))
            for deadline in report.deadlines {
                let style: Terminal.Style = deadline.met == true ? .good : deadline.met == false ? .bad : .dim
                out.append("  " + terminal.styled(deadline.met == true ? "✓" : deadline.met == false ? "✗" : "·", style) + " \(safe(deadline.title)): \(ReviewWords.outcome(deadline))")
            }
        }
        out.append("")
        out.append(heading("Improvement plan"))
        if report.improvementPlan.isEmpty { out.append("  No corrective actions: every need was met.") }
        for item in report.improvementPlan { out += itemLines(item, on: report.reportDate, scenario: false) }
        let calledOut = report.improvementPlan.filter(\.openAfterTwoDrills)
        if !calledOut.isEmpty {
            out.append(terminal.styled("  Still open after two or more drills: " + calledOut.map { "\($0.label) (\($0.drillsSinceOpened) drills)" }.joined(separator: ", "), .bad))
        }
        if !report.otherOpenItems.isEmpty {
            out.append(dim("  Other open items of \(safe(e.team)), found by other drills (not part of this plan):"))
            for item in report.otherOpenItems { out += itemLines(item, on: report.reportDate, scenario: true) }
        }
        if !report.improvementPlan.isEmpty {
            out.append(dim("  Set owners and due dates: drill actions set ITEM --owner NAME --due YYYY-MM-DD"))
        }
        out.append("")
        out.append(heading("Timeline"))
        for entry in report.timeline {
            let label = AfterActionReport.timelineLabelForTerminal(entry)
            let lead: TerminalText = "  \(ReviewWords.clock(entry.simulatedHours))  \(TextLayout.padded(label, to: 10))  "
            out.append(lead + TextLayout.truncated(TerminalText.line((entry.actor.map { "\($0): " } ?? "") + entry.text), width: width - TextLayout.cells(lead)))
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Trends

    func render(_ report: TrendReport) -> TerminalText { TextLayout.fitted(lines(report), width: width) }

    private func lines(_ report: TrendReport) -> TerminalText {
        var out: [TerminalText] = []
        out.append(heading("Drill trends: \(safe(report.team))"))
        let left = report.onboardingRunsLeftOut + report.unfinishedRunsLeftOut
        let backfilled = report.drills.filter { $0.playedOn != nil }.count
        out.append(dim("\(report.drills.count) finished drills up to \(report.reportDate)"
            + (backfilled > 0 ? " (\(backfilled) recorded after they were held, counted on the day played)" : "") + (left > 0 ? "; left out: \(report.onboardingRunsLeftOut) onboarding, \(report.unfinishedRunsLeftOut) unfinished" : "")))
        out.append("")
        out.append(heading("By quarter"))
        if report.quarters.isEmpty { out.append("  No drills yet. Run one with `drill run`.") }
        let header = ["QUARTER", "DRILLS", "OVERALL", "RESPONSE", "CONTACTS", "LOGS", "BACKUPS", "DEADLINES", "OPENED", "CLOSED", "OPEN"]
        var rows: [[String]] = []
        for quarter in report.quarters {
            func value(_ number: Double?) -> String { number.map { String(format: "%.0f", $0) } ?? "–" }
            rows.append([quarter.quarter, "\(quarter.drills)", value(quarter.overall), value(quarter.response), value(quarter.contacts),
                         value(quarter.logs), value(quarter.backups), quarter.deadlinesTotal == 0 ? "–" : "\(quarter.deadlinesMet)/\(quarter.deadlinesTotal)",
                         "\(quarter.itemsOpened)", "\(quarter.itemsClosed)", "\(quarter.itemsOpenAtEnd)"])
        }
        if !rows.isEmpty {
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            func line(_ row: [String]) -> String {
                "  " + row.enumerated().map { index, cell in index == 0 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell.leftPadded(widths[index]) }.joined(separator: "  ")
            }
            if TextLayout.cells(line(header)) <= width {
                out.append(terminal.styled(TerminalText.line(line(header)), .dim))
                for row in rows { out.append(TerminalText.line(line(row))) }
            } else {
                // Too wide for the screen: one quarter per block.
                out += Terminal.tableLines(header: header, rows: rows, width: width - 2).map { "  \($0.text)" }
            }
            if let chart = sparkline(report.drills) { out.append("  overall, drill by drill: \(chart)") }
        }
        out.append("")
        out.append(heading("Incident kinds not drilled in the last 12 months"))
        if report.kindsNotDrilled.isEmpty { out.append("  None: every kind was drilled.") }
        for gap in report.kindsNotDrilled {
            let last = gap.lastDrilled.map { "last drilled \(Timestamp8601.day($0))" } ?? "never drilled"
            out.append("  " + terminal.styled("\(gap.kind.rawValue)", .warning) + ": \(last)" + (gap.scenarios.isEmpty ? "" : dim(" · try \(gap.scenarios.map(safe).joined(separator: ", "))")))
        }
        out.append("")
        out.append(heading("Open improvement items (\(report.openItems.count))"))
        if report.openItems.isEmpty { out.append("  None.") }
        for item in report.openItems { out += itemLines(item, on: report.reportDate, scenario: true) }
        if !report.calledOutItems.isEmpty {
            out.append(terminal.styled("  Still open after two or more drills: " + report.calledOutItems.map { "\($0.label) (\($0.drillsSinceOpened) drills)" }.joined(separator: ", "), .bad))
        }
        out.append("")
        out.append(heading("Closed improvement items (\(report.closedItems.count))"))
        for item in report.closedItems.prefix(10) {
            out.append("  \(item.label) \(safe(item.fixKey)) (\(item.needs.map { "\(safe($0.scenarioId))/\(safe($0.needId))" }.joined(separator: ", "))): " + terminal.styled(TerminalText.line(ReviewWords.state(of: item, on: report.reportDate)), .good))
        }
        if report.closedItems.count > 10 { out.append(dim("  … and \(report.closedItems.count - 10) more (--format markdown lists them all)")) }
        return out.joined(separator: "\n") + "\n"
    }

    private func sparkline(_ drills: [ScorePoint]) -> String? {
        guard drills.count > 1 else { return nil }
        let bars = Array("▁▂▃▄▅▆▇█")
        return drills.suffix(40).map { String(bars[min(bars.count - 1, $0.overall * bars.count / 101)]) }.joined()
            + " (" + drills.suffix(40).map { "\($0.overall)" }.joined(separator: " ") + ")"
    }

    // MARK: Comparison

    func render(_ comparison: RunComparison) -> TerminalText { TextLayout.fitted(lines(comparison), width: width) }

    private func lines(_ comparison: RunComparison) -> TerminalText {
        let a = comparison.before, b = comparison.after
        var out: [TerminalText] = []
        out.append(heading("Comparing \(a.runId) → \(b.runId)"))
        out.append(dim("before: \(ReviewWords.time(a.startedAt)) · \(safe(a.scenarioId)) · \(a.status.rawValue)"))
        out.append(dim("after:  \(ReviewWords.time(b.startedAt)) · \(safe(b.scenarioId)) · \(b.status.rawValue)"))
        out.append(dim(comparison.samePreparedness ? "Same preparedness text." : "The preparedness changed between the runs."))
        if !comparison.sameScenario { out.append(terminal.styled("Different scenarios: needs, answers and deadlines are matched by id.", .warning)) }
        out.append("")
        out.append(heading("Scores"))
        for score in comparison.scores {
            let change = ReviewWords.change(score.change)
            let style: Terminal.Style = (score.change ?? 0) > 0 ? .good : (score.change ?? 0) < 0 ? .bad : .dim
            out.append("  \(score.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \((score.before.map(String.init) ?? "–").leftPadded(4)) → \((score.after.map(String.init) ?? "–").leftPadded(4))  " + terminal.styled(TerminalText.line(change), style))
        }
        out.append("")
        out.append(heading("Needs") + dim("  \(comparison.improvedNeeds.count) improved, \(comparison.regressedNeeds.count) regressed"))
        for need in comparison.needs {
            let movement: TerminalText = switch need.movement {
            case .improved: terminal.styled("improved ", .good)
            case .regressed: terminal.styled("regressed", .bad)
            case .unchanged: dim("unchanged")
            case .added: dim("added    ")
            case .removed: dim("removed  ")
            }
            out.append("  \(movement)  \(safe(need.needId)): \(need.before?.rawValue ?? "–") → \(need.after?.rawValue ?? "–")")
            if need.movement == .improved || need.movement == .regressed, let reason = need.reasonAfter {
                out += wrap(safe(reason), indent: "               ", first: "             " + dim("now "))
            }
        }
        out.append("")
        out.append(heading("Answers that differ") + dim("  \(comparison.answers.count) differ, \(comparison.sameAnswers) the same"))
        for change in comparison.answers {
            out += wrap(safe(change.question), indent: "    ", first: "  ")
            out += wrap(change.before.map { safe(ReviewWords.answer($0)) } ?? "not reached", indent: "           ", first: "    " + dim("before "))
            out += wrap(change.after.map { safe(ReviewWords.answer($0)) } ?? "not reached", indent: "           ", first: "    " + dim("after  "))
        }
        if !comparison.deadlines.isEmpty {
            out.append("")
            out.append(heading("Time to each deadline"))
            for deadline in comparison.deadlines {
                func side(_ review: DeadlineReview?) -> String {
                    guard let review else { return "–" }
                    guard let reached = review.reachedHours else { return "not reached" }
                    return ReviewWords.clock(reached) + (review.met == true ? " ✓" : " ✗")
                }
                let change = deadline.changeHours.map { $0 == 0 ? "same" : $0 < 0 ? "\(ReviewWords.hours(-$0)) sooner" : "\(ReviewWords.hours($0)) later" } ?? ""
                let style: Terminal.Style = (deadline.changeHours ?? 0) < 0 ? .good : (deadline.changeHours ?? 0) > 0 ? .bad : .dim
                out.append("  \(safe(deadline.title)) " + dim("(due \(ReviewWords.clock(deadline.dueHours)))") + ": \(side(deadline.before)) → \(side(deadline.after))  " + terminal.styled(TerminalText.line(change), style))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension AfterActionReport {
    /// A timeline label for the terminal.
    static func timelineLabelForTerminal(_ entry: TimelineEntry) -> String {
        switch entry.kind {
        case .inject: "inject"
        case .answer: entry.met == false ? "decision ✗" : "decision"
        case .deadline: entry.met == true ? "deadline" : "missed"
        case .note: "note"
        default: entry.kind.rawValue
        }
    }
}

extension String {
    /// The string right-aligned in `width` characters.
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
