extension String {
    /// The text with everything that could steer a terminal made visible instead: C0 and C1
    /// controls (ESC, CSI, OSC, CR, BEL, …), DEL, and the invisible bidirectional
    /// overrides that can reorder what a reader sees. Newlines and tabs are kept.
    ///
    /// Untrusted text (scenario content, team data, answers) is stored byte for byte and
    /// passed through this only on its way to a screen.
    public var terminalSafe: String {
        // Most text has nothing to show differently; building a copy scalar by scalar was a
        // tenth of printing a check (BENCHMARKS.md).
        guard unicodeScalars.contains(where: { Self.isSteering($0) }) else { return self }
        var result = ""
        result.unicodeScalars.reserveCapacity(unicodeScalars.count)
        for scalar in unicodeScalars {
            if Self.isSteering(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text on one line: like `terminalSafe`, with newlines and tabs shown as spaces.
    public var terminalSafeLine: String {
        // A newline or tab is always a character of its own, so replacing scalars is the same
        // as replacing characters.
        let safe = terminalSafe
        guard safe.utf8.contains(where: { $0 == 0x0A || $0 == 0x09 }) else { return safe }
        var result = ""
        result.unicodeScalars.reserveCapacity(safe.unicodeScalars.count)
        for scalar in safe.unicodeScalars {
            result.unicodeScalars.append(scalar == "\n" || scalar == "\t" ? " " : scalar)
        }
        return result
    }

    /// Whether a scalar could steer a terminal (everything `terminalSafe` escapes).
    static func isSteering(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
