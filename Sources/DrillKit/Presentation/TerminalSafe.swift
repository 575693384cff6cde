extension String {
    /// The text with everything that could steer a terminal made visible instead: C0 and C1
    /// controls (ESC, CSI, OSC, CR, BEL, …), DEL, and the invisible bidirectional
    /// overrides that can reorder what a reader sees. Newlines and tabs are kept.
    ///
    /// Untrusted text (scenario content, team data, answers) is stored byte for byte and
    /// passed through this only on its way to a screen.
    public var terminalSafe: String {
        var result = ""
        result.unicodeScalars.reserveCapacity(unicodeScalars.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09:
                result.unicodeScalars.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The text on one line: like `terminalSafe`, with newlines and tabs shown as spaces.
    public var terminalSafeLine: String {
        String(terminalSafe.map { $0 == "\n" || $0 == "\t" ? " " : $0 })
    }
}
