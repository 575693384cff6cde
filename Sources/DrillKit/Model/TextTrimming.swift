extension StringProtocol {
    /// The text without leading and trailing spaces and tabs: what `trimmingCharacters(in: .whitespaces)`
    /// gives, without bridging to `NSString` (durations, dates and hours are parsed by the
    /// hundred on the way to a drill's first prompt, and the bridge was most of their cost).
    public var trimmingSpaces: SubSequence {
        let isSpace = { (character: Character) in character.isWhitespace && !character.isNewline }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
