import Foundation

/// Where typed answers come from: the terminal or a pipe, one line at a time.
protocol LineReader {
    /// Shows `prompt` (already styled) on `terminal`, then returns the next line without its
    /// newline, or `nil` at end of input.
    func readLine(prompt: String, on terminal: Terminal) -> String?
    /// Whether a person types at a terminal (which echoes what they type).
    var isInteractive: Bool { get }
}

/// Standard input, read line by line (a terminal or a pipe alike).
struct StandardInput: LineReader {
    func readLine(prompt: String, on terminal: Terminal) -> String? {
        terminal.write(prompt)
        return Swift.readLine(strippingNewline: true)
    }

    var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }

    /// The reader for a command's prompts: a line editor (arrow keys, history) when a person
    /// types at a terminal and libedit is installed, plain line reads otherwise — a pipe is
    /// read exactly as before, and libedit is never loaded for it.
    static func forPrompts(on terminal: Terminal) -> any LineReader {
        guard isatty(STDIN_FILENO) == 1, terminal.isTerminal else { return StandardInput() }
        return LineEditor.shared(drawingOn: terminal) ?? StandardInput()
    }
}

/// Runs `handler` once when the process receives SIGINT or SIGTERM, instead of dying mid-write.
enum InterruptHandler {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install(_ handler: @escaping @Sendable (Int32) -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                // Ctrl-C while the line editor holds the terminal: give it back as it was.
                LineEditor.restoreTerminal()
                handler(signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
