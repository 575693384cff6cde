import DrillKit
import Foundation

/// One line of input, read with a cap: at most ``limit`` bytes of it are kept, however long it is.
struct InputLine {
    /// The most bytes of a line kept in memory: room for the longest answer drill accepts
    /// (``AnswerRejection/maxLength`` characters of up to four bytes each) with an `@NAME`
    /// before it. A longer line is read to its end and dropped, so a 1 GB line costs this much.
    static let limit = AnswerRejection.maxLength * 4 + 256

    /// The line without its newline; only its first ``limit`` bytes when it was longer.
    var text: String
    /// How many bytes the whole line had.
    var byteCount: Int

    /// Whether the line was longer than ``limit`` and only its start was kept.
    var isCut: Bool { byteCount > Self.limit }
}

/// Where typed answers come from: the terminal or a pipe, one line at a time.
protocol LineReader {
    /// Shows `prompt` (styled by `terminal`) on `terminal`, then returns the next line without its
    /// newline, keeping at most ``InputLine/limit`` bytes of it, or `nil` at end of input.
    func readCappedLine(prompt: TerminalText, on terminal: Terminal) -> InputLine?
    /// Whether a person types at a terminal (which echoes what they type).
    var isInteractive: Bool { get }
}

extension LineReader {
    /// The next line as ``readCappedLine(prompt:on:)`` reads it: a line over the cap comes back
    /// cut to its first ``InputLine/limit`` bytes, which no answer, choice or command fits.
    func readLine(prompt: TerminalText, on terminal: Terminal) -> String? {
        readCappedLine(prompt: prompt, on: terminal)?.text
    }
}

/// Standard input, read line by line (a terminal or a pipe alike).
struct StandardInput: LineReader {
    func readCappedLine(prompt: TerminalText, on terminal: Terminal) -> InputLine? {
        terminal.write(prompt)
        guard let stream = Self.stream else { return nil }
        return Self.readLine(from: stream, limit: InputLine.limit)
    }

    /// Standard input as a buffered stream, opened once: every line drill reads from a pipe goes
    /// through it (nothing else reads standard input's C stream, so no buffered byte is lost).
    nonisolated(unsafe) private static let stream = fdopen(STDIN_FILENO, "r")

    /// Reads one line from `stream` as `Swift.readLine(strippingNewline: true)` does (its
    /// newline, or CR LF, stripped; invalid UTF-8 repaired), keeping at most `limit` bytes:
    /// unlike `readLine`, which holds the whole line (a 1 GB line cost 4.2 GB), the rest is
    /// counted and dropped as it is read. `nil` at end of input with nothing read.
    static func readLine(from stream: UnsafeMutablePointer<FILE>, limit: Int) -> InputLine? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        var count = 0
        var sawAnything = false
        flockfile(stream)
        defer { funlockfile(stream) }
        while true {
            let character = getc_unlocked(stream)
            if character == EOF { break }
            sawAnything = true
            if character == 0x0A { break }
            count += 1
            if bytes.count < limit { bytes.append(UInt8(truncatingIfNeeded: character)) }
        }
        guard sawAnything else { return nil }
        if bytes.last == 0x0D, bytes.count == count {
            bytes.removeLast()
            count -= 1
        }
        return InputLine(text: String(decoding: bytes, as: UTF8.self), byteCount: count)
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
