import Foundation

/// Where typed answers come from: the terminal or a pipe, one line at a time.
protocol LineReader {
    /// The next line without its newline, or `nil` at end of input.
    func readLine() -> String?
    /// Whether a person types at a terminal (which echoes what they type).
    var isInteractive: Bool { get }
}

/// Standard input, read line by line (a terminal or a pipe alike).
struct StandardInput: LineReader {
    func readLine() -> String? { Swift.readLine(strippingNewline: true) }
    var isInteractive: Bool { isatty(STDIN_FILENO) == 1 }
}

/// Runs `handler` once when the process receives SIGINT or SIGTERM, instead of dying mid-write.
enum InterruptHandler {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install(_ handler: @escaping @Sendable (Int32) -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { handler(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }
}
