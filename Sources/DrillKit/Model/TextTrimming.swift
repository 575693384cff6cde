extension StringProtocol {
    /// The text without leading and trailing spaces and tabs: what `trimmingCharacters(in: .whitespaces)`
    /// gives, without bridging to `NSString` (durations, dates and hours are parsed by the
    /// hundred on the way to a drill's first prompt, and the bridge was most of their cost).
    public var trimmingSpaces: SubSequence { trimming { $0.isWhitespace && !$0.isNewline } }

    /// The text without leading and trailing white space, line breaks included: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives, without the bridge.
    public var trimmingWhitespace: SubSequence { trimming(\.isWhitespace) }

    /// The text without the characters at either end for which `isTrimmed` holds.
    private func trimming(_ isTrimmed: (Character) -> Bool) -> SubSequence {
        guard let first = firstIndex(where: { !isTrimmed($0) }), let last = lastIndex(where: { !isTrimmed($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
