import Foundation
@preconcurrency import Rainbow

/// Where the executable's text goes: standard output or standard error, with colour only
/// when that stream is a terminal and `NO_COLOR` is unset.
struct Terminal: Sendable {
    private let handle: FileHandle
    /// Whether styling is applied.
    let colour: Bool

    static let standardOutput = Terminal(handle: .standardOutput, descriptor: STDOUT_FILENO)
    static let standardError = Terminal(handle: .standardError, descriptor: STDERR_FILENO)

    private init(handle: FileHandle, descriptor: Int32) {
        self.handle = handle
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        colour = isatty(descriptor) == 1 && !noColour && term != "dumb"
    }

    /// Writes text as is. A stream that cannot take it (a full disk, a closed pipe) is not
    /// worth crashing over: the drill's records are in the database, not on the screen.
    func write(_ text: String) {
        try? handle.write(contentsOf: Data(text.utf8))
    }

    /// Writes one line.
    func line(_ text: String = "") { write(text + "\n") }

    /// The styles the executable uses.
    enum Style {
        case heading, dim, good, warning, bad, emphasis
    }

    /// Writes a table: a styled header, then rows, columns padded to their widest cell (the last one unpadded).
    func table(header: [String], rows: [[String]]) {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.enumerated().map { $0 == row.count - 1 ? $1 : $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        self.line(styled(line(header), .heading))
        for row in rows { self.line(line(row)) }
    }

    /// Characters a string takes on screen, not counting colour escape sequences.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0, inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if ("@"..."~").contains(scalar) && scalar != "[" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                width += 1
            }
        }
        return width
    }

    /// Text in a style, or plain when colour is off.
    func styled(_ text: String, _ style: Style) -> String {
        guard colour else { return text }
        return switch style {
        case .heading: text.bold
        case .dim: text.dim
        case .good: text.green
        case .warning: text.yellow
        case .bad: text.red
        case .emphasis: text.bold
        }
    }
}
