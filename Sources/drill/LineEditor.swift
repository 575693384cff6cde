import CEditLine
import DrillKit
import Foundation

/// The prompt as a person at a terminal sees it: libedit's line editing (arrows, Home/End,
/// Ctrl-A/E/K/W, Backspace over whole characters) and the answers given so far on the up
/// arrow, for this process only. Ctrl-D on an empty line is end of input, as with a pipe.
///
/// One per process (libedit's prompt callback has no context), created on the first prompt.
final class LineEditor: LineReader, @unchecked Sendable {
    private let api: UnsafeMutablePointer<drill_editline>

    /// The prompt libedit draws, owned here; read by `promptCallback`.
    nonisolated(unsafe) private static var prompt: UnsafeMutablePointer<CChar>?
    /// The terminal's settings before the editor changed them, for `restoreTerminal`.
    nonisolated(unsafe) private static var savedModes: termios?
    nonisolated(unsafe) private static var instance: LineEditor?
    private static let lock = NSLock()

    private static let promptCallback: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>? = { _ in
        LineEditor.prompt
    }

    private init(api: UnsafeMutablePointer<drill_editline>) { self.api = api }

    /// The process's editor, drawing on `terminal`'s stream; `nil` when libedit cannot be loaded.
    static func shared(drawingOn terminal: Terminal) -> LineEditor? {
        lock.withLock {
            if let instance { return instance }
            // libedit decodes what is typed by the locale: without one, é arrives as two bytes.
            if setlocale(LC_CTYPE, "") == nil || !String(cString: nl_langinfo(nl_item(CODESET))).uppercased().contains("UTF") {
                setlocale(LC_CTYPE, "C.UTF-8")
            }
            var modes = termios()
            if tcgetattr(STDIN_FILENO, &modes) == 0 { savedModes = modes }
            guard let api = drill_editline_start("drill", terminal.descriptor == STDERR_FILENO ? 1 : 0, promptCallback, 200) else { return nil }
            instance = LineEditor(api: api)
            return instance
        }
    }

    var isInteractive: Bool { true }

    /// What is typed (or pasted) is held by libedit as a whole line; only its first
    /// ``InputLine/limit`` bytes are kept from there, and a longer line is not remembered.
    func readCappedLine(prompt text: TerminalText, on terminal: Terminal) -> InputLine? {
        Self.lock.withLock {
            free(Self.prompt)
            Self.prompt = strdup(Self.bracketingEscapes(text.rendered))
        }
        var count: Int32 = 0
        guard let line = drill_editline_gets(api, &count), count > 0 else { return nil }
        var length = Int(count)
        if line[length - 1] == 0x0A { length -= 1 }
        let kept = UnsafeRawBufferPointer(start: line, count: min(length, InputLine.limit))
        let input = InputLine(text: String(decoding: kept, as: UTF8.self), byteCount: length)
        if !input.isCut, !input.text.trimmingCharacters(in: .whitespaces).isEmpty { drill_editline_remember(api, input.text) }
        return input
    }

    /// Puts the terminal back as it was before the editor took it (safe to call at any time).
    static func restoreTerminal() {
        guard var modes = savedModes else { return }
        tcsetattr(STDIN_FILENO, TCSADRAIN, &modes)
    }

    /// The prompt with each escape sequence between `\1` markers, which libedit draws without
    /// counting them as columns: a styled prompt still puts the cursor where it is.
    static func bracketingEscapes(_ text: String) -> String {
        var result = "", inEscape = false
        for scalar in text.unicodeScalars {
            if scalar == "\u{1}" { continue }
            if inEscape {
                result.unicodeScalars.append(scalar)
                if ("@"..."~").contains(scalar) && scalar != "[" {
                    inEscape = false
                    result += "\u{1}"
                }
            } else if scalar == "\u{1B}" {
                inEscape = true
                result += "\u{1}\u{1B}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return inEscape ? result + "\u{1}" : result
    }
}
