/// HTML whose every interpolated `String` is escaped: only literals in drill's own code
/// become markup, so text from scenarios, teams and answers can never open a tag, end an
/// attribute or run a script. Nest `HTML` values to compose pages.
public struct HTML: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup.
    public private(set) var rendered: String

    /// Markup written in drill's own code.
    public init(stringLiteral value: String) { rendered = value }

    /// Markup with escaped text interpolated.
    public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.rendered }

    /// The markup.
    public var description: String { rendered }

    /// Builds markup: literals as written, `String`s escaped, `HTML` as is.
    public struct Interpolation: StringInterpolationProtocol {
        var rendered = ""

        /// Reserves room.
        public init(literalCapacity: Int, interpolationCount: Int) { rendered.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        /// Markup from drill's own code.
        public mutating func appendLiteral(_ literal: String) { rendered += literal }

        /// Text, escaped (and neutralised: control characters are shown, not passed on).
        public mutating func appendInterpolation(_ text: String) { rendered += HTML.escape(text) }

        /// Nested markup, as is.
        public mutating func appendInterpolation(_ html: HTML) { rendered += html.rendered }

        /// Several pieces of markup, one after the other.
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { rendered += part.rendered } }

        /// A whole number.
        public mutating func appendInterpolation(_ number: Int) { rendered += String(number) }

        /// A coordinate or measure: at most two decimals.
        public mutating func appendInterpolation(_ number: Double) { rendered += HTML.number(number) }
    }

    /// Text made safe for an element's content or a double-quoted attribute value.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.terminalSafe {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Prose with its `code spans` set as code; everything else escaped.
    public static func prose(_ text: String) -> HTML {
        var html = HTML("")
        for piece in CodeSpans.split(text) {
            html.rendered += piece.isCode ? "<code>\(escape(piece.text))</code>" : escape(piece.text)
        }
        return html
    }

    /// `12`, `12.5`, `12.25`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Joins markup.
    public static func join(_ parts: [HTML], separator: HTML = "") -> HTML {
        var html = HTML("")
        for (index, part) in parts.enumerated() {
            if index > 0 { html.rendered += separator.rendered }
            html.rendered += part.rendered
        }
        return html
    }
}

/// Markdown for people reading the file raw or rendered: untrusted text is kept readable, with
/// only what would change the document's structure escaped.
public enum Markdown {
    /// Text on one line, escaped for a paragraph or list item; `code spans` are kept.
    public static func inline(_ text: String) -> String {
        inline(text, inTable: false)
    }

    /// Text for a table cell: one line, with `|` escaped even inside code.
    public static func cell(_ text: String) -> String {
        let value = inline(text, inTable: true)
        return value.isEmpty ? " " : value
    }

    private static func inline(_ text: String, inTable: Bool) -> String {
        var result = ""
        for piece in CodeSpans.split(text.terminalSafeLine.trimmingCharacters(in: .whitespaces)) {
            if piece.isCode {
                let code = Markdown.code(piece.text)
                result += inTable ? code.replacingOccurrences(of: "|", with: "\\|") : code
            } else {
                result += escapeProse(piece.text)
            }
        }
        // A line that starts like a heading, list item, quote or rule would become one.
        if let first = result.first, "#-+=>".contains(first) { result = "\\" + result }
        if let dot = result.firstIndex(where: { !$0.isNumber }), dot != result.startIndex, ".)".contains(result[dot]) {
            result.insert("\\", at: dot)
        }
        return result
    }

    /// Text as inline code, whatever backticks it holds.
    public static func code(_ text: String) -> String {
        let line = text.terminalSafeLine
        var fence = "`"
        while line.contains(fence) { fence += "`" }
        let pad = line.hasPrefix("`") || line.hasSuffix("`") ? " " : ""
        return fence + pad + line + pad + fence
    }

    /// Text verbatim in a fenced block that no line of it can close.
    public static func codeBlock(_ text: String, language: String = "text") -> String {
        let body = text.terminalSafe.trimmingCharacters(in: .newlines)
        var fence = "```"
        while body.contains(fence) { fence += "`" }
        return "\(fence)\(language)\n\(body)\n\(fence)"
    }

    private static func escapeProse(_ text: String) -> String {
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "*", "[", "]", "<", ">", "|", "~":
                result += "\\" + String(character)
            case "_":
                // Inside a word (`svc_backup`), an underscore never starts emphasis.
                let before = index > 0 ? characters[index - 1] : " "
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                result += before.isLetter || before.isNumber ? (after.isLetter || after.isNumber ? "_" : "\\_") : "\\_"
            case "&":
                let after = index + 1 < characters.count ? characters[index + 1] : " "
                result += after.isLetter || after == "#" ? "\\&" : "&"
            default:
                result.append(character)
            }
        }
        return result
    }
}

/// Splits prose into plain text and `code spans`, as CommonMark pairs backtick runs.
enum CodeSpans {
    struct Piece {
        var text: String
        var isCode: Bool
    }

    static func split(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var plain = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == "`" else {
                plain.append(text[index])
                index = text.index(after: index)
                continue
            }
            let runEnd = text[index...].firstIndex { $0 != "`" } ?? text.endIndex
            let fence = text[index..<runEnd]
            if let close = text.range(of: String(fence), range: runEnd..<text.endIndex),
               close.upperBound == text.endIndex || text[close.upperBound] != "`", !text[runEnd..<close.lowerBound].isEmpty {
                if !plain.isEmpty { pieces.append(Piece(text: plain, isCode: false)) }
                plain = ""
                pieces.append(Piece(text: String(text[runEnd..<close.lowerBound]), isCode: true))
                index = close.upperBound
            } else {
                plain += fence
                index = runEnd
            }
        }
        if !plain.isEmpty { pieces.append(Piece(text: plain, isCode: false)) }
        return pieces
    }
}
