import DrillKit
import Foundation
@preconcurrency import Rainbow

/// Where the executable's text goes: standard output or standard error, with colour only
/// when that stream is a terminal and `NO_COLOR` is unset.
struct Terminal: Sendable {
    private let handle: FileHandle
    /// The stream's file descriptor.
    let descriptor: Int32
    /// Whether the stream is a terminal.
    let isTerminal: Bool
    /// Whether styling is applied.
    let colour: Bool
    /// The width text is laid out to, in cells (see `TextLayout.width`).
    let width: Int

    static let standardOutput = Terminal(handle: .standardOutput, descriptor: STDOUT_FILENO)
    static let standardError = Terminal(handle: .standardError, descriptor: STDERR_FILENO)

    private init(handle: FileHandle, descriptor: Int32) {
        self.handle = handle
        self.descriptor = descriptor
        isTerminal = isatty(descriptor) == 1
        let noColour = ProcessEnvironment.values["NO_COLOR"].map { !$0.isEmpty } ?? false
        let term = ProcessEnvironment.values["TERM"] ?? ""
        colour = isTerminal && !noColour && term != "dumb"
        width = TextLayout.width(descriptor: descriptor)
    }

    /// Writes text. Only `TerminalText` reaches the stream — there is no overload taking a
    /// `String`, so text that was not made safe does not compile: a literal is drill's own,
    /// an interpolated `String` is escaped, and text from elsewhere says how it becomes safe
    /// (`TerminalText(escaping:)`, `.line(_:)`, `.json(_:)`). A stream that cannot take it
    /// (a full disk, a closed pipe) is not worth crashing over: the drill's records are in
    /// the database, not on the screen.
    func write(_ text: TerminalText) {
        try? handle.write(contentsOf: Data(text.rendered.utf8))
    }

    /// Writes one line.
    func line(_ text: TerminalText = "") { write(text + "\n") }

    /// Writes text wrapped to the width (`TextLayout.fitted`), each line in `style`.
    func paragraph(_ text: TerminalText, _ style: Style? = nil) {
        for piece in TextLayout.fitted(text, width: width).split(separator: "\n", omittingEmptySubsequences: false) {
            line(style.map { styled(piece, $0) } ?? piece)
        }
    }

    /// The styles the executable uses.
    enum Style {
        case heading, dim, good, warning, bad, emphasis
    }

    /// Writes a table: a styled header, then rows, columns padded to their widest cell (the
    /// last one unpadded). When the rows are wider than the terminal, the `flexible` column
    /// (default: the last) gives up room, its cells cut with `…`; when even that is not
    /// enough, each row becomes a block of `HEADER: value` lines.
    /// Each cell is kept on one line; a cell from a record is made safe by its caller
    /// (`TerminalText.line(run.team)`).
    func table(header: [TerminalText], rows: [[TerminalText]], flexible: Int? = nil) {
        table(header: header, rows: rows, flexible: flexible.map { [$0] } ?? [header.count - 1])
    }

    /// A table whose `flexible` columns give up room in turn, each down to eight cells (or its
    /// header), before the rows become blocks.
    func table(header: [TerminalText], rows: [[TerminalText]], flexible: [Int]) {
        for line in Self.tableLines(header: header, rows: rows, width: width, flexible: flexible) {
            self.line(line.isHeading ? styled(line.text, .heading) : line.text)
        }
    }

    /// The lines of a table of safe cells, laid out for `width` cells: cutting and padding keep
    /// escaped text escaped.
    static func tableLines(header: [TerminalText], rows: [[TerminalText]], width: Int, flexible: [Int]) -> [(text: TerminalText, isHeading: Bool)] {
        let plain = { (cells: [TerminalText]) in cells.map(\.oneLine.rendered) }
        return tableLines(header: plain(header), rows: rows.map(plain), width: width, flexible: flexible)
            .map { (TerminalText(verbatim: $0.text), $0.isHeading) }
    }

    /// The lines of `table`, laid out for `width` cells: layout only, nothing written.
    static func tableLines(header: [String], rows: [[String]], width: Int, flexible: Int? = nil) -> [(text: String, isHeading: Bool)] {
        tableLines(header: header, rows: rows, width: width, flexible: [flexible ?? header.count - 1])
    }

    /// The lines of a table whose `flexible` columns give up room in turn.
    static func tableLines(header: [String], rows: [[String]], width: Int, flexible: [Int]) -> [(text: String, isHeading: Bool)] {
        let gap = 2, minimum = 8
        var widths = header.indices.map { column in ([header] + rows).map { TextLayout.cells($0[column]) }.max() ?? 0 }
        var excess = widths.reduce(0, +) + gap * (widths.count - 1) - width
        for column in flexible where excess > 0 {
            let given = min(excess, max(0, widths[column] - max(minimum, TextLayout.cells(header[column]))))
            widths[column] -= given
            excess -= given
        }
        guard excess <= 0 else { return blocks(header: header, rows: rows, width: width) }
        func line(_ row: [String]) -> String {
            row.enumerated().map { column, cell in
                let cut = TextLayout.truncated(cell, width: widths[column])
                return column == row.count - 1 ? cut : TextLayout.padded(cut, to: widths[column])
            }.joined(separator: String(repeating: " ", count: gap))
        }
        return [(line(header), true)] + rows.map { (line($0), false) }
    }

    /// One row per block: `HEADER  value` lines, values wrapped, a blank line between blocks.
    private static func blocks(header: [String], rows: [[String]], width: Int) -> [(text: String, isHeading: Bool)] {
        let labelWidth = (header.map { TextLayout.cells($0) }.max() ?? 0) + 2
        var lines: [(String, Bool)] = []
        for (index, row) in rows.enumerated() {
            if index > 0 { lines.append(("", false)) }
            for (column, cell) in row.enumerated() {
                let label = TextLayout.padded(header[column], to: labelWidth)
                let wrapped = TextLayout.wrap(cell, width: width, indent: String(repeating: " ", count: labelWidth), first: label)
                lines += wrapped.map { ($0, false) }
            }
        }
        return lines
    }

    /// Cells a string takes on screen, not counting colour escape sequences.
    static func visibleWidth(_ text: String) -> Int { TextLayout.cells(text) }

    /// Text in a style, or plain when colour is off: the only place escape sequences are added.
    func styled(_ text: TerminalText, _ style: Style) -> TerminalText {
        guard colour else { return text }
        return text.styledBy { text in
            switch style {
            case .heading: text.bold
            case .dim: text.dim
            case .good: text.green
            case .warning: text.yellow
            case .bad: text.red
            case .emphasis: text.bold
            }
        }
    }

    /// A problem in an input file, `path:line:column: severity: message` on one line, styled by
    /// its severity: an error in red, a warning in yellow.
    func diagnostic(_ diagnostic: Diagnostic, prefix: TerminalText = "") {
        line(prefix + styled(TerminalText.line(diagnostic.description), diagnostic.severity == .error ? .bad : .warning))
    }
}

/// Layout of text already safe: it only cuts, pads and wraps, so what was escaped stays escaped.
extension TextLayout {
    static func fitted(_ text: TerminalText, width: Int) -> TerminalText {
        text.mapLayout { fitted($0, width: width) }
    }

    static func wrap(_ text: TerminalText, width: Int, indent: TerminalText, first: TerminalText? = nil) -> [TerminalText] {
        wrap(text.rendered, width: width, indent: indent.rendered, first: first?.rendered).map { TerminalText(verbatim: $0) }
    }

    static func hardWrap(_ text: TerminalText, width: Int) -> [TerminalText] {
        hardWrap(text.rendered, width: width).map { TerminalText(verbatim: $0) }
    }

    static func truncated(_ text: TerminalText, width: Int) -> TerminalText {
        text.mapLayout { truncated($0, width: width) }
    }

    static func padded(_ text: TerminalText, to width: Int) -> TerminalText {
        text.mapLayout { padded($0, to: width) }
    }

    static func cells(_ text: TerminalText) -> Int { cells(text.rendered) }
}

extension TerminalText {
    /// The text's lines.
    func split(separator: Character, omittingEmptySubsequences: Bool = true) -> [TerminalText] {
        rendered.split(separator: separator, omittingEmptySubsequences: omittingEmptySubsequences).map { TerminalText(verbatim: String($0)) }
    }
}
