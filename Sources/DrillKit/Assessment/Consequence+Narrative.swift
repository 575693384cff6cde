extension Consequence {
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
