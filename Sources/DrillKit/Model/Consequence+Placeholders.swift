extension Consequence {
    /// The placeholders a consequence may use, each filled from the team's own finding for the
    /// need, so that the story never contradicts the records: `{used}` the contact, log sources
    /// or backup that served the need, `{delay}` the time the gap costs, `{lost}` the history
    /// that is gone, `{estimate}` a restore at the incident's scale, `{keptIn}` where the
    /// records live, `{reason}` the finding's reason in full.
    public static let placeholders = ["used", "delay", "lost", "estimate", "keptIn", "reason"]

    /// The names in `{word}` in a text, in order: only letters count, so other braces (a JSON
    /// snippet in a story) are text. Lint checks them against `placeholders`; loading does not,
    /// so a stored scenario that used braces before placeholders existed loads as it did.
    public static func placeholderNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty, name.count <= 32, name.allSatisfy({ $0.isASCII && $0.isLetter }) { names.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
