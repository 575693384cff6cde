/// Text on its way to a terminal: drill's own literals as written, every `String` interpolated
/// into it made safe (``Swift/String/terminalSafe``), so text from a record, a scenario, a
/// preparedness file, a transcript or the user can never steer the terminal. As ``HTML`` is
/// for pages, this is the one type the executable's output writer takes: text that did not
/// pass through it cannot reach the screen unescaped.
///
/// Styling (colour escape sequences) is added by the writer to `TerminalText` it already
/// holds, never to a `String`, so an escape sequence in output is always drill's own.
public struct TerminalText: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The text as it goes to the terminal.
    public private(set) var rendered: String

    /// Text written in drill's own code.
    public init(stringLiteral value: String) { rendered = value }

    /// Text with safe interpolations.
    public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.rendered }

    /// Untrusted text made safe: controls and bidirectional overrides shown as `\u{…}`,
    /// newlines and tabs kept.
    public init(escaping text: some StringProtocol) { rendered = String(text).terminalSafe }

    /// Untrusted text made safe and kept on one line (newlines and tabs shown as spaces).
    public static func line(_ text: some StringProtocol) -> TerminalText {
        TerminalText(rendered: String(text).terminalSafeLine)
    }

    /// JSON made safe for a terminal without changing its value: every C0 or C1 control,
    /// DEL and bidirectional override is written as a `\uXXXX` escape. JSON allows such an
    /// escape for any character in a string, and outside strings JSON has only ASCII
    /// punctuation and whitespace, so a parser reads the same value.
    public static func json(_ json: String) -> TerminalText {
        guard json.unicodeScalars.contains(where: { isJSONSteering($0) }) else { return TerminalText(rendered: json) }
        var result = ""
        result.unicodeScalars.reserveCapacity(json.unicodeScalars.count + 16)
        for scalar in json.unicodeScalars {
            if isJSONSteering(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: false)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return TerminalText(rendered: result)
    }

    /// What `json` escapes. JSON's own writers already escape C0 controls inside strings; a
    /// newline or tab outside one is layout.
    private static func isJSONSteering(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09, 0x20: false
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Text already made safe, changed only in ways that keep it safe (see ``mapLayout(_:)``).
    private init(rendered: String) { self.rendered = rendered }

    /// Text this process built as `TerminalText` and kept as a `String` for a while (a spool
    /// file, a worker's result): `rendered` must be a `TerminalText`'s ``rendered``, nothing else.
    /// A debug build checks that it holds no control or bidirectional character other than
    /// the output writer's colour sequences, so that a `String` slipped in here fails the tests.
    public init(verbatim rendered: String) {
        assert(Self.holdsOnlyStyling(rendered), "TerminalText(verbatim:) was handed text that was never made safe: \(rendered.debugDescription.prefix(200))")
        self.rendered = rendered
    }

    /// Whether every steering character in `text` starts one of the writer's colour sequences
    /// (`ESC [ digits;… m`) or is the CR of a CR LF: what a `TerminalText` can hold, and nothing raw can sneak in.
    static func holdsOnlyStyling(_ text: String) -> Bool {
        // Byte by byte over UTF-8 (every steering scalar has a fixed encoding): a check of a large
        // library writes megabytes through here in a debug build.
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            func at(_ offset: Int) -> UInt8 { index + offset < count ? bytes[index + offset] : 0 }
            while index < count {
                let byte = bytes[index]
                switch byte {
                case 0x0A, 0x09:
                    index += 1
                case 0x0D where at(1) == 0x0A:
                    index += 2
                case 0x1B where at(1) == UInt8(ascii: "["):
                    index += 2
                    while index < count, bytes[index] == UInt8(ascii: ";") || (0x30...0x39).contains(bytes[index]) { index += 1 }
                    guard index < count, bytes[index] == UInt8(ascii: "m") else { return false }
                    index += 1
                case 0x00...0x1F, 0x7F:
                    return false
                case 0xC2 where (0x80...0x9F).contains(at(1)):
                    return false // C1
                case 0xD8 where at(1) == 0x9C:
                    return false // U+061C
                case 0xE2 where at(1) == 0x80 && [0x8E, 0x8F, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE].contains(at(2)):
                    return false // U+200E, U+200F, U+202A…U+202E
                case 0xE2 where at(1) == 0x81 && (0xA6...0xA9).contains(at(2)):
                    return false // U+2066…U+2069
                default:
                    index += 1
                }
            }
            return true
        }
    }

    /// The text.
    public var description: String { rendered }

    /// Whether there is no text.
    public var isEmpty: Bool { rendered.isEmpty }

    /// The text on one line: newlines and tabs shown as spaces (a table's cell, a list's item).
    public var oneLine: TerminalText {
        guard rendered.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 }) else { return self }
        return mapLayout { text in String(text.unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : Character($0) }) }
    }

    /// The text laid out anew by `layout`, which may only cut it, join pieces of it, and add
    /// spaces, newlines, printable characters or the terminal's own styling: escaped text
    /// stays escaped whatever such a layout does (an escape is printable ASCII).
    public func mapLayout(_ layout: (String) -> String) -> TerminalText { TerminalText(rendered: layout(rendered)) }

    /// Styling from the output writer: `rendered` wrapped in the writer's escape sequences.
    /// Only the writer that owns the terminal calls this.
    public func styledBy(_ writer: (String) -> String) -> TerminalText { TerminalText(rendered: writer(rendered)) }

    /// One text after the other.
    public static func + (lhs: TerminalText, rhs: TerminalText) -> TerminalText { TerminalText(rendered: lhs.rendered + rhs.rendered) }

    /// Appends text.
    public static func += (lhs: inout TerminalText, rhs: TerminalText) { lhs.rendered += rhs.rendered }

    /// Text followed by untrusted text, escaped.
    public static func + (lhs: TerminalText, rhs: String) -> TerminalText { TerminalText(rendered: lhs.rendered + rhs.terminalSafe) }

    /// Pieces joined by a separator.
    public static func join(_ parts: some Sequence<TerminalText>, separator: TerminalText = "") -> TerminalText {
        var result = TerminalText(rendered: "")
        for (index, part) in parts.enumerated() {
            if index > 0 { result.rendered += separator.rendered }
            result.rendered += part.rendered
        }
        return result
    }

    /// Builds text: literals as written, `String`s and other values escaped, `TerminalText` as is.
    public struct Interpolation: StringInterpolationProtocol {
        var rendered = ""

        /// Reserves room.
        public init(literalCapacity: Int, interpolationCount: Int) { rendered.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        /// Text from drill's own code.
        public mutating func appendLiteral(_ literal: String) { rendered += literal }

        /// Untrusted text, escaped (newlines and tabs kept).
        public mutating func appendInterpolation(_ text: some StringProtocol) { rendered += String(text).terminalSafe }

        /// Untrusted text, escaped and kept on one line (newlines and tabs shown as spaces):
        /// `"run \(line: run.id)"`.
        public mutating func appendInterpolation(line text: some StringProtocol) { rendered += String(text).terminalSafeLine }

        /// Text already safe, as is.
        public mutating func appendInterpolation(_ text: TerminalText) { rendered += text.rendered }

        /// A number.
        public mutating func appendInterpolation(_ number: some BinaryInteger) { rendered += String(number) }

        /// Any other value, as it describes itself, escaped.
        public mutating func appendInterpolation(_ value: some CustomStringConvertible) { rendered += value.description.terminalSafe }
    }
}

extension Array where Element == TerminalText {
    /// The pieces joined by a separator.
    public func joined(separator: TerminalText = "") -> TerminalText { TerminalText.join(self, separator: separator) }
}
