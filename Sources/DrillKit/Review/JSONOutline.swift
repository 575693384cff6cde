/// Where each value of a JSON document sits, and which keys each object has: what
/// `JSONDecoder` does not say. Import uses it to put a line and column on every problem,
/// and to refuse unknown and repeated keys (a hand edit with a typo never passes silently).
struct JSONOutline {
    /// A 1-based line and column (counted in characters).
    struct Position: Hashable {
        var line: Int
        var column: Int
    }

    /// One value, with where it starts.
    indirect enum Node {
        case object([Member], Position)
        case array([Node], Position)
        case scalar(Position)

        /// Where the value starts.
        var position: Position {
            switch self {
            case let .object(_, position), let .array(_, position), let .scalar(position): position
            }
        }

        /// The member named `key`, if this is an object that has one.
        func member(_ key: String) -> Member? {
            guard case let .object(members, _) = self else { return nil }
            return members.first { $0.key == key }
        }

        /// The element at `index`, if this is an array that long.
        func element(_ index: Int) -> Node? {
            guard case let .array(elements, _) = self, elements.indices.contains(index) else { return nil }
            return elements[index]
        }
    }

    /// A key of an object, where it is, and its value.
    struct Member {
        var key: String
        var keyPosition: Position
        var value: Node
    }

    /// Why the text is not JSON, and where.
    struct SyntaxError: Error {
        var message: String
        var position: Position
    }

    /// The root value.
    let root: Node

    /// Outlines `text`, refusing what is not JSON or nests deeper than `maxDepth`.
    init(_ text: String, maxDepth: Int = 64) throws(SyntaxError) {
        var scanner = Scanner(bytes: Array(text.utf8), maxDepth: maxDepth)
        scanner.skipWhitespace()
        let root = try scanner.value(depth: 0)
        scanner.skipWhitespace()
        guard scanner.atEnd else { throw scanner.error("unexpected text after the end of the JSON value") }
        self.root = root
    }

    /// The position of the value at a path of keys and indexes, or of the deepest part of it that exists.
    func position(of path: [any CodingKey]) -> Position {
        var node = root
        for key in path {
            if let index = key.intValue, let element = node.element(index) {
                node = element
            } else if let member = node.member(key.stringValue) {
                node = member.value
            } else {
                break
            }
        }
        return node.position
    }

    private struct Scanner {
        let bytes: [UInt8]
        let maxDepth: Int
        var index = 0
        var line = 1
        var column = 1

        init(bytes: [UInt8], maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        var atEnd: Bool { index >= bytes.count }
        var position: Position { Position(line: line, column: column) }

        func error(_ message: String) -> SyntaxError { SyntaxError(message: message, position: position) }

        mutating func advance() {
            guard index < bytes.count else { return }
            let byte = bytes[index]
            index += 1
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D:
                    index += 1
                    column += 1
                case 0x0A:
                    index += 1
                    line += 1
                    column = 1
                default:
                    return
                }
            }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws(SyntaxError) {
            guard index < bytes.count, bytes[index] == byte else {
                throw error(atEnd ? "the JSON ends early; expected \(what)" : "expected \(what)")
            }
            advance()
        }

        mutating func value(depth: Int) throws(SyntaxError) -> Node {
            guard depth < maxDepth else { throw error("values are nested more than \(maxDepth) levels deep") }
            guard index < bytes.count else { throw error("the JSON ends early; expected a value") }
            let start = position
            switch bytes[index] {
            case UInt8(ascii: "{"):
                advance()
                var members: [Member] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    advance()
                    return .object(members, start)
                }
                while true {
                    skipWhitespace()
                    let keyPosition = position
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key in double quotes") }
                    let key = try string(keeping: true)
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"), "':' after the key")
                    skipWhitespace()
                    members.append(Member(key: key, keyPosition: keyPosition, value: try value(depth: depth + 1)))
                    skipWhitespace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                        advance()
                        continue
                    }
                    try expect(UInt8(ascii: "}"), "',' or '}'")
                    return .object(members, start)
                }
            case UInt8(ascii: "["):
                advance()
                var elements: [Node] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    advance()
                    return .array(elements, start)
                }
                while true {
                    skipWhitespace()
                    elements.append(try value(depth: depth + 1))
                    skipWhitespace()
                    if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                        advance()
                        continue
                    }
                    try expect(UInt8(ascii: "]"), "',' or ']'")
                    return .array(elements, start)
                }
            case UInt8(ascii: "\""):
                try string(keeping: false)
                return .scalar(start)
            case UInt8(ascii: "t"):
                try literal("true")
                return .scalar(start)
            case UInt8(ascii: "f"):
                try literal("false")
                return .scalar(start)
            case UInt8(ascii: "n"):
                try literal("null")
                return .scalar(start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
                return .scalar(start)
            default:
                throw error("expected a value (an object, list, string, number, true, false or null)")
            }
        }

        mutating func literal(_ word: String) throws(SyntaxError) {
            for byte in word.utf8 {
                guard index < bytes.count, bytes[index] == byte else { throw error("expected '\(word)'") }
                advance()
            }
        }

        mutating func number() throws(SyntaxError) {
            let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
            if bytes[index] == UInt8(ascii: "-") { advance() }
            guard index < bytes.count, digits.contains(bytes[index]) else { throw error("expected a digit") }
            while index < bytes.count, digits.contains(bytes[index]) { advance() }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                advance()
                guard index < bytes.count, digits.contains(bytes[index]) else { throw error("expected a digit after '.'") }
                while index < bytes.count, digits.contains(bytes[index]) { advance() }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                advance()
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { advance() }
                guard index < bytes.count, digits.contains(bytes[index]) else { throw error("expected a digit in the exponent") }
                while index < bytes.count, digits.contains(bytes[index]) { advance() }
            }
        }

        /// Reads a string at the opening quote; returns its value when `keeping`, checking it either way.
        ///
        /// Only keys are kept: a transcript's values are read by `JSONDecoder`, and building
        /// every string (the scenario and preparedness texts are most of a file) was a third
        /// of an import's time.
        @discardableResult
        mutating func string(keeping: Bool) throws(SyntaxError) -> String {
            advance()
            var value = ""
            var run = index
            func flush(_ scanner: Scanner) {
                // Runs end at ASCII bytes (a quote or a backslash), so decoding run by run
                // gives what decoding the whole string would.
                if keeping, run < scanner.index { value += String(decoding: scanner.bytes[run..<scanner.index], as: UTF8.self) }
            }
            while true {
                guard index < bytes.count else { throw error("a string is not closed; add the closing '\"'") }
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    flush(self)
                    advance()
                    return value
                case UInt8(ascii: "\\"):
                    flush(self)
                    advance()
                    guard index < bytes.count else { throw error("a string is not closed; add the closing '\"'") }
                    let escape = bytes[index]
                    advance()
                    var scalar: Unicode.Scalar
                    switch escape {
                    case UInt8(ascii: "\""): scalar = "\""
                    case UInt8(ascii: "\\"): scalar = "\\"
                    case UInt8(ascii: "/"): scalar = "/"
                    case UInt8(ascii: "b"): scalar = "\u{08}"
                    case UInt8(ascii: "f"): scalar = "\u{0C}"
                    case UInt8(ascii: "n"): scalar = "\n"
                    case UInt8(ascii: "r"): scalar = "\r"
                    case UInt8(ascii: "t"): scalar = "\t"
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count,
                           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                            advance()
                            advance()
                            let low = try hex4()
                            if (0xDC00...0xDFFF).contains(low) { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) }
                        }
                        scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    default:
                        throw error("'\\\(Character(Unicode.Scalar(escape)))' is not a JSON escape")
                    }
                    if keeping { value.unicodeScalars.append(scalar) }
                    run = index
                case 0x00..<0x20:
                    throw error("a control character inside a string must be escaped (\\n, \\t, \\u00XX)")
                default:
                    // Not a newline (control characters are refused above), so only the column moves.
                    index += 1
                    if byte & 0xC0 != 0x80 { column += 1 }
                }
            }
        }

        mutating func hex4() throws(SyntaxError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard index < bytes.count, let digit = Self.hexValue(bytes[index]) else { throw error("expected four hexadecimal digits after \\u") }
                value = value << 4 | digit
                advance()
            }
            return value
        }

        static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
    }
}
