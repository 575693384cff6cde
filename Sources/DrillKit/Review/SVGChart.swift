import Foundation

/// Inline SVG charts for HTML reports: drawn from numbers alone, with no script, font or
/// image from anywhere else, so a page prints and archives as it is.
public enum SVGChart {
    /// A label under the score chart's x axis: a drill's date (or date and time, or run id), or a quarter.
    public struct AxisLabel: Hashable, Sendable {
        /// `date` under a drill's column, or `quarter` under a band of columns.
        public var row: String
        /// The text.
        public var text: String
        /// Where the label is anchored: its centre, or for a turned label its end.
        public var x: Double
        /// Its baseline.
        public var y: Double
        /// Turned 45° (anchored at its end), when the labels do not fit side by side.
        public var turned: Bool
        /// Its estimated length along the baseline.
        public var length: Double
    }

    /// Where the x-axis labels go: one per drill when they fit side by side, else turned 45°
    /// and, when even turned ones would touch, every few; quarters in a row below, each shortened
    /// (`Q3`) or left out rather than overlap another.
    ///
    /// - Returns: the labels, and how far below the axis the lowest one reaches.
    public static func axisLabels(_ drills: [ScorePoint], left: Double, plotWidth: Double, axisY: Double) -> (labels: [AxisLabel], depth: Double) {
        guard !drills.isEmpty else { return ([], 0) }
        let step = plotWidth / Double(drills.count)
        func x(_ index: Int) -> Double { left + step * (Double(index) + 0.5) }
        let texts = dateLabels(drills)
        let longest = texts.map(textLength).max() ?? 0
        var labels: [AxisLabel] = []
        let turned = longest + labelGap > step
        let every = turned ? max(1, Int((lineHeight / (step * 0.5.squareRoot())).rounded(.up))) : 1
        for (index, text) in texts.enumerated() where index % every == 0 {
            labels.append(AxisLabel(row: "date", text: text, x: x(index) + (turned ? 4 : 0), y: axisY + (turned ? 12 : 16), turned: turned, length: textLength(text)))
        }
        let dateDepth = turned ? 12 + longest * 0.5.squareRoot() + 4 : 20
        let quarterY = axisY + dateDepth + 16
        var groups: [(quarter: CalendarDate, range: Range<Int>)] = []
        for (index, drill) in drills.enumerated() {
            let quarter = TrendReport.quarterStart(of: Timestamp8601.day(drill.playedAt))
            if let last = groups.last, last.quarter == quarter {
                groups[groups.count - 1].range = last.range.lowerBound..<(index + 1)
            } else {
                groups.append((quarter, index..<(index + 1)))
            }
        }
        var lastEnd = -Double.infinity
        for group in groups {
            let centre = left + step * Double(group.range.lowerBound + group.range.upperBound) / 2
            let long = "\(group.quarter.year) Q\((group.quarter.month - 1) / 3 + 1)", short = "Q\((group.quarter.month - 1) / 3 + 1)"
            for text in [long, short] {
                let half = textLength(text) / 2
                let from = max(left, centre - half), centreFitted = from + half
                guard from >= lastEnd + labelGap, centreFitted + half <= left + plotWidth + 8 else { continue }
                labels.append(AxisLabel(row: "quarter", text: text, x: centreFitted, y: quarterY, turned: false, length: textLength(text)))
                lastEnd = centreFitted + half
                break
            }
        }
        return (labels, dateDepth + 22)
    }

    /// Each drill's label: its day, with the time where the team drilled more than once that
    /// day, and the run id where even the minute repeats.
    public static func dateLabels(_ drills: [ScorePoint]) -> [String] {
        let days = drills.map { Timestamp8601.day($0.playedAt) }
        let minutes = drills.map { Timestamp8601.minutes($0.playedAt) }
        return drills.indices.map { index in
            let day = days[index]
            let name = "\(monthNames[day.month - 1]) \(day.day)"
            if minutes.filter({ $0 == minutes[index] }).count > 1 { return drills[index].runId }
            if days.filter({ $0 == day }).count > 1 { return name + " " + minutes[index].suffix(5) }
            return name
        }
    }

    /// An estimate of a label's length at the chart's 11 px type: wide enough for digits and capitals.
    static func textLength(_ text: String) -> Double { Double(text.count) * 6.6 }
    static let lineHeight = 14.0
    static let labelGap = 6.0

    static let palette = ["#24476b", "#c25e00", "#16807d", "#7b4fa0", "#b42318", "#5b7d1a", "#9a6200", "#3d6fb6"]

    /// A scenario's marker: a colour and a shape, so scenarios stay apart in print and for colour-blind readers.
    static func marker(_ index: Int, x: Double, y: Double, size: Double, title: String? = nil) -> HTML {
        let colour = palette[index % palette.count]
        let shape = (index + index / palette.count) % 4
        let tip: HTML = title.map { "<title>\($0)</title>" as HTML } ?? ""
        switch shape {
        case 0:
            return "<circle class=\"dot\" cx=\"\(x)\" cy=\"\(y)\" r=\"\(size)\" fill=\"\(colour)\">\(tip)</circle>"
        case 1:
            return "<rect class=\"dot\" x=\"\(x - size)\" y=\"\(y - size)\" width=\"\(size * 2)\" height=\"\(size * 2)\" fill=\"\(colour)\">\(tip)</rect>"
        case 2:
            let r = size * 1.25
            return "<polygon class=\"dot\" points=\"\(x),\(y - r) \(x + r),\(y + r * 0.8) \(x - r),\(y + r * 0.8)\" fill=\"\(colour)\">\(tip)</polygon>"
        default:
            let r = size * 1.3
            return "<polygon class=\"dot\" points=\"\(x),\(y - r) \(x + r),\(y) \(x),\(y + r) \(x - r),\(y)\" fill=\"\(colour)\">\(tip)</polygon>"
        }
    }

    /// The team's drills in the order they were played, one column each (so drills on the same
    /// day stay apart and a long gap does not squeeze the rest), grouped into shaded quarters:
    /// each drill's overall score, one series per scenario (a line joins only drills of the same
    /// scenario; colour and shape tell scenarios apart, named in the legend), and the runs in
    /// `highlight` ringed and labelled. Under each column its date, with the time where the day
    /// repeats; the labels never overlap (``axisLabels(_:left:plotWidth:axisY:)``).
    public static func scores(_ drills: [ScorePoint], highlight: [String], title: String) -> HTML {
        let drills = drills.sorted { ($0.playedAt, $0.runId) < ($1.playedAt, $1.runId) }
        guard !drills.isEmpty else { return "<p class=\"muted\">No finished drills to chart yet.</p>" }
        let width = 760.0
        let left = 44.0, right = 16.0, top = 22.0, plotHeight = 200.0
        let plotWidth = width - left - right
        let axisY = top + plotHeight
        let step = plotWidth / Double(drills.count)
        func x(_ index: Int) -> Double { left + step * (Double(index) + 0.5) }
        func y(_ value: Int) -> Double { top + plotHeight * (1 - Double(min(100, max(0, value))) / 100) }
        let (labels, depth) = axisLabels(drills, left: left, plotWidth: plotWidth, axisY: axisY)

        var scenarios: [String] = []
        for drill in drills where !scenarios.contains(drill.scenarioId) { scenarios.append(drill.scenarioId) }
        // The legend: one entry per scenario, wrapped into rows.
        var legend: [HTML] = []
        var legendX = left, legendRow = 0
        let legendTop = axisY + depth + 14
        for (index, scenario) in scenarios.enumerated() {
            let entry = 26 + textLength(scenario) * 0.95
            if legendX + entry > width - right, legendX > left {
                legendRow += 1
                legendX = left
            }
            let rowY = legendTop + Double(legendRow) * 18
            legend.append(marker(index, x: legendX + 6, y: rowY - 4, size: 4.5))
            legend.append("<text class=\"legend\" x=\"\(legendX + 16)\" y=\"\(rowY)\">\(scenario)</text>")
            legendX += entry + 14
        }
        let height = legendTop + Double(legendRow) * 18 + 12

        var parts: [HTML] = []
        var groupStart = 0
        var band = 0
        for index in drills.indices {
            let quarter = TrendReport.quarterStart(of: Timestamp8601.day(drills[index].playedAt))
            let next = index + 1 < drills.count ? TrendReport.quarterStart(of: Timestamp8601.day(drills[index + 1].playedAt)) : nil
            guard next != quarter else { continue }
            if band % 2 == 0 {
                let x0 = left + step * Double(groupStart), x1 = left + step * Double(index + 1)
                parts.append("<rect class=\"band\" x=\"\(x0)\" y=\"\(top)\" width=\"\(x1 - x0)\" height=\"\(plotHeight)\"/>")
            }
            band += 1
            groupStart = index + 1
        }
        for value in stride(from: 0, through: 100, by: 25) {
            parts.append("<line class=\"grid\" x1=\"\(left)\" y1=\"\(y(value))\" x2=\"\(width - right)\" y2=\"\(y(value))\"/>")
            parts.append("<text class=\"axis\" x=\"\(left - 8)\" y=\"\(y(value) + 4)\" text-anchor=\"end\">\(value)</text>")
        }
        parts.append("<text class=\"axis\" x=\"\(left)\" y=\"\(top - 8)\">overall score</text>")
        for label in labels {
            if label.turned {
                parts.append("<text class=\"axis\" x=\"\(label.x)\" y=\"\(label.y)\" text-anchor=\"end\" transform=\"rotate(-45 \(label.x) \(label.y))\">\(label.text)</text>")
            } else {
                parts.append("<text class=\"axis\(label.row == "quarter" ? " quarter" : "")\" x=\"\(label.x)\" y=\"\(label.y)\" text-anchor=\"middle\">\(label.text)</text>")
            }
        }
        for (number, scenario) in scenarios.enumerated() {
            let points = drills.enumerated().filter { $0.element.scenarioId == scenario }
            if points.count > 1 {
                let path = points.map { "\(HTML.number(x($0.offset))),\(HTML.number(y($0.element.overall)))" }.joined(separator: " ")
                parts.append("<polyline class=\"series\" points=\"\(path)\" stroke=\"\(palette[number % palette.count])\" stroke-width=\"2\"/>")
            }
        }
        for (index, drill) in drills.enumerated() {
            let number = scenarios.firstIndex(of: drill.scenarioId) ?? 0
            let tip = "\(drill.runId) · \(drill.scenarioId) · \(Timestamp8601.minutes(drill.playedAt)) UTC: overall \(drill.overall) (contacts \(drill.contacts), logs \(drill.logs), backups \(drill.backups))"
            parts.append(marker(number, x: x(index), y: y(drill.overall), size: 4.5, title: tip))
        }
        for (index, drill) in drills.enumerated() where highlight.contains(drill.runId) {
            parts.append("<circle class=\"highlight\" cx=\"\(x(index))\" cy=\"\(y(drill.overall))\" r=\"10\"/>")
            let anchor = x(index) > width - 110 ? "end" : x(index) < left + 70 ? "start" : "middle"
            let above = drill.overall <= 88
            parts.append("<text class=\"label\" x=\"\(x(index))\" y=\"\(above ? y(drill.overall) - 15 : y(drill.overall) + 25)\" text-anchor=\"\(anchor)\">\(drill.runId): \(drill.overall)</text>")
        }
        return """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height.rounded(.up)))" role="img" aria-label="\(title)">\
            <title>\(title)</title>\(parts)\(legend)</svg>
            """
    }

    /// One marker on a run's inject lane: the injects it stands for (indices, in order), where
    /// its centre is, how wide it is, and its label (`3`, or `3–5` for injects too close to draw apart).
    public struct InjectMarker: Hashable, Sendable {
        /// The injects it stands for, as indices into the run's injects.
        public var injects: ClosedRange<Int>
        /// Its centre.
        public var x: Double
        /// Its width: a 16 px circle for one inject, a pill wide enough for its label for several.
        public var width: Double
        /// `3`, or `3–5`: the injects' numbers, from 1.
        public var label: String
    }

    /// Places one marker per inject at `xs` (in order), between `from` and `to`, so that no two
    /// touch: injects whose markers would overlap are drawn as one, labelled with their range and
    /// centred on them, and merging goes on until every marker stands clear of its neighbours.
    public static func injectMarkers(_ xs: [Double], from: Double, to: Double) -> [InjectMarker] {
        func marker(_ range: ClosedRange<Int>) -> InjectMarker {
            let label = range.count == 1 ? "\(range.lowerBound + 1)" : "\(range.lowerBound + 1)–\(range.upperBound + 1)"
            // Digits at the lane's 10 px bold type are narrower than the 11 px estimate: it errs wide.
            let width = range.count == 1 ? 16 : max(16, textLength(label) + 8)
            let centre = (xs[range.lowerBound] + xs[range.upperBound]) / 2
            let x = min(max(centre, from + width / 2), max(from + width / 2, to - width / 2))
            return InjectMarker(injects: range, x: x, width: width, label: label)
        }
        var markers = xs.indices.map { marker($0...$0) }
        while let clash = markers.indices.dropLast().first(where: { markers[$0].x + markers[$0].width / 2 + markerGap > markers[$0 + 1].x - markers[$0 + 1].width / 2 }) {
            markers[clash] = marker(markers[clash].injects.lowerBound...markers[clash + 1].injects.upperBound)
            markers.remove(at: clash + 1)
        }
        return markers
    }

    /// The least space between two inject markers.
    static let markerGap = 2.0

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
            let injects = run.entries.filter { $0.kind == .inject }
            for marker in injectMarkers(injects.map { x($0.simulatedHours) }, from: gutter - 8, to: width - 2) {
                // Every inject a marker stands for, one per line of its tooltip; the report's timeline table lists them all too.
                let tip = marker.injects.map { "\(TimeSpan(hours: injects[$0].simulatedHours).clockLabel) \($0 + 1). \(injects[$0].text)" }.joined(separator: "\n")
                let shape: HTML = marker.injects.count == 1
                    ? "<circle cx=\"\(marker.x)\" cy=\"\(laneY())\" r=\"8\"/>"
                    : "<rect x=\"\(marker.x - marker.width / 2)\" y=\"\(laneY() - 8)\" width=\"\(marker.width)\" height=\"16\" rx=\"8\"/>"
                parts.append("<g class=\"inject \(runs.count == 1 ? "only" : "run\(index)")\">\(shape)<text x=\"\(marker.x)\" y=\"\(laneY() + 4)\" text-anchor=\"middle\">\(marker.label)</text><title>\(tip)</title></g>")
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
