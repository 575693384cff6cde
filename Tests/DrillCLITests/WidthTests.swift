import Foundation
import Testing
@testable import drill

/// Text laid out to the terminal's width, measured in display cells.
@Suite("Width and layout")
struct WidthTests {
    @Test("Cells: ASCII one each, CJK and emoji two, combining marks and escapes none")
    func cells() {
        #expect(TextLayout.cells("drill") == 5)
        #expect(TextLayout.cells("漢字テスト") == 10)
        #expect(TextLayout.cells("🚨 alert") == 8)
        #expect(TextLayout.cells("cafe\u{301}") == 4)
        #expect(TextLayout.cells("\u{1B}[1mbold\u{1B}[0m") == 4)
        #expect(TextLayout.cells("👩‍💻") == 2)
        #expect(TextLayout.cells("❤️") == 2)
    }

    @Test("The width: the terminal's, else $COLUMNS, else 80, within 40–120")
    func width() {
        let pipe = Pipe()
        let notATerminal = pipe.fileHandleForWriting.fileDescriptor
        #expect(TextLayout.width(descriptor: notATerminal, environment: [:]) == 80)
        #expect(TextLayout.width(descriptor: notATerminal, environment: ["COLUMNS": "100"]) == 100)
        #expect(TextLayout.width(descriptor: notATerminal, environment: ["COLUMNS": "20"]) == 40)
        #expect(TextLayout.width(descriptor: notATerminal, environment: ["COLUMNS": "300"]) == 120)
        #expect(TextLayout.width(descriptor: notATerminal, environment: ["COLUMNS": "wide"]) == 80)
    }

    static let prose = "The uploader script deletes every export older than 30 days; the 漢字 team 🚨 noticed on day 94 that https://example.com/a/very/long/address/that/cannot/fit/on/any/line/of/forty/cells was gone."

    @Test("Wrapping never passes the width and never breaks a word that fits on a line", arguments: [10, 20, 40, 80, 160])
    func wrapping(_ width: Int) {
        let lines = TextLayout.wrap(Self.prose, width: width)
        #expect(lines.allSatisfy { TextLayout.cells($0) <= max(10, width) }, "\(lines)")
        let words = Self.prose.split(separator: " ").map(String.init)
        for word in words where TextLayout.cells(word) <= width && !(word.last?.isNumber ?? false) {
            #expect(lines.contains { $0.split(separator: " ").map(String.init).contains(word) } || word == "30" || word == "94", "'\(word)' broken at \(width): \(lines)")
        }
        // Nothing lost: the words come back in order.
        #expect(lines.joined(separator: " ").replacingOccurrences(of: " ", with: "") == Self.prose.replacingOccurrences(of: " ", with: ""))
        #expect(lines.joined(separator: " ").contains("30 days;"), "a number stays with its unit")
    }

    @Test("Cutting ends with … and fits", arguments: [1, 5, 12, 40])
    func cutting(_ width: Int) {
        let cut = TextLayout.truncated(Self.prose, width: width)
        #expect(cut.hasSuffix("…"))
        #expect(TextLayout.cells(cut) <= width)
        #expect(TextLayout.truncated("short", width: 40) == "short")
        #expect(TextLayout.truncated("漢字漢字", width: 6) == "漢字…")
    }

    @Test("A table fits: the flexible column is cut with …, or each row becomes a block")
    func tables() {
        let header = ["ID", "KIND", "TITLE"]
        let rows = [["dormant-contractor-admin", "app-compromise", "A contractor's admin account wakes up after four months"]]
        let wide = Terminal.tableLines(header: header, rows: rows, width: 120).map(\.text)
        #expect(wide.count == 2 && wide[1].hasSuffix("months"))
        let cut = Terminal.tableLines(header: header, rows: rows, width: 80).map(\.text)
        #expect(cut.count == 2 && cut[1].hasSuffix("…") && cut.allSatisfy { TextLayout.cells($0) <= 80 }, "\(cut)")
        let blocks = Terminal.tableLines(header: header, rows: rows, width: 40).map(\.text)
        #expect(blocks.first?.hasPrefix("ID") == true && blocks.allSatisfy { TextLayout.cells($0) <= 40 }, "\(blocks)")
    }

    @Test("Several flexible columns give up room in turn, so the runs list stays a table at 80 columns")
    func severalFlexibleColumns() {
        let header = ["RUN", "PLAYED (UTC)", "TEAM", "SCENARIO", "STATUS", "SCORE"]
        let rows = [["20261130-hjcu77ljgi6f", "2026-11-30 18:04", "Lighthouse Apps (example)", "dormant-contractor-admin", "finished", "71"]]
        let lines = Terminal.tableLines(header: header, rows: rows, width: 80, flexible: [2, 3]).map(\.text)
        #expect(lines.count == 2 && lines.allSatisfy { TextLayout.cells($0) <= 80 }, "\(lines)")
        #expect(lines[1].hasPrefix("20261130-hjcu77ljgi6f  2026-11-30 18:04  Lightho") && lines[1].hasSuffix("finished  71"), "\(lines)")
        // With one flexible column the same row no longer fits as a table.
        #expect(Terminal.tableLines(header: header, rows: rows, width: 80, flexible: 2).count > 2)
    }

    static let drillInput = (["1", "1", "yes", "40", "We found and fixed it.", "1,3"] + ["", "", ""]).joined(separator: "\n") + "\n"

    @Test("Every line of a drill, a check, the library and a report fits 40, 80 and 120 columns (160 asks for 120)", arguments: [40, 80, 160])
    func commandsFit(_ columns: Int) throws {
        let width = min(columns, 120)
        let folder = try RunCommandTests().workspace()
        var environment = RunCommandTests().env(folder)
        environment["COLUMNS"] = String(columns)
        let drill = try DrillProcess.run(["run", "drill-test", "--as-of", "2026-11-26"], in: folder, environment: environment, input: Self.drillInput)
        #expect(drill.status == 0, "\(drill.stderr)")
        let root = DrillProcess.packageRoot.path
        let listed = try DrillProcess.run(["runs", "--format", "json"], in: folder, environment: environment)
        let runID = try #require(DrillProcess.list(listed.stdout, "runs")?.first?["id"] as? String)
        let outputs = [
            ("run", drill.stdout),
            ("check", try DrillProcess.run(["check", "--as-of", "2026-11-26", "--scenarios", root + "/scenarios"], in: folder, environment: environment).stdout),
            ("scenarios", try DrillProcess.run(["scenarios", "--scenarios", root + "/scenarios"], in: folder, environment: environment).stdout),
            ("runs", try DrillProcess.run(["runs"], in: folder, environment: environment).stdout),
            ("report", try DrillProcess.run(["report", runID], in: folder, environment: environment).stdout),
            ("show", try DrillProcess.run(["show", runID], in: folder, environment: environment).stdout),
            ("actions", try DrillProcess.run(["actions"], in: folder, environment: environment).stdout),
            ("contacts", try DrillProcess.run(["contacts", "--as-of", "2026-11-26"], in: folder, environment: environment).stdout),
            ("due", try DrillProcess.run(["due", "--as-of", "2026-11-26", "--scenarios", root + "/scenarios"], in: folder, environment: environment).stdout),
            ("search", try DrillProcess.run(["search", "vendor"], in: folder, environment: environment).stdout),
        ]
        for (name, output) in outputs {
            #expect(output.count > 60, "\(name) printed nothing: \(output)")
            let wide = output.split(separator: "\n").filter { TextLayout.cells($0) > width }
            #expect(wide.isEmpty, "\(name) at \(columns): \(wide.joined(separator: "\n"))")
        }
        // Wide screens are used: the check's reasons run past the old fixed 100 columns.
        if columns == 160 {
            #expect(outputs[1].1.split(separator: "\n").contains { TextLayout.cells($0) > 100 })
        }
    }
}
