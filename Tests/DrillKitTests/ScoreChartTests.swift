import DrillKit
import Foundation
import Testing

@Suite("The score chart tells drills and scenarios apart, and its axis labels never collide")
struct ScoreChartTests {
    static func point(_ id: String, _ date: Date, scenario: String = "leaked-key", overall: Int = 50) -> ScorePoint {
        let score = DrillScore(responsePoints: overall, responsePossible: 100, contacts: overall, logs: overall, backups: overall,
                               deadlinesMet: 1, deadlinesTotal: 2)
        return ScorePoint(runID: id, startedAt: date, scenarioID: scenario, scenarioKind: "app-compromise", score: score)
    }

    /// `count` drills: `perDay` on each day (an hour apart), days spread over quarters, scenarios cycled.
    static func drills(_ count: Int, perDay: Int = 1, everyDays: Int = 20, scenarios: Int = 3) -> [ScorePoint] {
        (0..<count).map { index in
            let day = Double(index / perDay * everyDays) * 86_400, hour = Double(index % perDay) * 3600
            return point(String(format: "20260101-%04d", index), Date(timeIntervalSince1970: 1_767_258_000 + day + hour),
                         scenario: "scenario-\(index % scenarios)", overall: (index * 37) % 101)
        }
    }

    @Test("Drills on the same day are labelled with their time, and with their run id where even the minute repeats")
    func sameDayLabels() {
        let day = Date(timeIntervalSince1970: 1_796_031_000) // 2026-11-30 09:30 UTC
        let drills = [Self.point("a", day.addingTimeInterval(-86_400)), Self.point("b", day), Self.point("c", day.addingTimeInterval(3600)),
                      Self.point("d", day.addingTimeInterval(7200)), Self.point("e", day.addingTimeInterval(7200))]
        #expect(SVGChart.dateLabels(drills) == ["Nov 29", "Nov 30 09:30", "Nov 30 10:30", "d", "e"])
        #expect(Set(SVGChart.dateLabels(drills)).count == drills.count)
    }

    @Test("Axis labels never overlap, however many drills and however close together", arguments: [
        (1, 1), (2, 1), (4, 4), (6, 2), (12, 1), (12, 4), (30, 1), (45, 3), (80, 1), (200, 5),
    ])
    func labelsNeverCollide(_ count: Int, _ perDay: Int) {
        let drills = Self.drills(count, perDay: perDay)
        let (labels, depth) = SVGChart.axisLabels(drills, left: 44, plotWidth: 700, axisY: 222)
        let dates = labels.filter { $0.row == "date" }, quarters = labels.filter { $0.row == "quarter" }
        #expect(!dates.isEmpty && !quarters.isEmpty)
        for (a, b) in zip(dates, dates.dropFirst()) {
            if a.turned {
                // Parallel labels turned 45°: the distance between their baselines must hold a line of text.
                #expect((b.x - a.x) * 0.5.squareRoot() >= 14, "\(a.text) / \(b.text)")
            } else {
                #expect(a.x + a.length / 2 + 4 <= b.x - b.length / 2, "\(a.text) / \(b.text)")
            }
        }
        for (a, b) in zip(quarters, quarters.dropFirst()) {
            #expect(a.x + a.length / 2 + 4 <= b.x - b.length / 2, "\(a.text) / \(b.text)")
        }
        // The quarter row sits below the lowest point of every date label.
        let lowest = dates.map { $0.turned ? $0.y + $0.length * 0.5.squareRoot() : $0.y }.max() ?? 0
        #expect(quarters.allSatisfy { $0.y - 11 >= lowest }, "\(lowest) \(quarters.map(\.y))")
        #expect(quarters.allSatisfy { $0.y <= 222 + depth })
        // Every drill is labelled when there is room for it.
        if count <= 12 { #expect(dates.count == count) }
    }

    @Test("One series per scenario: a line joins only drills of the same scenario, and the legend names each")
    func seriesPerScenario() {
        let drills = Self.drills(7, scenarios: 3) + [Self.point("lonely", Date(timeIntervalSince1970: 1_790_000_000), scenario: "only-once")]
        let svg = SVGChart.scores(drills, highlight: ["20260101-0003"], title: "t").rendered
        // scenario-0 ×3, scenario-1 ×2, scenario-2 ×2 have lines; only-once has none.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 3)
        for scenario in ["scenario-0", "scenario-1", "scenario-2", "only-once"] {
            #expect(svg.contains("<text class=\"legend\"") && svg.contains(">\(scenario)</text>"), "\(scenario)")
        }
        #expect(svg.contains("<circle class=\"highlight\""))
        #expect(svg.contains("20260101-0003 · scenario-0 · "))
    }
}
