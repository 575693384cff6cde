import DrillKit
import Foundation
import Testing

@Suite("HTML and Markdown reports")
struct ReviewHTMLTests {
    static let hostileTeam = "Evil <script>alert(1)</script> \"Team\" & <img src=https://x.example/a.png onerror=alert(2)>"

    static func reports(team: String = "Review Team") throws -> (AfterActionReport, TrendReport, RunComparison) {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), team: team, gaps: true, answers: ["2", "1", "no"],
                               notes: ["note with \u{1B}[31mred\u{1B}[0m and <b>tags</b>"])
        try ReviewFixture.play(database, id: "20270224-good", startedAt: ReviewFixture.day(92), team: team, gaps: false)
        let first = try ReviewedRun.load("20261124-gaps", from: database), second = try ReviewedRun.load("20270224-good", from: database)
        let runs = try database.runs(RunFilter(limit: nil))
        let history = runs.compactMap(ScorePoint.init)
        let items = try database.improvementItems()
        return (AfterActionReport(first, items: items, history: history, reportDate: ReviewFixture.asOf),
                TrendReport(team: team, runs: runs, items: items, reportDate: CalendarDate(year: 2027, month: 3, day: 1)!),
                RunComparison(first, second, history: history))
    }

    static func pages() throws -> [(String, String)] {
        let (report, trend, comparison) = try reports()
        return [("after-action", report.html()), ("trend", trend.html()), ("comparison", comparison.html())]
    }

    @Test("Every HTML report is one complete page with its sections, an inline SVG chart and the timeline")
    func structure() throws {
        for (name, html) in try Self.pages() {
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(name)")
            #expect(html.hasSuffix("</html>\n"), "\(name)")
            #expect(html.components(separatedBy: "<h1>").count == 2, "\(name): one title")
            #expect(html.contains("<meta charset=\"utf-8\">"), "\(name)")
            #expect(html.contains("<svg class=\"chart\""), "\(name): a scores chart")
            #expect(html.contains("<polyline class=\"series\""), "\(name): scores over time, a line per scenario")
            #expect(html.contains("@media print"), "\(name): print styles")
            for tag in ["section", "table", "svg", "main", "body", "head", "style"] {
                let opened = html.components(separatedBy: "<\(tag)>").count + html.components(separatedBy: "<\(tag) ").count - 2, closed = html.components(separatedBy: "</\(tag)>").count - 1
                #expect(opened == closed && opened > 0, "\(name): <\(tag)> opened \(opened), closed \(closed)")
            }
        }
        let (report, _, comparison) = try Self.reports()
        for html in [report.html(), comparison.html()] {
            #expect(html.contains("<svg class=\"chart timeline\""))
            #expect(html.contains("class=\"bar bad"))
        }
        let aar = report.html()
        for heading in ["Exercise overview", "Summary of performance", "Strengths", "Areas for improvement", "Improvement plan", "Timeline", "Objectives"] {
            #expect(aar.contains(">\(heading)<"), "\(heading)")
        }
    }

    @Test("HTML reports load nothing from anywhere: no external URL, script, link, image or font")
    func selfContained() throws {
        for (name, html) in try Self.pages() {
            let lower = html.lowercased()
            for forbidden in ["http:", "https:", "//", "<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "href="] {
                let cleaned = forbidden == "//" ? lower.replacingOccurrences(of: "https://", with: "") : lower
                #expect(!cleaned.contains(forbidden), "\(name) contains \(forbidden)")
            }
            #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "\(name)")
        }
    }

    @Test("Untrusted text is escaped in HTML and neutralised: it never becomes markup")
    func hostileTextIsEscaped() throws {
        let (report, trend, comparison) = try Self.reports(team: Self.hostileTeam)
        for html in [report.html(), trend.html(), comparison.html()] {
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img"))
            #expect(html.contains("Evil &lt;script&gt;alert(1)&lt;/script&gt; &quot;Team&quot; &amp; &lt;img"))
            #expect(!html.contains("\u{1B}"))
            #expect(!html.contains("<b>tags"))
        }
    }

    @Test("Markdown escapes structure but keeps code spans, and neutralises control characters")
    func markdownEscaping() {
        #expect(Markdown.inline("Remove `svc_backup2` now") == "Remove `svc_backup2` now")
        #expect(Markdown.inline("a <b> [link](x) *bold* svc_ci _em_") == "a \\<b\\> \\[link\\](x) \\*bold\\* svc_ci \\_em\\_")
        #expect(Markdown.inline("# not a heading") == "\\# not a heading")
        #expect(Markdown.inline("1. not a list") == "1\\. not a list")
        #expect(Markdown.inline("red\u{1B}[31m") == "red\\\\u{1B}\\[31m")
        #expect(Markdown.cell("a | b `c|d`") == "a \\| b `c\\|d`")
        #expect(Markdown.codeBlock("x\n```\ny").hasPrefix("````text\n"))
        #expect(HTML.prose("use `a<b>` & <i>").description == "use <code>a&lt;b&gt;</code> &amp; &lt;i&gt;")
    }

    @Test("Reports as JSON have ISO 8601 times and lowerCamelCase keys")
    func reportJSON() throws {
        let (report, trend, comparison) = try Self.reports()
        for data in [try DrillJSON.encode(report), try DrillJSON.encode(trend), try DrillJSON.encode(comparison)] {
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("\"2026-11-24T09:00:00.000Z\""))
            #expect(!text.contains("_"), "no snake_case keys") // no value in the fixtures has an underscore outside YAML
        }
        let object = try #require(try JSONSerialization.jsonObject(with: DrillJSON.encode(report)) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["exercise", "scenario", "capabilities", "strengths", "areasForImprovement", "improvementPlan", "timeline"]))
    }

    @Test("The Markdown transcript lists every step with who answered, the evidence, the findings and the items")
    func transcriptMarkdown() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), gaps: true, notes: ["check the *DPA* clock"])
        let run = try ReviewedRun.load("20261124-gaps", from: database)
        let markdown = run.transcriptMarkdown(items: try database.improvementItems(), reportDate: ReviewFixture.asOf)
        for expected in ["# Drill transcript: A drill for review tests", "| Participants | Priya (commander) |", "| Facilitator | Ana |",
                         "### T+00:00 · Saturday 23:40 UTC — Inject 1: First signs", "```text\n2026-11-28T23:12:09Z admin=svc_ci action=export tenant=t-0042\n```",
                         "- **Answer** by Priya: Contain and preserve — ✓ as expected (10/10 points)", "check the \\*DPA\\* clock",
                         "✗ unmet **partner** (contacts)", "## Improvement items", "**#1** partner"] {
            #expect(markdown.contains(expected), "missing: \(expected)")
        }
    }
}
