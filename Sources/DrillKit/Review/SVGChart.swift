import Foundation

/// Inline SVG charts for HTML reports: drawn from numbers alone, with no script, font or
/// image from anywhere else, so a page prints and archives as it is.
public enum SVGChart {
    /// A line of scores (0–100) over time.
    public struct Series: Sendable {
        /// The legend's label.
        public var name: String
        /// The CSS class that colours it (`overall`, `contacts`, `logs`, `backups`).
        public var style: String
        /// Points in time order.
        public var points: [(date: Date, value: Double)]
        /// Whether to draw a marker at each point.
        public var markers: Bool

        /// Creates a series.
        public init(name: String, style: String, points: [(date: Date, value: Double)], markers: Bool = true) {
            self.name = name
            self.style = style
            self.points = points
            self.markers = markers
        }
    }

    /// Scores over time: a line per series, gridlines every 25 points, quarters along the
    /// bottom, and the runs in `highlight` ringed and labelled.
    public static func scores(_ series: [Series], highlight: [(date: Date, label: String)] = [], title: String) -> HTML {
        let width = 760.0, height = 280.0
        let left = 44.0, right = 16.0, top = 16.0, bottom = 52.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let dates = series.flatMap { $0.points.map(\.date) } + highlight.map(\.date)
        guard let first = dates.min(), let last = dates.max() else {
            return "<p class=\"muted\">No finished drills to chart yet.</p>"
        }
        // At least a quarter of range, centred, so one or two runs do not sit on the edges.
        let span = max(last.timeIntervalSince(first), 90 * 86_400)
        let start = first.addingTimeInterval(-(span - last.timeIntervalSince(first)) / 2 - span * 0.04)
        let range = span * 1.08
        func x(_ date: Date) -> Double { left + plotWidth * date.timeIntervalSince(start) / range }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - min(100, max(0, value)) / 100) }

        var parts: [HTML] = []
        for value in stride(from: 0.0, through: 100, by: 25) {
            parts.append("<line class=\"grid\" x1=\"\(left)\" y1=\"\(y(value))\" x2=\"\(width - right)\" y2=\"\(y(value))\"/>")
            parts.append("<text class=\"axis\" x=\"\(left - 8)\" y=\"\(y(value) + 4)\" text-anchor=\"end\">\(Int(value))</text>")
        }
        // Quarter boundaries along the time axis.
        var quarter = TrendReport.quarterStart(of: Timestamp8601.day(start))
        let end = start.addingTimeInterval(range)
        var labels = 0
        while true {
            let date = Date(timeIntervalSince1970: TimeInterval(quarter.daysSinceEpoch) * 86_400)
            if date > end { break }
            if date >= start {
                parts.append("<line class=\"tick\" x1=\"\(x(date))\" y1=\"\(top)\" x2=\"\(x(date))\" y2=\"\(height - bottom + 4)\"/>")
                labels += 1
            }
            let next = quarter.adding(months: 3)
            let middle = Date(timeIntervalSince1970: TimeInterval(quarter.daysSinceEpoch + next.daysSinceEpoch) * 43_200)
            if middle >= start && middle <= end {
                parts.append("<text class=\"axis\" x=\"\(x(middle))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(quarter.year) Q\((quarter.month - 1) / 3 + 1)</text>")
            }
            quarter = next
        }
        for item in series {
            let points = item.points.sorted { $0.date < $1.date }
            if points.count > 1 {
                let path = points.map { "\(HTML.number(x($0.date))),\(HTML.number(y($0.value)))" }.joined(separator: " ")
                parts.append("<polyline class=\"series \(item.style)\" points=\"\(path)\"/>")
            }
            if item.markers || points.count == 1 {
                for point in points {
                    parts.append("<circle class=\"dot \(item.style)\" cx=\"\(x(point.date))\" cy=\"\(y(point.value))\" r=\"3.5\"><title>\(item.name) \(Int(point.value.rounded())) on \(Timestamp8601.minutes(point.date)) UTC</title></circle>")
                }
            }
        }
        if let overall = series.first {
            for mark in highlight {
                let value = overall.points.first { $0.date == mark.date }?.value ?? 0
                parts.append("<circle class=\"highlight\" cx=\"\(x(mark.date))\" cy=\"\(y(value))\" r=\"8\"/>")
                let anchor = x(mark.date) > width - 120 ? "end" : x(mark.date) < left + 60 ? "start" : "middle"
                parts.append("<text class=\"label\" x=\"\(x(mark.date))\" y=\"\(max(top + 10, y(value) - 13))\" text-anchor=\"\(anchor)\">\(mark.label)</text>")
            }
        }
        var legendX = left
        for item in series {
            parts.append("<line class=\"series \(item.style)\" x1=\"\(legendX)\" y1=\"\(height - 12)\" x2=\"\(legendX + 18)\" y2=\"\(height - 12)\"/>")
            parts.append("<text class=\"legend\" x=\"\(legendX + 24)\" y=\"\(height - 8)\">\(item.name)</text>")
            legendX += 34 + Double(item.name.count) * 7
        }
        return """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(title)">\
            <title>\(title)</title>\(parts)</svg>
            """
    }

    /// One run (or two, compared) on the simulated clock: injects, decisions, and a bar per
    /// deadline from discovery to when it was reached, with a tick where it fell due.
    public static func timeline(_ runs: [(label: String, entries: [TimelineEntry], deadlines: [DeadlineReview])], title: String) -> HTML {
        let width = 760.0, gutter = 200.0, right = 24.0, rowHeight = 24.0
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
                parts.append("<g class=\"inject run\(index)\"><circle cx=\"\(x(entry.simulatedHours))\" cy=\"\(laneY())\" r=\"8\"/><text x=\"\(x(entry.simulatedHours))\" y=\"\(laneY() + 4)\" text-anchor=\"middle\">\(number)</text><title>\(TimeSpan(hours: entry.simulatedHours).clockLabel) \(entry.text)</title></g>")
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
            let shortTitle = deadline.title.count > 30 ? String(deadline.title.prefix(29)) + "…" : deadline.title
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
