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

    /// The narrative with its placeholders filled from the finding; a value the finding does
    /// not have reads as what the team has not got ("no record on file").
    public func narrative(filledFrom finding: Finding) -> String {
        guard narrative.contains("{") else { return narrative }
        var text = narrative
        for name in Self.placeholders where text.contains("{\(name)}") {
            let value: String = switch name {
            case "used": finding.basis.used.isEmpty ? "no record on file" : Assessor.list(finding.basis.used)
            case "delay": finding.delay > .zero ? finding.delay.spoken : "nothing"
            case "lost": finding.evidenceLoss > .zero ? finding.evidenceLoss.spoken : "nothing"
            case "estimate": finding.basis.estimateHours.map { TimeSpan(hours: $0).spoken } ?? "an unknown time (no restore was ever timed)"
            case "keptIn": finding.basis.keptIn.isEmpty ? "a place the records do not name" : Assessor.list(finding.basis.keptIn)
            default: finding.reason
            }
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }
}
