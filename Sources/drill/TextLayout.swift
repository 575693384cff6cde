import Foundation

/// Text laid out for a terminal: widths in display cells (a CJK character or an emoji takes
/// two, a combining mark none, a styling escape sequence none), word wrapping that never
/// breaks a word that fits on a line, and cutting that says so with `…`.
enum TextLayout {
    /// The narrowest and widest lines drill lays text out for: narrower is unreadable, wider
    /// lines are hard to follow on a shared screen.
    static let readableWidths = 40...120

    /// The width to lay out for: the terminal's (`TIOCGWINSZ` on `descriptor`), else
    /// `$COLUMNS`, else 80, within `readableWidths`.
    static func width(descriptor: Int32, environment: [String: String] = ProcessEnvironment.values) -> Int {
        var size = winsize()
        let columns: Int
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            columns = Int(size.ws_col)
        } else if let text = environment["COLUMNS"], let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0 {
            columns = value
        } else {
            columns = 80
        }
        return min(max(columns, readableWidths.lowerBound), readableWidths.upperBound)
    }

    /// The cells `text` takes on screen, not counting escape sequences.
    static func cells(_ text: some StringProtocol) -> Int {
        // Most text is ASCII without escapes: one cell a byte.
        var plain = true, bytes = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte >= 0x7F {
                plain = false
                break
            }
            bytes += 1
        }
        if plain { return bytes }
        var width = 0, inEscape = false, joined = false
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if inEscape {
                if ("@"..."~").contains(scalar) && scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            if scalar == "\u{200D}" {
                // An emoji joined to the one before it draws as one.
                joined = true
                continue
            }
            if joined {
                joined = false
                continue
            }
            if scalar == "\u{FE0F}", let previous, previous.properties.isEmoji, cells(of: previous) == 1 {
                // Emoji presentation turns a narrow symbol (❤) into a wide picture.
                width += 1
                continue
            }
            width += cells(of: scalar)
        }
        return width
    }

    /// The cells one scalar takes on its own.
    static func cells(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 0 : 1 }
        if value < 0xA0 { return 0 }
        // Latin, punctuation, arrows and box drawing, the usual non-ASCII in drill's own text:
        // one cell, without a look-up in the Unicode tables.
        if value < 0x300 || (0x2010...0x2027).contains(value) || (0x2190...0x21FF).contains(value) || (0x2500...0x257F).contains(value) {
            return value == 0xAD ? 0 : 1
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) || (0xFE00...0xFE0F).contains(value) || (0xE0100...0xE01EF).contains(value) { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        for range in wideRanges where range.contains(value) { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth.txt, W and F, by block).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
        0x1F200...0x1F2FF, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// `text` cut to at most `width` cells, ending with `…` when anything was cut.
    static func truncated(_ text: String, width: Int) -> String {
        guard cells(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var result = "", used = 0
        for character in text {
            let size = cells(String(character))
            if used + size > width - 1 { break }
            result.append(character)
            used += size
        }
        return result + "…"
    }

    /// Greedy word wrap to `width` cells. A word wider than a line is split across lines (a long
    /// URL or hash keeps every character); no other word is ever broken.
    ///
    /// Line lengths are counted as they grow rather than recounted for every word, and units
    /// are told without Foundation's trimming (which bridged every word through NSString):
    /// wrapping was most of the time of printing a check (BENCHMARKS.md).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        // Keep a number with its unit ("24 h", "3 days") on one line.
        var words: [String] = []
        // In ASCII text every space is a character of its own, so splitting bytes is splitting characters.
        let pieces = text.utf8.allSatisfy { $0 < 0x80 }
            ? text.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
            : text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        for word in pieces {
            if let previous = words.last, previous.last?.isNumber == true, units.contains(trimmingUnitPunctuation(word)) {
                words[words.count - 1] = previous + " " + word
            } else {
                words.append(word)
            }
        }
        let limit = max(10, width)
        var current = "", length = 0
        for var word in words {
            var wordLength = cells(word)
            if wordLength > limit && !word.contains(" ") {
                // Too wide for any line: fill the line in progress, then whole lines of it.
                if !current.isEmpty && length + 1 < limit {
                    let (head, rest) = split(word, cells: limit - length - 1)
                    lines.append(current + " " + head)
                    (current, length) = ("", 0)
                    word = rest
                } else if !current.isEmpty {
                    lines.append(current)
                    (current, length) = ("", 0)
                }
                while cells(word) > limit {
                    let (head, rest) = split(word, cells: limit)
                    lines.append(head)
                    word = rest
                }
                wordLength = cells(word)
            }
            if current.isEmpty {
                current = word
                length = wordLength
            } else if length + 1 + wordLength <= limit {
                current += " " + word
                length += 1 + wordLength
            } else {
                lines.append(current)
                current = word
                length = wordLength
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// `text` cut into pieces of at most `width` cells, keeping every character and space: for
    /// text whose spacing means something (a log line's columns).
    static func hardWrap(_ text: String, width: Int) -> [String] {
        var pieces: [String] = [], rest = text
        while cells(rest) > max(1, width) {
            let (head, tail) = split(rest, cells: max(1, width))
            pieces.append(head)
            rest = tail
        }
        return pieces + [rest]
    }

    /// The first characters of `word` that fit in `cells` (at least one), and the rest.
    private static func split(_ word: String, cells limit: Int) -> (String, String) {
        var head = "", used = 0
        var index = word.startIndex
        while index < word.endIndex {
            let size = cells(String(word[index]))
            if used + size > limit && !head.isEmpty { break }
            head.append(word[index])
            used += size
            index = word.index(after: index)
        }
        return (head, String(word[index...]))
    }

    private static let units: Set<String> = ["h", "min", "day", "days", "month", "months", "year", "years"]

    /// The word without the punctuation that may follow a unit (`;,.)`) at either end.
    private static func trimmingUnitPunctuation(_ word: String) -> String {
        func isPunctuation(_ scalar: Unicode.Scalar) -> Bool { scalar == ";" || scalar == "," || scalar == "." || scalar == ")" }
        var scalars = Substring(word).unicodeScalars
        while let first = scalars.first, isPunctuation(first) { scalars.removeFirst() }
        while let last = scalars.last, isPunctuation(last) { scalars.removeLast() }
        return String(scalars)
    }

    /// Lines of `text` wrapped to `width` cells: the first after `first` (default `indent`),
    /// the others after `indent`.
    static func wrap(_ text: String, width: Int, indent: String, first: String? = nil) -> [String] {
        let lead = first ?? indent
        let room = width - max(cells(indent), cells(lead))
        return wrap(text, width: room).enumerated().map { ($0 == 0 ? lead : indent) + $1 }
    }

    /// Every line of `text` that is wider than `width` wrapped, its continuation lines indented
    /// two cells past its own indentation; lines that fit are left exactly as they are.
    static func fitted(_ text: String, width: Int) -> String {
        // A cell takes at least one byte: text no longer than the width in bytes fits.
        guard text.utf8.count > width else { return text }
        var lines: [String] = []
        // Split on the newline's byte: splitting the String walks its characters (grapheme
        // breaking), which took a trends report longer than everything else it printed.
        for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = Substring(bytes)
            guard cells(line) > width else {
                lines.append(String(line))
                continue
            }
            let leading = line.prefix { $0 == " " }.count
            let lead = String(repeating: " ", count: leading)
            let indent = String(repeating: " ", count: min(leading + 2, max(0, width - 20)))
            lines += wrap(String(line.dropFirst(leading)), width: width, indent: indent, first: lead)
        }
        return lines.joined(separator: "\n")
    }

    /// `text` padded with spaces to `width` cells.
    static func padded(_ text: String, to width: Int) -> String {
        let size = cells(text)
        return size >= width ? text : text + String(repeating: " ", count: width - size)
    }
}
