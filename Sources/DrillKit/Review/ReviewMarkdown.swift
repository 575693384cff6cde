import Foundation

extension ReviewedRun {
    /// The run as a Markdown transcript for people: the header, the scenario, every step on
    /// the simulated clock (injects with their evidence, prompts, answers and who gave them,
    /// consequences, deadlines, notes), the findings, scores and improvement items.
    ///
    /// - Parameters:
    ///   - items: the team's improvement items; those this run found are listed.
    ///   - reportDate: the day due dates are judged on.
    public func transcriptMarkdown(items: [ImprovementItem], reportDate: CalendarDate) -> String {
        let t = transcript
        var out: [String] = []
        out.append("# Drill transcript: \(Markdown.inline(scenario.title))")
        out.append("")
        out.append("| | |")
        out.append("| --- | --- |")
        out.append("| Run | \(Markdown.code(t.id)) |")
        out.append("| Team | \(Markdown.cell(t.team)) |")
        out.append("| Scenario | \(Markdown.code(t.scenarioId)) · \(scenario.kind.rawValue) |")
        out.append("| Mode | \(Markdown.cell(t.mode)) |")
        out.append("| Started | \(ReviewWords.time(t.startedAt)) |")
        if let played = t.playedOn { out.append("| Played on | \(played) (backfilled: recorded after the drill was held) |") }
        out.append("| Ended | \(t.endedAt.map(ReviewWords.time) ?? "–") |")
        out.append("| Status | \(t.status.rawValue) |")
        out.append("| Facilitator | \(t.facilitator.map(Markdown.cell) ?? "–") |")
        out.append("| Participants | \(t.participants.isEmpty ? "–" : Markdown.cell(ReviewWords.participants(t.participants))) |")
        out.append("| Records judged on | \(t.asOf) |")
        out.append("| Preparedness | \(Markdown.cell(t.preparednessSource)) (sha256 \(Markdown.code(String(t.preparednessHash.prefix(16))))…) |")
        out.append("| Scenario text | sha256 \(Markdown.code(String(t.scenarioHash.prefix(16))))… |")
        if let head = t.headHash { out.append("| Head hash | \(Markdown.code(head)) |") }
        out.append("")
        out.append("## Scenario")
        out.append("")
        out.append(Markdown.inline(scenario.summary))
        out.append("")
        out.append("Discovered \(Markdown.inline(scenario.discovered.description))" + (scenario.detectedBy.map { " by \(Markdown.inline($0))" } ?? "")
            + "; \(Markdown.inline(scenario.onsetNoun)) began \(ReviewWords.hours(scenario.onset.hours)) before.")
        if !scenario.objectives.isEmpty {
            out.append("")
            out.append("Objectives:")
            out.append("")
            for (index, objective) in scenario.objectives.enumerated() { out.append("\(index + 1). \(Markdown.inline(objective.text))") }
        }
        out.append("")
        out.append("## Timeline")
        out.append("")
        out.append("Times are on the simulated clock: hours after discovery, with the local day and hour of the scenario.")
        var injects = 0
        for event in t.events {
            switch event.kind {
            case .inject:
                injects += 1
                out.append("")
                out.append("### \(ReviewWords.clock(event.simulatedHours)) · \(Markdown.inline(localTime(atHours: event.simulatedHours))) — Inject \(injects): \(Markdown.inline(event.text))")
                if let inject = scenario.injects.first(where: { $0.id == event.injectID }) {
                    out.append("")
                    out.append(Markdown.inline(inject.narrative))
                    for evidence in inject.evidence {
                        out.append("")
                        out.append("*Evidence: \(Markdown.inline(evidence.source))*")
                        out.append("")
                        out.append(Markdown.codeBlock(evidence.excerpt))
                    }
                }
                out.append("")
            case .prompt:
                out.append("- **Question** (\(Markdown.code(event.promptID ?? ""))): \(Markdown.inline(event.text))")
            case .answer:
                var line = "- **Answer** by \(Markdown.inline(event.actor ?? "the team")): \(Markdown.inline(event.text))"
                switch event.event.answerOutcome {
                case .expected?: line += " — ✓ as expected"
                case .partly?: line += " — ~ partly as expected"
                case .missed?: line += " — ✗ not as expected"
                case nil: break
                }
                if let points = event.points, let max = event.maxPoints { line += " (\(points)/\(max) points)" }
                if let delay = event.delayHours, delay > 0 { line += ", cost \(ReviewWords.hours(delay))" }
                out.append(line)
            case .consequence:
                // What follows from an answer belongs under it; what the inject brings stands alone.
                out.append((event.promptID == nil ? "- ▸ " : "  - ▸ ") + Markdown.inline(event.text))
            case .deadline:
                out.append("- ⏰ \(event.met == true ? "" : "**")\(Markdown.inline(event.text))\(event.met == true ? "" : "**")")
            case .note:
                out.append("- *Note\(event.actor.map { " by \(Markdown.inline($0))" } ?? "") at \(ReviewWords.clock(event.simulatedHours)):* \(Markdown.inline(event.text))")
            case .paused, .resumed:
                out.append("- *\(Markdown.inline(event.text)) (\(ReviewWords.time(event.recordedAt)))*")
            case .ended:
                out.append("")
                out.append("**\(Markdown.inline(event.text))**")
            case .grade:
                out.append("- **Graded** \(Markdown.inline(event.answer ?? ""))\(event.points.map { p in event.maxPoints.map { " (\(p)/\($0) points)" } ?? "" } ?? "")\(event.actor.map { " by \(Markdown.inline($0))" } ?? "") for \(Markdown.code(event.promptID ?? "")): \(Markdown.inline(event.text))")
            case .hotWash:
                out.append("- **Hot wash**\(event.actor.map { " — \(Markdown.inline($0))" } ?? ""), *\(Markdown.inline(HotWash.question(for: event.promptID)))* \(Markdown.inline(event.text))")
            }
        }
        out.append("")
        out.append("## Findings")
        out.append("")
        out.append("How the team's records measured up to what the scenario needs, judged on \(t.asOf).")
        out.append("")
        for finding in findings {
            var line = "- \(ReviewWords.mark(finding.status)) **\(Markdown.inline(finding.id))** (\(finding.pillar.rawValue)): \(Markdown.inline(finding.reason))"
            if finding.status != .met {
                line += " Cost: \(ReviewWords.cost(delayHours: finding.delayHours, evidenceLossHours: finding.evidenceLossHours))."
                if let fix = finding.fix { line += " Fix: \(Markdown.code(fix))." }
            }
            out.append(line)
        }
        let deadlines = self.deadlines
        if !deadlines.isEmpty {
            out.append("")
            out.append("## Deadlines")
            out.append("")
            out.append("| Deadline | Due | Reached | Outcome |")
            out.append("| --- | --- | --- | --- |")
            for deadline in deadlines {
                out.append("| \(Markdown.cell(deadline.title)) | \(ReviewWords.clock(deadline.dueHours)) | \(deadline.reachedHours.map(ReviewWords.clock) ?? "–") | \(deadline.met.map { $0 ? "✓ met" : "✗ missed" } ?? "not reached") |")
            }
        }
        out.append("")
        out.append("## Scores")
        out.append("")
        if let score = t.score {
            out.append("| Overall | Response | Contacts | Logs | Backups | Deadlines met |")
            out.append("| --- | --- | --- | --- | --- | --- |")
            out.append("| **\(score.overall)**/100 | \(score.responsePoints)/\(score.responsePossible) points | \(score.contacts) | \(score.logs) | \(score.backups) | \(score.deadlinesMet) of \(score.deadlinesTotal) |")
        } else {
            out.append("Not scored: the run is \(t.status.rawValue). Continue it with `drill resume \(t.id)`.")
        }
        let found = items.filter { $0.team == t.team && $0.scenarioIds.contains(t.scenarioId) && $0.seenInRunIds.contains(t.id) }
        if !found.isEmpty {
            out.append("")
            out.append("## Improvement items")
            out.append("")
            for item in found {
                let here = item.needs.filter { $0.scenarioId == t.scenarioId }.map(\.needId)
                var line = "- **\(item.label)** \(Markdown.inline(here.isEmpty ? item.needId : here.joined(separator: ", "))) (\(item.pillar.rawValue)): \(Markdown.inline(item.action))"
                if let fix = item.fix { line += " Field: \(Markdown.code(fix))." }
                line += " Owner: \(item.owner.map(Markdown.inline) ?? "–"). Due: \(item.dueDate?.description ?? "–"). Now: \(ReviewWords.state(of: item, on: reportDate))."
                out.append(line)
            }
        }
        out.append("")
        out.append("---")
        out.append("")
        out.append("*Written by `drill export`. The JSON transcript beside this file is the lossless record; `drill import` loads it.*")
        return out.joined(separator: "\n") + "\n"
    }
}

extension AfterActionReport {
    /// The report as Markdown.
    public func markdown() -> String {
        var out: [String] = []
        let e = exercise
        out.append("# After-action report: \(Markdown.inline(scenario.title))")
        out.append("")
        out.append("\(Markdown.inline(e.team)) · run \(Markdown.code(e.runId)) · \(ReviewWords.time(e.startedAt)) · \(e.status.rawValue)")
        out.append("")
        out.append("## Exercise overview")
        out.append("")
        out.append("| | |")
        out.append("| --- | --- |")
        out.append("| Scenario | \(Markdown.cell(scenario.title)) (\(Markdown.code(scenario.id))) |")
        out.append("| Incident kind | \(scenario.kind.rawValue) |")
        out.append("| Team | \(Markdown.cell(e.team)) |")
        out.append("| Facilitator | \(e.facilitator.map(Markdown.cell) ?? "–") |")
        out.append("| Participants | \(e.participants.isEmpty ? "–" : Markdown.cell(ReviewWords.participants(e.participants))) |")
        out.append("| Played | \(e.playedOn.map { "\($0), backfilled (recorded \(ReviewWords.span(e.startedAt, e.endedAt)))" } ?? ReviewWords.span(e.startedAt, e.endedAt)) |")
        out.append("| Records judged on | \(e.asOf) |")
        out.append("| Preparedness | \(Markdown.cell(e.preparednessSource)) (sha256 \(Markdown.code(String(e.preparednessHash.prefix(16))))…) |")
        if let head = e.headHash { out.append("| Head hash | \(Markdown.code(head)) |") }
        out.append("")
        out.append(Markdown.inline(scenario.summary))
        if let basedOn = scenario.basedOn {
            out.append("")
            out.append("*Based on:* \(Markdown.inline(basedOn))")
        }
        out.append("")
        out += objectivesMarkdown()
        out.append("## Summary of performance")
        out.append("")
        if let score {
            out.append("Overall **\(score.overall)/100**: response \(score.responsePoints) of \(score.responsePossible) points, contacts \(score.contacts), logs \(score.logs), backups \(score.backups), deadlines \(score.deadlinesMet) of \(score.deadlinesTotal) met.")
        } else {
            out.append("The run is \(exercise.status.rawValue), so it has no score yet; ratings below cover what was played.")
        }
        out.append("")
        out.append("| Capability | Rating | Score | Basis |")
        out.append("| --- | --- | --- | --- |")
        for capability in capabilities {
            out.append("| \(capability.name) | **\(capability.rating.rawValue)** — \(capability.rating.meaning) | \(capability.score) | \(Markdown.cell(capability.basis)) |")
        }
        out.append("")
        out.append("Ratings: P performed without challenges · S with some challenges · M with major challenges · U unable to be performed.")
        if let evidence { out += [""] + evidence.markdown.dropLast() }
        out.append("")
        out.append("## Strengths")
        out.append("")
        if strengths.isEmpty { out.append("None recorded.") }
        for strength in strengths {
            switch strength.kind {
            case "need": out.append("- **Need met — \(Markdown.inline(strength.title)).** \(Markdown.inline(strength.detail))")
            case "decision": out.append("- **Decision — \(Markdown.inline(strength.title))** \(Markdown.inline(strength.detail))")
            default: out.append("- **Deadline met — \(Markdown.inline(strength.title)).** \(Markdown.inline(strength.detail))")
            }
        }
        out.append("")
        out.append("## Areas for improvement")
        out.append("")
        if areasForImprovement.isEmpty { out.append("Every need of the scenario was met.") }
        for (index, area) in areasForImprovement.enumerated() {
            out.append("### \(index + 1). \(Markdown.inline(area.needId)) (\(area.pillar.rawValue), \(area.status.rawValue))")
            out.append("")
            if let why = area.why { out.append("- *Why it matters:* \(Markdown.inline(why))") }
            out.append("- *What the records showed:* \(Markdown.inline(area.reason))")
            var impact = ReviewWords.cost(delayHours: area.delayHours, evidenceLossHours: area.evidenceLossHours)
            if !area.deadlines.isEmpty {
                impact += "; pushed " + area.deadlines.map { pushed in
                    "“\(Markdown.inline(pushed.title))” by \(ReviewWords.hours(pushed.delayHours))" + (pushed.met.map { $0 ? " (still met)" : " (missed)" } ?? "")
                }.joined(separator: ", ")
            }
            out.append("- *Impact:* \(impact)")
            if let item = improvementPlan.first(where: { $0.id == area.itemId }) {
                out.append("- *Corrective action:* \(item.label) in the improvement plan" + (area.fix.map { "; change \(Markdown.code($0))" } ?? ""))
            }
            out.append("")
        }
        out += lessonsMarkdown()
        if !decisionsToRevisit.isEmpty {
            out.append("## Decisions to revisit")
            out.append("")
            for answer in decisionsToRevisit {
                out.append("- **\(ReviewWords.clock(answer.simulatedHours)) \(Markdown.inline(answer.question))** Answered: \(Markdown.inline(ReviewWords.answer(answer))).\(answer.expected.map { " Expected: \(Markdown.inline($0))." } ?? "")\(answer.explanation.map { " \(Markdown.inline($0))" } ?? "")")
            }
            out.append("")
        }
        if !deadlines.isEmpty {
            out.append("## Deadlines")
            out.append("")
            out.append("| Deadline | Due | Reached | Outcome | Held up by |")
            out.append("| --- | --- | --- | --- | --- |")
            for deadline in deadlines {
                var causes = deadline.causes.map { "\($0.needId) +\(ReviewWords.hours($0.delayHours))" }
                if deadline.choicesDelayHours > 0 { causes.append("choices +\(ReviewWords.hours(deadline.choicesDelayHours))") }
                out.append("| \(Markdown.cell(deadline.title)) | \(ReviewWords.clock(deadline.dueHours)) | \(deadline.reachedHours.map(ReviewWords.clock) ?? "–") | \(deadline.met.map { $0 ? "✓ met" : "✗ missed" } ?? "not reached") | \(causes.isEmpty ? "–" : Markdown.cell(causes.joined(separator: ", "))) |")
            }
            out.append("")
        }
        out += planMarkdown()
        out.append("")
        out.append("## Timeline")
        out.append("")
        out.append("| Time | | Event |")
        out.append("| --- | --- | --- |")
        for entry in timeline { out.append("| \(ReviewWords.clock(entry.simulatedHours)) | \(Self.timelineLabel(entry)) | \(Markdown.cell((entry.actor.map { "\($0): " } ?? "") + entry.text)) |") }
        if scoreHistory.count > 1 {
            out.append("")
            out.append("## Scores over time")
            out.append("")
            out.append(Self.historyTable(scoreHistory, highlight: [exercise.runId]))
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    /// The objectives, each with its rating, basis and measures.
    func objectivesMarkdown() -> [String] {
        guard !objectiveRatings.isEmpty else { return [] }
        var out = ["## Objectives", ""]
        for objective in objectiveRatings {
            let rating = objective.rating.map { "**\($0.rawValue)** (\($0.meaning))" } ?? (objective.measured ? "*not rated*" : "*not measured*")
            out.append("\(objective.number). \(Markdown.inline(objective.text)) — \(rating)")
            guard objective.measured else { continue }
            // Blank lines keep the basis and the measures as blocks of the item, not run into its first line.
            out.append("")
            out.append("   *Basis:* \(Markdown.inline(objective.basis)).")
            out.append("")
            for measure in objective.measures {
                out.append("   - \(Self.mark(measure.outcome)) \(measure.kind) \(Markdown.code(measure.id)) \(Markdown.inline(Self.measureTitle(measure))) — \(Markdown.inline(measure.detail))")
            }
            out.append("")
        }
        if out.last == "" { out.removeLast() }
        out.append("")
        out.append(Self.objectivesNote(objectiveRatings))
        out.append("")
        return out
    }

    /// A measure's title as a report shows it beside its id: `“What now?”`, `(contacts)`.
    public static func measureTitle(_ measure: ObjectiveRating.Measure) -> String {
        measure.kind == "need" ? "(\(measure.title))" : "“\(measure.title)”"
    }

    /// How objectives are rated, or why these are not.
    static func objectivesNote(_ ratings: [ObjectiveRating]) -> String {
        guard ratings.contains(where: \.measured) else {
            return "The scenario as played names nothing that measures these objectives, so none is rated."
        }
        return "An objective is rated on what measures it: P every measure met · S none unmet, some partial or not reached · M some unmet, others met or partial · U every measure reached unmet. An objective written without measures is not measured."
    }

    /// `✓`, `~`, `✗`, `·` before a measure.
    public static func mark(_ outcome: ObjectiveRating.Outcome) -> String {
        switch outcome {
        case .met: "✓"
        case .partial: "~"
        case .unmet: "✗"
        case .notReached: "·"
        }
    }

    /// The hot wash: per question, who said what.
    func lessonsMarkdown() -> [String] {
        var out = ["## Lessons learned (hot wash)", ""]
        if lessonsLearned.isEmpty {
            out.append(exercise.mode == "drill" ? "No hot wash was recorded for this drill." : "No hot wash: \(exercise.mode) runs have none.")
            out.append("")
            return out
        }
        for lesson in lessonsLearned {
            out.append("### \(Markdown.inline(lesson.question))")
            out.append("")
            for answer in lesson.answers {
                out.append("- **\(Markdown.inline(answer.actor ?? "The team")):** \(Markdown.inline(answer.text))")
            }
            out.append("")
        }
        return out
    }

    /// This run's improvement plan in the HSEEP columns, the items it closed, and, apart, the team's other open items.
    func planMarkdown() -> [String] {
        var out = ["## Improvement plan", ""]
        if improvementPlan.isEmpty {
            out.append("No corrective actions from this drill: every need was met.")
        } else {
            out.append("Corrective actions for the gaps this drill found.")
            out.append("")
            out.append("| Item | Capability | Corrective action | Responsible | Start | Completion (due) | Status |")
            out.append("| --- | --- | --- | --- | --- | --- | --- |")
            for item in improvementPlan { out.append(Self.planRow(item, on: reportDate)) }
            out.append("")
            out.append("Start is the day the item was last opened. Set who is responsible and the completion date with `drill actions set ITEM --owner NAME --due YYYY-MM-DD`. Items close by themselves when a later drill or `drill check` finds the need met.")
        }
        let calledOut = improvementPlan.filter(\.openAfterTwoDrills)
        if !calledOut.isEmpty {
            out.append("")
            out.append("**Still open after two or more drills:** " + calledOut.map { "\($0.label) \(Markdown.inline($0.needId)) (\($0.drillsSinceOpened) drills)" }.joined(separator: "; ") + ".")
        }
        if !itemsClosedByThisRun.isEmpty {
            out.append("")
            out.append("**Closed by this drill:** " + itemsClosedByThisRun.map { "\($0.label) \(Markdown.inline($0.needId)) (\(Markdown.inline($0.closingReason ?? "found met")))" }.joined(separator: "; ") + ".")
        }
        if !otherOpenItems.isEmpty {
            out.append("")
            out.append("## Other open items of \(Markdown.inline(exercise.team))")
            out.append("")
            out.append("Found by the team's other drills, not by this one; listed so the plan is read with them, not as part of it.")
            out.append("")
            out += Self.itemsTable(otherOpenItems, on: reportDate)
        }
        out.append("")
        return out
    }

    /// The capability an item improves, named as the report's ratings name it: `Contacts`.
    static func capability(_ pillar: Pillar) -> String {
        pillar.rawValue.prefix(1).uppercased() + pillar.rawValue.dropFirst()
    }

    static func correctiveAction(_ item: ImprovementItem) -> String {
        Markdown.cell(item.action) + (item.fix.map { " Change \(Markdown.code($0))." } ?? "")
    }

    /// Items of several scenarios in the HSEEP improvement-plan columns, with each item's scenario.
    static func itemsTable(_ items: [ImprovementItem], on day: CalendarDate) -> [String] {
        ["| Item | Scenario | Capability | Corrective action | Responsible | Start | Completion (due) | Status |",
         "| --- | --- | --- | --- | --- | --- | --- | --- |"] + items.map { item in
            "| \(item.label) | \(item.scenarioIds.map(Markdown.code).joined(separator: ", ")) | \(capability(item.pillar)) | \(correctiveAction(item)) | \(item.owner.map(Markdown.cell) ?? "–") | \(item.startDate) | \(item.dueDate?.description ?? "–") | \(ReviewWords.state(of: item, on: day)) |"
        }
    }

    static func planRow(_ item: ImprovementItem, on day: CalendarDate) -> String {
        "| \(item.label) | \(capability(item.pillar)) | \(correctiveAction(item)) | \(item.owner.map(Markdown.cell) ?? "–") | \(item.startDate) | \(item.dueDate?.description ?? "–") | \(ReviewWords.state(of: item, on: day)) |"
    }

    static func timelineLabel(_ entry: TimelineEntry) -> String {
        switch entry.kind {
        case .inject: "inject"
        case .answer: entry.met == false ? "decision ✗" : entry.met == true ? "decision ✓" : "decision"
        case .deadline: entry.met == true ? "deadline ✓" : "deadline ✗"
        case .note: "note"
        default: entry.kind.rawValue
        }
    }

    static func historyTable(_ history: [ScorePoint], highlight: [String]) -> String {
        var out = ["| Run | Started | Scenario | Overall | Response | Contacts | Logs | Backups | Deadlines |",
                   "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for point in history {
            let run = highlight.contains(point.runId) ? "**\(point.runId)**" : point.runId
            out.append("| \(run) | \(Timestamp8601.minutes(point.startedAt)) | \(Markdown.code(point.scenarioId)) | \(point.overall) | \(point.response) | \(point.contacts) | \(point.logs) | \(point.backups) | \(point.deadlinesMet)/\(point.deadlinesTotal) |")
        }
        return out.joined(separator: "\n")
    }
}

extension TrendReport {
    /// The report as Markdown.
    public func markdown() -> String {
        var out: [String] = []
        out.append("# Drill trends: \(Markdown.inline(team))")
        out.append("")
        out.append("\(drills.count) finished drill\(drills.count == 1 ? "" : "s") up to \(reportDate)" + (onboardingRunsLeftOut + unfinishedRunsLeftOut > 0 ? " (left out: \(onboardingRunsLeftOut) onboarding, \(unfinishedRunsLeftOut) unfinished)" : "") + ".")
        out.append("")
        out.append("## By quarter")
        out.append("")
        if quarters.isEmpty {
            out.append("No drills yet. Run one with `drill run`.")
        } else {
            out.append("| Quarter | Drills | Overall | Response | Contacts | Logs | Backups | Deadlines met | Items opened | Items closed | Open at end |")
            out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            for quarter in quarters {
                func value(_ number: Double?) -> String { number.map { HTML.number($0) } ?? "–" }
                out.append("| \(quarter.quarter) | \(quarter.drills) | \(value(quarter.overall)) | \(value(quarter.response)) | \(value(quarter.contacts)) | \(value(quarter.logs)) | \(value(quarter.backups)) | \(quarter.deadlinesTotal == 0 ? "–" : "\(quarter.deadlinesMet) of \(quarter.deadlinesTotal)") | \(quarter.itemsOpened) | \(quarter.itemsClosed) | \(quarter.itemsOpenAtEnd) |")
            }
        }
        out.append("")
        out.append("## Incident kinds not drilled in the last 12 months")
        out.append("")
        if kindsNotDrilled.isEmpty { out.append("None: every kind was drilled since \(reportDate.adding(months: -12)).") }
        for gap in kindsNotDrilled {
            let last = gap.lastDrilled.map { "last drilled \(Timestamp8601.day($0))" } ?? "never drilled"
            out.append("- **\(gap.kind.rawValue)**: \(last)" + (gap.scenarios.isEmpty ? "." : "; scenarios: " + gap.scenarios.map(Markdown.code).joined(separator: ", ") + "."))
        }
        out.append("")
        out.append("## Open improvement items (\(openItems.count))")
        out.append("")
        if openItems.isEmpty {
            out.append("None.")
        } else {
            out += AfterActionReport.itemsTable(openItems, on: reportDate)
        }
        if !calledOutItems.isEmpty {
            out.append("")
            out.append("**Still open after two or more drills:** " + calledOutItems.map { "\($0.label) (\($0.drillsSinceOpened) drills)" }.joined(separator: ", ") + ".")
        }
        out.append("")
        out.append("## Closed improvement items (\(closedItems.count))")
        out.append("")
        if closedItems.isEmpty { out.append("None yet.") }
        for item in closedItems {
            out.append("- \(item.label) \(item.needs.map { Markdown.code($0.scenarioId) + "/" + Markdown.inline($0.needId) }.joined(separator: ", ")): \(ReviewWords.state(of: item, on: reportDate)).")
        }
        if !drills.isEmpty {
            out.append("")
            out.append("## Drills")
            out.append("")
            out.append(AfterActionReport.historyTable(drills, highlight: []))
        }
        out.append("")
        return out.joined(separator: "\n")
    }
}

extension RunComparison {
    /// The comparison as Markdown.
    public func markdown() -> String {
        var out: [String] = []
        out.append("# Comparing drills: \(before.runId) → \(after.runId)")
        out.append("")
        out.append("| | Before | After |")
        out.append("| --- | --- | --- |")
        out.append("| Run | \(Markdown.code(before.runId)) | \(Markdown.code(after.runId)) |")
        out.append("| Team | \(Markdown.cell(before.team)) | \(Markdown.cell(after.team)) |")
        out.append("| Scenario | \(Markdown.code(before.scenarioId)) | \(Markdown.code(after.scenarioId)) |")
        out.append("| Started | \(ReviewWords.time(before.startedAt)) | \(ReviewWords.time(after.startedAt)) |")
        out.append("| Status | \(before.status.rawValue) | \(after.status.rawValue) |")
        out.append("| Records judged on | \(before.asOf) | \(after.asOf) |")
        out.append("| Preparedness | sha256 \(Markdown.code(String(before.preparednessHash.prefix(12))))… | sha256 \(Markdown.code(String(after.preparednessHash.prefix(12))))…\(samePreparedness ? " (same)" : " (changed)") |")
        if !sameScenario {
            out.append("")
            out.append("*The runs played different scenarios: needs, answers and deadlines are matched by id.*")
        }
        out.append("")
        out.append("## Scores")
        out.append("")
        out.append("| Score | Before | After | Change |")
        out.append("| --- | --- | --- | --- |")
        for score in scores {
            out.append("| \(score.name) | \(score.before.map(String.init) ?? "–") | \(score.after.map(String.init) ?? "–") | \(ReviewWords.change(score.change)) |")
        }
        out.append("")
        out.append("## Needs")
        out.append("")
        out.append("\(improvedNeeds.count) improved, \(regressedNeeds.count) regressed, \(needs.filter { $0.movement == .unchanged }.count) unchanged.")
        out.append("")
        out.append("| Need | Pillar | Before | After | |")
        out.append("| --- | --- | --- | --- | --- |")
        for need in needs {
            out.append("| \(Markdown.cell(need.needId)) | \(need.pillar.rawValue) | \(need.before.map(ReviewWords.mark) ?? "–") | \(need.after.map(ReviewWords.mark) ?? "–") | \(need.movement.rawValue) |")
        }
        for need in needs where need.movement == .improved || need.movement == .regressed {
            out.append("")
            out.append("- **\(Markdown.inline(need.needId)) \(need.movement.rawValue).** Before: \(Markdown.inline(need.reasonBefore ?? "–")) After: \(Markdown.inline(need.reasonAfter ?? "–"))")
        }
        out.append("")
        out.append("## Answers that differ")
        out.append("")
        if answers.isEmpty { out.append("Every prompt was answered the same way (\(sameAnswers)).") }
        for change in answers {
            out.append("- **\(Markdown.inline(change.question))** Before: \(change.before.map { Markdown.inline(ReviewWords.answer($0)) } ?? "not reached"). After: \(change.after.map { Markdown.inline(ReviewWords.answer($0)) } ?? "not reached").")
        }
        if !answers.isEmpty && sameAnswers > 0 {
            out.append("")
            out.append("\(sameAnswers) other prompt\(sameAnswers == 1 ? " was" : "s were") answered the same way.")
        }
        if !deadlines.isEmpty {
            out.append("")
            out.append("## Time to each deadline")
            out.append("")
            out.append("| Deadline | Due | Before | After | Change |")
            out.append("| --- | --- | --- | --- | --- |")
            for deadline in deadlines {
                func side(_ review: DeadlineReview?) -> String {
                    guard let review else { return "–" }
                    guard let reached = review.reachedHours else { return "not reached" }
                    return "\(ReviewWords.clock(reached)) \(review.met == true ? "✓" : "✗")"
                }
                let change = deadline.changeHours.map { $0 == 0 ? "same" : ($0 < 0 ? "\(ReviewWords.hours(-$0)) sooner" : "\(ReviewWords.hours($0)) later") } ?? "–"
                out.append("| \(Markdown.cell(deadline.title)) | \(ReviewWords.clock(deadline.dueHours)) | \(side(deadline.before)) | \(side(deadline.after)) | \(change) |")
            }
        }
        out.append("")
        return out.joined(separator: "\n")
    }
}
