import DrillKit
import Foundation

/// How far long work has got — "checked 1,200 scenarios", "imported 40 of 300 transcripts" —
/// on one line of standard error that redraws in place. Only when standard error is a
/// terminal (a pipe or a CI log gets nothing), only once the work has taken half a second
/// (short commands never show it), at most ten times a second, and cleared before anything
/// else is written and at the end.
final class ProgressLine {
    private let terminal = Terminal.standardError
    private let verb: TerminalText
    private let noun: TerminalText
    private let total: Int?
    private let isEnabled: Bool
    private var done = 0
    private var nextDraw: Double
    private var shown = false

    /// Progress of `total` (when known) `noun`s, each `verb` when done ("checked", "scenarios").
    init(_ verb: TerminalText, _ noun: TerminalText, total: Int? = nil, enabled: Bool = Terminal.standardError.isTerminal) {
        self.verb = verb
        self.noun = noun
        self.total = total
        isEnabled = enabled
        nextDraw = Self.now() + 0.5
    }

    /// One more (or `count` more) done.
    func advance(by count: Int = 1) {
        done += count
        guard isEnabled else { return }
        let now = Self.now()
        guard now >= nextDraw else { return }
        nextDraw = now + 0.1
        let text: TerminalText = "\(verb) \(done)\(total.map { " of \($0)" } ?? "") \(noun)…"
        terminal.write("\r\u{1B}[K\(terminal.styled(TextLayout.truncated(text, width: terminal.width - 1), .dim))")
        shown = true
    }

    /// Removes the line, so that other output starts at the left margin; the next `advance` draws it again.
    func clear() {
        guard shown else { return }
        terminal.write("\r\u{1B}[K")
        shown = false
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
