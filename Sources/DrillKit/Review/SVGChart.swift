import Foundation

/// Inline SVG charts for HTML reports: drawn from numbers alone, with no script, font or
/// image from anywhere else, so a page prints and archives as it is.
public enum SVGChart {
    /// The team's drills in the order they were played, one column each (so drills on the same
    /// day stay apart and a long gap does not squeeze the rest), grouped into shaded quarters:
    /// a thick line for the overall score, thin ones per pillar, and the runs in `highlight`
    /// ringed and labelled.
    public static func scores(_ drills: [ScorePoint], highlight: [String], title: String) -> HTML {
        let drills = drills.sorted { ($0.playedAt, $0.runId) < ($1.playedAt, $1.runId) }
        guard !drills.isEmpty else { return "<p class=\"muted\">No finished drills to chart yet.</p>" }
        let width = 760.0, height = 290.0
        let left = 44.0, right = 16.0, top = 22.0, bottom = 62.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let step = plotWidth / Double(drills.count)
        func x(_ index: Int) -> Double { left + step * (Double(index) + 0.5) }
        func y(_ value: Int) -> Double { top + plotHeight * (1 - Double(min(100, max(0, value))) / 100) }
        var parts: [HTML] = []

        // Quarters as alternating bands, labelled below the dates.
        var groups: [(quarter: CalendarDate, range: Range<Int>)] = []
        for (index, drill) in drills.enumerated() {
            let quarter = TrendReport.quarterStart(of: Timestamp8601.day(drill.playedAt))
            if let last = groups.last, last.quarter == quarter {
                groups[groups.count - 1].range = last.range.lowerBound..<(index + 1)
            } else {
                groups.append((quarter, index..<(index + 1)))
            }
        }
        for (number, group) in groups.enumerated() {
            let x0 = left + step * Double(group.range.lowerBound), x1 = left + step * Double(group.range.upperBound)
            if number % 2 == 0 {
                parts.append("<rect class=\"band\" x=\"\(x0)\" y=\"\(top)\" width=\"\(x1 - x0)\" height=\"\(plotHeight)\"/>")
            }
            parts.append("<text class=\"axis quarter\" x=\"\((x0 + x1) / 2)\" y=\"\(height - bottom + 32)\" text-anchor=\"middle\">\(group.quarter.year) Q\((group.quarter.month - 1) / 3 + 1)</text>")
        }
        for value in stride(from: 0, through: 100, by: 25) {
            parts.append("<line class=\"grid\" x1=\"\(left)\" y1=\"\(y(value))\" x2=\"\(width - right)\" y2=\"\(y(value))\"/>")
            parts.append("<text class=\"axis\" x=\"\(left - 8)\" y=\"\(y(value) + 4)\" text-anchor=\"end\">\(value)</text>")
        }
        // A date under each drill, or under every few when there are many.
        let every = max(1, Int((Double(drills.count) / 14).rounded(.up)))
        for (index, drill) in drills.enumerated() where index % every == 0 {
            let day = Timestamp8601.day(drill.playedAt)
            parts.append("<text class=\"axis\" x=\"\(x(index))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\">\(Self.monthNames[day.month - 1]) \(day.day)</text>")
        }
        let series: [(name: String, style: String, value: (ScorePoint) -> Int)] = [
            ("contacts", "contacts", \.contacts), ("logs", "logs", \.logs), ("backups", "backups", \.backups), ("overall", "overall", \.overall),
        ]
        for line in series {
            if drills.count > 1 {
                let path = drills.enumerated().map { "\(HTML.number(x($0.offset))),\(HTML.number(y(line.value($0.element))))" }.joined(separator: " ")
                parts.append("<polyline class=\"series \(line.style)\" points=\"\(path)\"/>")
            }
            for (index, drill) in drills.enumerated() {
                let radius = line.style == "overall" ? 4.0 : 2.5
                parts.append("<circle class=\"dot \(line.style)\" cx=\"\(x(index))\" cy=\"\(y(line.value(drill)))\" r=\"\(radius)\"><title>\(drill.runId) (\(drill.scenarioId)), \(Timestamp8601.day(drill.playedAt).description): \(line.name) \(line.value(drill))</title></circle>")
            }
        }
        for (index, drill) in drills.enumerated() where highlight.contains(drill.runId) {
            parts.append("<circle class=\"highlight\" cx=\"\(x(index))\" cy=\"\(y(drill.overall))\" r=\"9\"/>")
            let anchor = x(index) > width - 110 ? "end" : x(index) < left + 70 ? "start" : "middle"
            let above = drill.overall <= 88
            parts.append("<text class=\"label\" x=\"\(x(index))\" y=\"\(above ? y(drill.overall) - 15 : y(drill.overall) + 24)\" text-anchor=\"\(anchor)\">\(drill.runId): \(drill.overall)</text>")
        }
        var legendX = left
        for line in series.reversed() {
            parts.append("<line class=\"series \(line.style)\" x1=\"\(legendX)\" y1=\"\(height - 10)\" x2=\"\(legendX + 22)\" y2=\"\(height - 10)\"/>")
            parts.append("<text class=\"legend\" x=\"\(legendX + 28)\" y=\"\(height - 6)\">\(line.name)</text>")
            legendX += 40 + Double(line.name.count) * 7
        }
        return """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(title)">\
            <title>\(title)</title>\(parts)</svg>
            """
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// One run (or two, compared) on the simulated clock: injects, decisions, and a bar per
    /// deadline from discovery to when it was reached, with a tick where it fell due.
    public static func timeline(_ runs: [(label: String, entries: [TimelineEntry], deadlines: [DeadlineReview])], title: String) -> HTML {
        let width = 760.0, gutter = 236.0, right = 24.0, rowHeight = 24.0
        let horizon = max(1, runs.flatMap { run in
            run.entries.map(\.simulatedHours) + run.deadlines.flatMap { [$0.dueHours, $0.reachedHours ?? 0] }
        }.max() ?? 1) * 1.04
        let plotWidth = width - gutter - right
        func x(_ hours: Double) -> Double { gutter + plotWidth * hours / horizon }
        var deadlineIDs: [(id: String, title: String)] = []
        for run in runs { for deadline in run.deadlines where !deadlineIDs.contains(where: { $0.id == deadline.id }) {
            deadlineIDs.append((deadline.id, deadline.title))
        } }
        let lanes = runs.count * 2 + deadlineIDs.count
        let top = 30.0
        let height = top + Double(lanes) * rowHeight + (runs.count > 1 ? Double(deadlineIDs.count) * rowHeight * 0.6 : 0) + 28
        var parts: [HTML] = []

        let step = [1.0, 2, 4, 6, 12, 24, 48, 72, 168, 336].first { horizon / $0 <= 9 } ?? 720
        for hours in stride(from: 0.0, through: horizon, by: step) {
            parts.append("<line class=\"grid\" x1=\"\(x(hours))\" y1=\"\(top - 6)\" x2=\"\(x(hours))\" y2=\"\(height - 22)\"/>")
            parts.append("<text class=\"axis\" x=\"\(x(hours))\" y=\"\(top - 12)\" text-anchor=\"middle\">\(TimeSpan(hours: hours).clockLabel)</text>")
        }
        var row = 0.0
        func laneY() -> Double { top + row * rowHeight + rowHeight / 2 }
        for (index, run) in runs.enumerated() {
            let prefix = runs.count > 1 ? "\(run.label): " : ""
            parts.append("<text class=\"lane\" x=\"\(gutter - 10)\" y=\"\(laneY() + 4)\" text-anchor=\"end\">\(prefix + "injects")</text>")
            var number = 0
            for entry in run.entries where entry.kind == .inject {
                number += 1
                parts.append("<g class=\"inject \(runs.count == 1 ? "only" : "run\(index)")\"><circle cx=\"\(x(entry.simulatedHours))\" cy=\"\(laneY())\" r=\"8\"/><text x=\"\(x(entry.simulatedHours))\" y=\"\(laneY() + 4)\" text-anchor=\"middle\">\(number)</text><title>\(TimeSpan(hours: entry.simulatedHours).clockLabel) \(entry.text)</title></g>")
            }
            row += 1
            parts.append("<text class=\"lane\" x=\"\(gutter - 10)\" y=\"\(laneY() + 4)\" text-anchor=\"end\">\(prefix + "decisions")</text>")
            var offsets: [Double: Int] = [:]
            for entry in run.entries where entry.kind == .answer {
                let stack = offsets[entry.simulatedHours, default: 0]
                offsets[entry.simulatedHours] = stack + 1
                let style = entry.met == true ? "good" : entry.met == false ? "bad" : "neutral"
                let cx = x(entry.simulatedHours) + Double(stack) * 9
                parts.append("<rect class=\"decision \(style)\" x=\"\(cx - 3.5)\" y=\"\(laneY() - 7)\" width=\"7\" height=\"14\" rx=\"1.5\"><title>\(TimeSpan(hours: entry.simulatedHours).clockLabel) \(entry.met == true ? "as expected" : entry.met == false ? "not as expected" : "ungraded"): \(entry.text)</title></rect>")
            }
            row += 1
        }
        for deadline in deadlineIDs {
            let shortTitle = deadline.title.count > 36 ? String(deadline.title.prefix(35)) + "…" : deadline.title
            parts.append("<text class=\"lane\" x=\"\(gutter - 10)\" y=\"\(laneY() + 4)\" text-anchor=\"end\">\(shortTitle)<title>\(deadline.title)</title></text>")
            let bars = runs.enumerated().compactMap { index, run in run.deadlines.first { $0.id == deadline.id }.map { (index, run.label, $0) } }
            let barHeight = runs.count > 1 ? 7.0 : 10.0
            for (position, (index, label, review)) in bars.enumerated() {
                let y = laneY() - (runs.count > 1 ? barHeight + 1 : barHeight / 2) + Double(position) * (barHeight + 2)
                let style = review.met == true ? "good" : review.met == false ? "bad" : "neutral"
                let reached = review.reachedHours ?? 0
                let text = review.reachedHours.map { "reached \(TimeSpan(hours: $0).clockLabel)" } ?? "not reached before the run stopped"
                parts.append("<rect class=\"bar \(style) run\(index)\" x=\"\(gutter)\" y=\"\(y)\" width=\"\(max(1.5, x(reached) - gutter))\" height=\"\(barHeight)\"><title>\(runs.count > 1 ? label + ": " : "")\(deadline.title): due \(TimeSpan(hours: review.dueHours).clockLabel), \(text)</title></rect>")
                parts.append("<line class=\"due\" x1=\"\(x(review.dueHours))\" y1=\"\(y - 3)\" x2=\"\(x(review.dueHours))\" y2=\"\(y + barHeight + 3)\"/>")
            }
            row += runs.count > 1 ? 1.6 : 1
        }
        parts.append("<text class=\"legend\" x=\"\(gutter)\" y=\"\(height - 6)\">bars: discovery until the deadline was reached (green in time, red late); black tick: when it was due</text>")
        return """
            <svg class="chart timeline" viewBox="0 0 \(Int(width)) \(Int(height.rounded()))" role="img" aria-label="\(title)">\
            <title>\(title)</title>\(parts)</svg>
            """
    }
}
