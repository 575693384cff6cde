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
