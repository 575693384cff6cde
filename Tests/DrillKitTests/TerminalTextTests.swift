import DrillKit
import Foundation
import Testing

@Suite("Terminal text")
struct TerminalTextTests {
    static let hostile = "a\u{1B}[2J\u{9B}1m\r\u{85}\u{202E}\u{2067}\u{200E}\u{061C}\u{7F}z"

    @Test("Interpolated strings are escaped; literals and nested terminal text are kept")
    func interpolation() {
        let nested: TerminalText = "\u{1B}[1mbold\u{1B}[0m"
        let text: TerminalText = "value: \(Self.hostile) \(nested) \(42)"
        #expect(text.rendered.hasPrefix("value: a\\u{1B}[2J\\u{9B}1m\\u{D}\\u{85}\\u{202E}\\u{2067}\\u{200E}\\u{61C}\\u{7F}z "))
        #expect(text.rendered.hasSuffix(" \u{1B}[1mbold\u{1B}[0m 42"))
    }

    @Test("Escaping keeps newlines and tabs; a line turns them into spaces")
    func lines() {
        #expect(TerminalText(escaping: "a\nb\tc\u{1B}").rendered == "a\nb\tc\\u{1B}")
        #expect(TerminalText.line("a\nb\tc").rendered == "a b c")
    }

    @Test("Concatenating a string escapes it")
    func concatenation() {
        let planted = "\u{1B}]0;title\u{07}"
        let text: TerminalText = "x: " + planted
        #expect(text.rendered == "x: \\u{1B}]0;title\\u{7}")
    }

    @Test("JSON for a terminal escapes C0, C1, DEL and bidi characters as \\u escapes and parses to the same value")
    func json() throws {
        let encoder = JSONEncoder()
        let raw = String(decoding: try encoder.encode(["key": Self.hostile]), as: UTF8.self)
        let safe = TerminalText.json(raw).rendered
        #expect(safe.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) && ![0x202E, 0x2067, 0x200E, 0x061C].contains($0.value) })
        #expect(safe.contains("\\u009b") && safe.contains("\\u202e") && safe.contains("\\u0085") && safe.contains("\\u007f"))
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(safe.utf8))
        #expect(decoded["key"] == Self.hostile)
    }

    @Test("JSON without anything to escape is unchanged, its layout kept")
    func plainJSON() {
        let text = "{\n  \"a\" : \"é – ✓\",\n\t\"b\" : 1\n}"
        #expect(TerminalText.json(text).rendered == text)
    }
}
