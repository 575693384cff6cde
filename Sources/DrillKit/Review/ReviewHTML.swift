import Foundation

/// Self-contained HTML pages for reports: one file with its styles and charts inline, no
/// script, and a content security policy that forbids loading anything, so the page shows
/// and prints the same anywhere, offline, years later.
public enum ReviewPage {
    /// A complete page.
    public static func document(title: String, subtitle: String, body: HTML) -> String {
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="generator" content="drill">
            <title>\(title)</title>
            <style>\(HTML(stringLiteral: css))</style>
            </head>
            <body>
            <header class="masthead"><div><p class="kicker">\(subtitle)</p><h1>\(title)</h1></div></header>
            <main>
            \(body)
            </main>
            <footer>Written by drill. Scores, findings and items follow from the stored run; the JSON transcript is the lossless record.</footer>
            </body>
            </html>

            """
        return page.rendered
    }

    static let css = """
        :root { --ink: #1d2430; --muted: #5b6576; --line: #d8dde6; --paper: #ffffff; --band: #f3f5f9;
          --good: #1f7a4d; --good-bg: #e3f4ea; --warn: #9a6200; --warn-bg: #fdf1d8; --bad: #b42318; --bad-bg: #fde8e6;
          --accent: #24476b; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; color: var(--ink); background: var(--paper);
          font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif; }
        .masthead { background: var(--accent); color: #fff; padding: 26px 40px 22px; }
        .masthead > div { max-width: 920px; margin: 0 auto; }
        .masthead h1 { margin: 0; font-size: 26px; line-height: 1.25; font-weight: 650; }
        .kicker { margin: 0 0 6px; font-size: 13.5px; letter-spacing: .02em; opacity: .85; }
        main { max-width: 1000px; margin: 0 auto; padding: 8px 40px 24px; }
        footer { max-width: 1000px; margin: 0 auto; padding: 12px 40px 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
        h2 { font-size: 19px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); color: var(--accent); break-after: avoid; }
        h3 { font-size: 16px; margin: 18px 0 6px; break-after: avoid; }
        p { margin: 6px 0 10px; }
        .muted { color: var(--muted); }
        code { font: 12.5px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; background: var(--band); padding: 1px 4px; border-radius: 3px; overflow-wrap: break-word; }
        table { width: 100%; border-collapse: collapse; margin: 8px 0 14px; font-size: 13.5px; }
        th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
        th { background: var(--band); font-weight: 600; font-size: 12.5px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
        tr { break-inside: avoid; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num, td.nowrap { white-space: nowrap; }
        table.facts th { width: 200px; text-transform: none; letter-spacing: 0; font-size: 13.5px; }
        .cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; margin: 14px 0; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: var(--band); break-inside: avoid; }
        .card .value { font-size: 26px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
        .card .name { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; min-height: 2.9em; }
        .card.main { background: var(--accent); color: #fff; border-color: var(--accent); }
        .card.main .name { color: #dfe7f1; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
        .badge.met, .badge.good, .badge.P { background: var(--good-bg); color: var(--good); }
        .badge.partial, .badge.warn, .badge.S, .badge.M { background: var(--warn-bg); color: var(--warn); }
        .badge.unmet, .badge.bad, .badge.U { background: var(--bad-bg); color: var(--bad); }
        .badge.neutral, .badge.NT { background: var(--band); color: var(--muted); }
        table.plan td.action { width: 38%; }
        table.plan td.scenario { max-width: 150px; }
        table.plan td.scenario code { overflow-wrap: anywhere; }
        table.objectives td.rating { white-space: nowrap; }
        table.objectives td.rating .badge { margin-right: 4px; }
        ul.measures { padding-left: 0; list-style: none; margin: 6px 0 0; font-size: 13px; }
        ul.measures li { margin: 3px 0; }
        .other-items table.plan { opacity: .92; }
        table.plan .badge { white-space: normal; }
        table.plan td:last-child { min-width: 110px; }
        .area { border: 1px solid var(--line); border-left: 5px solid var(--warn); border-radius: 6px; padding: 8px 14px; margin: 10px 0; break-inside: avoid; }
        .area.unmet { border-left-color: var(--bad); }
        .area h3 { margin-top: 6px; }
        .area dl { display: grid; grid-template-columns: 150px 1fr; gap: 4px 12px; margin: 6px 0; font-size: 14px; }
        .area dt { color: var(--muted); }
        .area dd { margin: 0; }
        ul.plain { padding-left: 20px; margin: 6px 0; }
        ul.plain li { margin: 4px 0; }
        .callout { border: 1px solid var(--bad); background: var(--bad-bg); border-radius: 6px; padding: 8px 14px; margin: 12px 0; break-inside: avoid; }
        .chart { width: 100%; height: auto; display: block; margin: 8px 0 4px; break-inside: avoid; }
        .chart text { font-size: 11px; fill: var(--muted); font-family: inherit; }
        .chart .grid { stroke: #e7eaf0; stroke-width: 1; }
        .chart .tick { stroke: #c9ced8; stroke-width: 1; stroke-dasharray: 2 3; }
        .chart .series { fill: none; stroke-width: 1.6; stroke-linejoin: round; stroke-linecap: round; }
        .chart .series.overall { stroke: var(--accent); stroke-width: 3; }
        .chart .series.contacts { stroke: #7b4fa0; stroke-dasharray: 5 3; }
        .chart .series.logs { stroke: #c25e00; stroke-dasharray: 2 3; }
        .chart .series.backups { stroke: #16807d; stroke-dasharray: 8 3 2 3; }
        .chart .dot { stroke: #fff; stroke-width: 1.2; }
        .chart .dot.overall { fill: var(--accent); }
        .chart .dot.contacts { fill: #7b4fa0; } .chart .dot.logs { fill: #c25e00; } .chart .dot.backups { fill: #16807d; }
        .chart .highlight { fill: none; stroke: var(--bad); stroke-width: 2; }
        .chart .band { fill: #f4f6fa; }
        .chart text.quarter { fill: var(--ink); font-weight: 600; }
        .chart text.label { fill: var(--ink); font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
        .chart text.legend { fill: var(--ink); }
        .chart text.lane { fill: var(--ink); font-size: 12px; }
        .chart .inject circle, .chart .inject rect { fill: var(--accent); }
        .chart .inject.run0 circle, .chart .inject.run0 rect { fill: #8a96a8; }
        .chart .inject text { fill: #fff; font-size: 10px; font-weight: 700; }
        .chart .decision.good, .chart .bar.good { fill: var(--good); }
        .chart .decision.bad, .chart .bar.bad { fill: var(--bad); }
        .chart .decision.neutral, .chart .bar.neutral { fill: #98a2b3; }
        .chart .bar.run0 { opacity: .9; }
        .chart .due { stroke: var(--ink); stroke-width: 2.5; }
        .up { color: var(--good); font-weight: 600; } .down { color: var(--bad); font-weight: 600; }
        @media (max-width: 760px) { .cards { grid-template-columns: repeat(3, 1fr); } main, footer, .masthead { padding-left: 16px; padding-right: 16px; } }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { font-size: 10.5pt; }
          .masthead { padding: 14px 18px; }
          main, footer { max-width: none; padding: 0 4px; }
          h2 { margin-top: 18px; }
          section { break-inside: auto; }
          .chart { max-height: 95mm; }
          a { color: inherit; text-decoration: none; }
        }
        """

    static func badge(_ status: NeedStatus) -> HTML {
        "<span class=\"badge \(status.rawValue)\">\(ReviewWords.mark(status))</span>"
    }

    static func outcomeBadge(_ met: Bool?, yes: String = "✓ met", no: String = "✗ missed", none: String = "not reached") -> HTML {
        switch met {
        case true?: "<span class=\"badge good\">\(yes)</span>"
        case false?: "<span class=\"badge bad\">\(no)</span>"
        case nil: "<span class=\"badge neutral\">\(none)</span>"
        }
    }

    static func itemState(_ item: ImprovementItem, on day: CalendarDate) -> HTML {
        let style = item.state == .closed ? "good" : item.openAfterTwoDrills || item.isOverdue(on: day) ? "bad" : "warn"
        return "<span class=\"badge \(style)\">\(ReviewWords.state(of: item, on: day))</span>"
    }

    /// Items in the columns of an HSEEP improvement plan: capability, corrective action (with the
    /// field to change), responsible, start date (the day it was last opened), completion date, status.
    static func planTable(_ items: [ImprovementItem], on day: CalendarDate, showScenario: Bool) -> HTML {
        let rows: [HTML] = items.map { item in
            """
            <tr><td class="num">\(item.label)</td>\(showScenario ? "<td class=\"scenario\">\(HTML.join(item.scenarioIds.map { "<code>\($0)</code>" as HTML }, separator: ", "))</td>" as HTML : "")<td>\(AfterActionReport.capability(item.pillar))</td>\
            <td class="action">\(HTML.prose(item.action))\(item.fix.map { " Change <code>\($0)</code>." as HTML } ?? "")</td><td>\(item.owner ?? "–")</td>\
            <td class="num">\(item.startDate.description)</td><td class="num">\(item.dueDate?.description ?? "–")</td><td>\(itemState(item, on: day))</td></tr>
            """
        }
        return """
            <table class="plan"><thead><tr><th class="num">Item</th>\(showScenario ? "<th>Scenario</th>" as HTML : "")<th>Capability</th><th>Corrective action</th><th>Responsible</th><th class="num">Start</th><th class="num">Completion (due)</th><th>Status</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    static func scoresChart(_ history: [ScorePoint], highlight: [String], title: String) -> HTML {
        SVGChart.scores(history, highlight: highlight, title: title)
    }

    static func historyTable(_ history: [ScorePoint], highlight: [String]) -> HTML {
        let rows: [HTML] = history.map { point in
            let run: HTML = highlight.contains(point.runId) ? "<strong>\(point.runId)</strong>" : "\(point.runId)"
            return """
                <tr><td>\(run)</td><td class="num">\(Timestamp8601.minutes(point.startedAt))</td><td class="nowrap"><code>\(point.scenarioId)</code></td>\
                <td class="num">\(point.overall)</td><td class="num">\(point.response)</td><td class="num">\(point.contacts)</td>\
                <td class="num">\(point.logs)</td><td class="num">\(point.backups)</td><td class="num">\(point.deadlinesMet)/\(point.deadlinesTotal)</td></tr>
                """
        }
        return """
            <table><thead><tr><th>Run</th><th class="num">Started</th><th>Scenario</th><th class="num">Overall</th><th class="num">Response</th>\
            <th class="num">Contacts</th><th class="num">Logs</th><th class="num">Backups</th><th class="num">Deadlines</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }
}

extension AfterActionReport {
    /// The report as a self-contained HTML page.
    public func html() -> String {
        let e = exercise
        var body: [HTML] = []
        let facts: [(String, HTML)] = [
            ("Scenario", "\(scenario.title) <code>\(scenario.id)</code>"),
            ("Incident kind", "\(scenario.kind.rawValue)"),
            ("Team", "\(e.team)"),
            ("Facilitator", "\(e.facilitator ?? "–")"),
            ("Participants", "\(e.participants.isEmpty ? "–" : ReviewWords.participants(e.participants))"),
            ("Played", e.playedOn.map { "\($0.description), backfilled (recorded \(ReviewWords.span(e.startedAt, e.endedAt))) · \(e.status.rawValue)" as HTML }
                ?? "\(ReviewWords.span(e.startedAt, e.endedAt)) · \(e.status.rawValue)"),
            ("Discovered", "\(scenario.discovered)\(scenario.detectedBy.map { " by " + $0 } ?? "")"),
            ("Records judged on", "\(e.asOf.description)"),
            ("Preparedness", "\(e.preparednessSource) <code>sha256 \(String(e.preparednessHash.prefix(16)))…</code>"),
        ] + (e.headHash.map { [("Head hash", "<code>\($0)</code>" as HTML)] } ?? [])
        body.append("""
            <section><h2>Exercise overview</h2>
            <table class="facts"><tbody>\(facts.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" as HTML })</tbody></table>
            <p>\(HTML.prose(scenario.summary))</p>\(scenario.basedOn.map { "<p class=\"muted\"><em>Based on:</em> \(HTML.prose($0))</p>" as HTML } ?? "")
            </section>
            """)
        if !objectiveRatings.isEmpty { body.append(objectivesHTML()) }

        var cards: [HTML] = []
        if let score {
            cards.append("<div class=\"card main\"><div class=\"name\">Overall</div><div class=\"value\">\(score.overall)</div><div>of 100</div></div>")
        } else {
            cards.append("<div class=\"card main\"><div class=\"name\">Overall</div><div class=\"value\">–</div><div>\(e.status.rawValue)</div></div>")
        }
        for capability in capabilities {
            cards.append("<div class=\"card\"><div class=\"name\">\(capability.name)</div><div class=\"value\">\(capability.score)</div><div><span class=\"badge \(capability.rating.rawValue)\">\(capability.rating.rawValue)</span></div></div>")
        }
        let ratingRows: [HTML] = capabilities.map { c in
            "<tr><td>\(c.name)</td><td><span class=\"badge \(c.rating.rawValue)\">\(c.rating.rawValue)</span> \(c.rating.meaning)</td><td class=\"num\">\(c.score)</td><td>\(c.basis)</td></tr>"
        }
        body.append("""
            <section><h2>Summary of performance</h2>
            <div class="cards">\(cards)</div>
            <table><thead><tr><th>Capability</th><th>Rating</th><th class="num">Score</th><th>Basis</th></tr></thead><tbody>\(ratingRows)</tbody></table>
            <p class="muted">HSEEP ratings: P performed without challenges · S with some challenges · M with major challenges · U unable to be performed.</p>
            </section>
            """)
        if let evidence { body.append(evidence.html) }

        if scoreHistory.count > 0 {
            body.append("""
                <section><h2>Scores over time</h2>
                \(ReviewPage.scoresChart(scoreHistory, highlight: [e.runId], title: "Scores of \(e.team)'s drills over time"))
                <p class="muted">Each mark is a finished drill of \(e.team), by overall score; a line joins drills of the same scenario, and colour and shape tell scenarios apart. This run is ringed.</p>
                </section>
                """)
        }

        let strengthItems: [HTML] = strengths.map { s in
            let label = s.kind == "need" ? "Need met" : s.kind == "decision" ? "Decision" : "Deadline met"
            return "<li><strong>\(label) — \(s.title)</strong><br>\(HTML.prose(s.detail))</li>"
        }
        body.append("<section><h2>Strengths</h2>\(strengths.isEmpty ? "<p>None recorded.</p>" as HTML : "<ul class=\"plain\">\(strengthItems)</ul>" as HTML)</section>")

        let areas: [HTML] = areasForImprovement.enumerated().map { index, area in
            let pushedText = area.deadlines.map { d in
                "“\(d.title)” by \(ReviewWords.hours(d.delayHours))\(d.met.map { $0 ? " (still met)" : " (missed)" } ?? "")"
            }.joined(separator: ", ")
            let pushed: HTML = area.deadlines.isEmpty ? "" : "; pushed \(pushedText)"
            let item = improvementPlan.first { $0.id == area.itemId }
            return """
                <div class="area \(area.status.rawValue)"><h3>\(index + 1). \(area.needId) \(ReviewPage.badge(area.status)) <span class="muted">\(area.pillar.rawValue)</span></h3><dl>
                \(area.why.map { "<dt>Why it matters</dt><dd>\(HTML.prose($0))</dd>" as HTML } ?? "")
                <dt>What the records showed</dt><dd>\(HTML.prose(area.reason))</dd>
                <dt>Impact</dt><dd>\(ReviewWords.cost(delayHours: area.delayHours, evidenceLossHours: area.evidenceLossHours))\(pushed)</dd>
                \(item.map { "<dt>Corrective action</dt><dd>\($0.label): \(HTML.prose($0.action))\(area.fix.map { " Change <code>\($0)</code>." as HTML } ?? "")</dd>" as HTML } ?? "")
                </dl></div>
                """
        }
        body.append("<section><h2>Areas for improvement</h2>\(areas.isEmpty ? "<p>Every need of the scenario was met.</p>" as HTML : HTML.join(areas))</section>")
        body.append(lessonsHTML())

        if !decisionsToRevisit.isEmpty {
            let rows: [HTML] = decisionsToRevisit.map { a in
                """
                <tr><td class="num">\(ReviewWords.clock(a.simulatedHours))</td><td>\(HTML.prose(a.question))</td><td>\(HTML.prose(ReviewWords.answer(a)))</td>\
                <td>\(a.expected.map(HTML.prose) ?? "–")\(a.explanation.map { "<br><span class=\"muted\">\(HTML.prose($0))</span>" as HTML } ?? "")</td></tr>
                """
            }
            body.append("""
                <section><h2>Decisions to revisit</h2>
                <table><thead><tr><th class="num">Time</th><th>Question</th><th>Answer</th><th>Expected</th></tr></thead><tbody>\(rows)</tbody></table></section>
                """)
        }

        let deadlineRows: [HTML] = deadlines.map { d in
            var causes = d.causes.map { "\($0.needId) +\(ReviewWords.hours($0.delayHours))" }
            if d.choicesDelayHours > 0 { causes.append("choices +\(ReviewWords.hours(d.choicesDelayHours))") }
            return """
                <tr><td>\(d.title)</td><td class="num">\(ReviewWords.clock(d.dueHours))</td><td class="num">\(d.reachedHours.map(ReviewWords.clock) ?? "–")</td>\
                <td>\(ReviewPage.outcomeBadge(d.met))</td><td>\(causes.isEmpty ? "–" : causes.joined(separator: ", "))</td></tr>
                """
        }
        body.append("""
            <section><h2>Timeline</h2>
            \(SVGChart.timeline([(label: e.runId, entries: timeline, deadlines: deadlines)], title: "Run \(e.runId) on the simulated clock"))
            \(deadlines.isEmpty ? "" : "<table><thead><tr><th>Deadline</th><th class=\"num\">Due</th><th class=\"num\">Reached</th><th>Outcome</th><th>Held up by</th></tr></thead><tbody>\(deadlineRows)</tbody></table>" as HTML)
            </section>
            """)

        body.append(planHTML())

        let timelineRows: [HTML] = timeline.map { entry in
            let style = entry.met == true ? "good" : entry.met == false ? "bad" : "neutral"
            return "<tr><td class=\"num\">\(ReviewWords.clock(entry.simulatedHours))</td><td><span class=\"badge \(style)\">\(AfterActionReport.timelineLabel(entry))</span></td><td>\(entry.actor.map { "\($0): " } ?? "")\(HTML.prose(entry.text))</td></tr>"
        }
        body.append("""
            <section><h2>Event log</h2>
            <table><thead><tr><th class="num">Time</th><th></th><th>Event</th></tr></thead><tbody>\(timelineRows)</tbody></table></section>
            """)
        if scoreHistory.count > 1 {
            body.append("<section><h2>Drills of \(e.team)</h2>\(ReviewPage.historyTable(scoreHistory, highlight: [e.runId]))</section>")
        }
        return ReviewPage.document(title: "After-action report: \(scenario.title)",
                                   subtitle: "\(e.team) · run \(e.runId) · \(Timestamp8601.day(e.startedAt))", body: HTML.join(body, separator: "\n"))
    }
}

extension AfterActionReport {
    /// The objectives, each with its rating, basis and measures.
    func objectivesHTML() -> HTML {
        let rows: [HTML] = objectiveRatings.map { objective in
            let badge: HTML = objective.rating.map { "<span class=\"badge \($0.rawValue)\">\($0.rawValue)</span> \($0.meaning)" as HTML }
                ?? "<span class=\"badge NT\">\(objective.measured ? "not rated" : "not measured")</span>"
            let measures: [HTML] = objective.measures.map { measure in
                let style = measure.outcome == .met ? "met" : measure.outcome == .partial ? "partial" : measure.outcome == .unmet ? "unmet" : "neutral"
                return "<li><span class=\"badge \(style)\">\(AfterActionReport.mark(measure.outcome)) \(measure.outcome.rawValue)</span> \(measure.kind) <code>\(measure.id)</code> \(HTML.prose(AfterActionReport.measureTitle(measure))) — \(HTML.prose(measure.detail))</li>"
            }
            return """
                <tr><td class="num">\(objective.number)</td><td>\(HTML.prose(objective.text))</td><td class="rating">\(badge)</td>\
                <td>\(objective.measured ? objective.basis : "–")\(measures.isEmpty ? "" : "<ul class=\"measures\">\(measures)</ul>" as HTML)</td></tr>
                """
        }
        return """
            <section><h2>Objectives</h2>
            <table class="objectives"><thead><tr><th class="num">#</th><th>Objective</th><th>Rating</th><th>Basis</th></tr></thead><tbody>\(rows)</tbody></table>
            <p class="muted">\(AfterActionReport.objectivesNote(objectiveRatings))</p>
            </section>
            """
    }

    /// The hot wash: per question, who said what.
    func lessonsHTML() -> HTML {
        guard !lessonsLearned.isEmpty else {
            return "<section><h2>Lessons learned (hot wash)</h2><p>\(exercise.mode == "drill" ? "No hot wash was recorded for this drill." : "No hot wash: \(exercise.mode) runs have none.")</p></section>"
        }
        let groups: [HTML] = lessonsLearned.map { lesson in
            let said: [HTML] = lesson.answers.map { "<li><strong>\($0.actor ?? "The team"):</strong> \(HTML.prose($0.text))</li>" }
            return "<h3>\(lesson.question)</h3><ul class=\"plain\">\(said)</ul>"
        }
        return "<section><h2>Lessons learned (hot wash)</h2>\(groups)</section>"
    }

    /// This run's plan, the items it closed, and, in their own section, the team's other open items.
    func planHTML() -> HTML {
        let calledOut = improvementPlan.filter(\.openAfterTwoDrills)
        let closed: [HTML] = itemsClosedByThisRun.map { "<li>\($0.label) \($0.needId): \(HTML.prose($0.closingReason ?? "found met"))</li>" }
        let plan: HTML = """
            <section><h2>Improvement plan</h2>
            \(improvementPlan.isEmpty ? "<p>No corrective actions from this drill: every need was met.</p>" as HTML : "<p>Corrective actions for the gaps this drill found.</p>\(ReviewPage.planTable(improvementPlan, on: reportDate, showScenario: false))" as HTML)
            \(calledOut.isEmpty ? "" : "<div class=\"callout\"><strong>Still open after two or more drills:</strong> \(calledOut.map { "\($0.label) \($0.needId) (\($0.drillsSinceOpened) drills)" }.joined(separator: "; ")).</div>" as HTML)
            \(closed.isEmpty ? "" : "<h3>Closed by this drill</h3><ul class=\"plain\">\(closed)</ul>" as HTML)
            <p class="muted">Start is the day the item was last opened. Responsible and completion date: <code>drill actions set ITEM --owner NAME --due YYYY-MM-DD</code>. Items close by themselves when a later drill or <code>drill check</code> finds the need met.</p>
            </section>
            """
        guard !otherOpenItems.isEmpty else { return plan }
        return HTML.join([plan, """
                <section class="other-items"><h2>Other open items of \(exercise.team)</h2>
                <p class="muted">Found by the team's other drills, not by this one; listed so the plan is read with them, not as part of it.</p>
                \(ReviewPage.planTable(otherOpenItems, on: reportDate, showScenario: true))
                </section>
                """], separator: "\n")
    }
}

extension TrendReport {
    /// The report as a self-contained HTML page.
    public func html() -> String {
        var body: [HTML] = []
        let left = onboardingRunsLeftOut + unfinishedRunsLeftOut
        body.append("<p>\(drills.count) finished drill\(drills.count == 1 ? "" : "s") up to \(reportDate.description)\(left > 0 ? " (left out: \(onboardingRunsLeftOut) onboarding, \(unfinishedRunsLeftOut) unfinished)" : "").</p>")
        if let latest = drills.last {
            let open = openItems.count
            body.append("""
                <div class="cards"><div class="card main"><div class="name">Latest overall</div><div class="value">\(latest.overall)</div><div>\(Timestamp8601.day(latest.startedAt).description)</div></div>\
                <div class="card"><div class="name">Drills</div><div class="value">\(drills.count)</div></div>\
                <div class="card"><div class="name">Open items</div><div class="value">\(open)</div></div>\
                <div class="card"><div class="name">Closed items</div><div class="value">\(closedItems.count)</div></div>\
                <div class="card"><div class="name">Open 2+ drills</div><div class="value">\(calledOutItems.count)</div></div>\
                <div class="card"><div class="name">Kinds not drilled</div><div class="value">\(kindsNotDrilled.count)</div><div>in 12 months</div></div></div>
                """)
            body.append("<section><h2>Scores over time</h2>\(ReviewPage.scoresChart(drills, highlight: [latest.runId], title: "Scores of \(team)'s drills over time"))</section>")
        }
        func value(_ number: Double?) -> String { number.map { HTML.number($0) } ?? "–" }
        let quarterRows: [HTML] = quarters.map { q in
            """
            <tr><td>\(q.quarter)</td><td class="num">\(q.drills)</td><td class="num">\(value(q.overall))</td><td class="num">\(value(q.response))</td>\
            <td class="num">\(value(q.contacts))</td><td class="num">\(value(q.logs))</td><td class="num">\(value(q.backups))</td>\
            <td class="num">\(q.deadlinesTotal == 0 ? "–" : "\(q.deadlinesMet) of \(q.deadlinesTotal)")</td><td class="num">\(q.itemsOpened)</td>\
            <td class="num">\(q.itemsClosed)</td><td class="num">\(q.itemsOpenAtEnd)</td></tr>
            """
        }
        body.append("""
            <section><h2>By quarter</h2>
            \(quarters.isEmpty ? "<p>No drills yet. Run one with <code>drill run</code>.</p>" as HTML : """
            <table><thead><tr><th>Quarter</th><th class="num">Drills</th><th class="num">Overall</th><th class="num">Response</th><th class="num">Contacts</th>\
            <th class="num">Logs</th><th class="num">Backups</th><th class="num">Deadlines met</th><th class="num">Items opened</th><th class="num">Items closed</th><th class="num">Open at end</th></tr></thead>
            <tbody>\(quarterRows)</tbody></table>
            """ as HTML)
            </section>
            """)
        let gaps: [HTML] = kindsNotDrilled.map { gap in
            "<li><strong>\(gap.kind.rawValue)</strong>: \(gap.lastDrilled.map { "last drilled \(Timestamp8601.day($0))" } ?? "never drilled")\(gap.scenarios.isEmpty ? "" : "; scenarios: " as HTML)\(HTML.join(gap.scenarios.map { "<code>\($0)</code>" as HTML }, separator: ", "))</li>"
        }
        body.append("<section><h2>Incident kinds not drilled in the last 12 months</h2>\(gaps.isEmpty ? "<p>None: every kind was drilled.</p>" as HTML : "<ul class=\"plain\">\(gaps)</ul>" as HTML)</section>")
        body.append("""
            <section><h2>Open improvement items (\(openItems.count))</h2>
            \(calledOutItems.isEmpty ? "" : "<div class=\"callout\"><strong>Still open after two or more drills:</strong> \(calledOutItems.map { "\($0.label) (\($0.drillsSinceOpened) drills)" }.joined(separator: ", ")).</div>" as HTML)
            \(openItems.isEmpty ? "<p>None.</p>" as HTML : ReviewPage.planTable(openItems, on: reportDate, showScenario: true))
            </section>
            <section><h2>Closed improvement items (\(closedItems.count))</h2>
            \(closedItems.isEmpty ? "<p>None yet.</p>" as HTML : ReviewPage.planTable(closedItems, on: reportDate, showScenario: true))
            </section>
            """)
        if !drills.isEmpty {
            body.append("<section><h2>Drills</h2>\(ReviewPage.historyTable(drills, highlight: []))</section>")
        }
        return ReviewPage.document(title: "Drill trends: \(team)", subtitle: "Quarterly drills up to \(reportDate)", body: HTML.join(body, separator: "\n"))
    }
}

extension RunComparison {
    /// The comparison as a self-contained HTML page.
    public func html() -> String {
        var body: [HTML] = []
        let sides: [(String, String, String)] = [
            ("Run", before.runId, after.runId), ("Team", before.team, after.team), ("Scenario", before.scenarioId, after.scenarioId),
            ("Started", ReviewWords.time(before.startedAt), ReviewWords.time(after.startedAt)),
            ("Status", before.status.rawValue, after.status.rawValue), ("Records judged on", before.asOf.description, after.asOf.description),
            ("Preparedness", "sha256 " + before.preparednessHash.prefix(12) + "…", "sha256 " + after.preparednessHash.prefix(12) + "…" + (samePreparedness ? " (same)" : " (changed)")),
        ]
        body.append("""
            <section><h2>The runs</h2>
            <table class="facts"><thead><tr><th></th><th>Before</th><th>After</th></tr></thead><tbody>\(sides.map { "<tr><th>\($0.0)</th><td>\($0.1)</td><td>\($0.2)</td></tr>" as HTML })</tbody></table>
            \(sameScenario ? "" : "<p class=\"callout\">The runs played different scenarios: needs, answers and deadlines are matched by id.</p>" as HTML)
            </section>
            """)
        let scoreRows: [HTML] = scores.map { s in
            let style = (s.change ?? 0) > 0 ? "up" : (s.change ?? 0) < 0 ? "down" : ""
            return "<tr><td>\(s.name)</td><td class=\"num\">\(s.before.map(String.init) ?? "–")</td><td class=\"num\">\(s.after.map(String.init) ?? "–")</td><td class=\"num \(style)\">\(ReviewWords.change(s.change))</td></tr>"
        }
        body.append("""
            <section><h2>Scores</h2>
            <table><thead><tr><th>Score</th><th class="num">Before</th><th class="num">After</th><th class="num">Change</th></tr></thead><tbody>\(scoreRows)</tbody></table>
            \(scoreHistory.isEmpty ? "" : ReviewPage.scoresChart(scoreHistory, highlight: [before.runId, after.runId], title: "Scores over time, with both runs ringed"))
            </section>
            """)
        let needRows: [HTML] = needs.map { n in
            let style = n.movement == .improved ? "good" : n.movement == .regressed ? "bad" : "neutral"
            return """
                <tr><td class="nowrap">\(n.needId)</td><td>\(n.pillar.rawValue)</td><td>\(n.before.map(ReviewPage.badge) ?? "–")</td><td>\(n.after.map(ReviewPage.badge) ?? "–")</td>\
                <td><span class="badge \(style)">\(n.movement.rawValue)</span></td>\
                <td>\(n.movement == .improved || n.movement == .regressed ? "<span class=\"muted\">Before:</span> \(HTML.prose(n.reasonBefore ?? "–"))<br><span class=\"muted\">After:</span> \(HTML.prose(n.reasonAfter ?? "–"))" as HTML : "")</td></tr>
                """
        }
        body.append("""
            <section><h2>Needs</h2><p>\(improvedNeeds.count) improved, \(regressedNeeds.count) regressed, \(needs.filter { $0.movement == .unchanged }.count) unchanged.</p>
            <table><thead><tr><th>Need</th><th>Pillar</th><th>Before</th><th>After</th><th>Change</th><th>Why</th></tr></thead><tbody>\(needRows)</tbody></table></section>
            """)
        let answerRows: [HTML] = answers.map { a in
            "<tr><td>\(HTML.prose(a.question))</td><td>\(HTML.prose(a.before.map(ReviewWords.answer) ?? "not reached"))</td><td>\(HTML.prose(a.after.map(ReviewWords.answer) ?? "not reached"))</td></tr>"
        }
        body.append("""
            <section><h2>Answers that differ</h2>
            \(answers.isEmpty ? "<p>Every prompt was answered the same way (\(sameAnswers)).</p>" as HTML : "<table><thead><tr><th>Question</th><th>Before</th><th>After</th></tr></thead><tbody>\(answerRows)</tbody></table><p class=\"muted\">\(sameAnswers) other prompts were answered the same way.</p>" as HTML)
            </section>
            """)
        let deadlineRows: [HTML] = deadlines.map { d in
            func side(_ review: DeadlineReview?) -> HTML {
                guard let review else { return "–" }
                return "\(review.reachedHours.map(ReviewWords.clock) ?? "–") \(ReviewPage.outcomeBadge(review.met))"
            }
            let change = d.changeHours.map { $0 == 0 ? "same" : ($0 < 0 ? "\(ReviewWords.hours(-$0)) sooner" : "\(ReviewWords.hours($0)) later") } ?? "–"
            let style = (d.changeHours ?? 0) < 0 ? "up" : (d.changeHours ?? 0) > 0 ? "down" : ""
            return "<tr><td>\(d.title)</td><td class=\"num\">\(ReviewWords.clock(d.dueHours))</td><td>\(side(d.before))</td><td>\(side(d.after))</td><td class=\"\(style)\">\(change)</td></tr>"
        }
        let lanes = [(label: "before", entries: timelines.first ?? [], deadlines: deadlines.compactMap(\.before)),
                     (label: "after", entries: timelines.last ?? [], deadlines: deadlines.compactMap(\.after))]
        body.append("""
            <section><h2>Time to each deadline</h2>
            \(SVGChart.timeline(lanes, title: "Both runs on the simulated clock"))
            <p class="muted">Upper bar of each pair: before (\(before.runId)); lower bar: after (\(after.runId)).</p>
            \(deadlines.isEmpty ? "<p>No deadlines.</p>" as HTML : "<table><thead><tr><th>Deadline</th><th class=\"num\">Due</th><th>Before</th><th>After</th><th>Change</th></tr></thead><tbody>\(deadlineRows)</tbody></table>" as HTML)
            </section>
            """)
        return ReviewPage.document(title: "Comparing drills: \(before.runId) → \(after.runId)",
                                   subtitle: "\(after.team) · \(after.scenarioTitle)", body: HTML.join(body, separator: "\n"))
    }
}
