/// Why an answer was not accepted. The drill does not advance; the terminal re-prompts with the message.
public struct AnswerRejection: Error, Hashable, Sendable {
    /// One sentence: what is wrong and what would be accepted.
    public var message: String

    /// Creates a rejection.
    public init(_ message: String) { self.message = message }

    /// Longest answer accepted, in characters.
    public static let maxLength = 2_000
}
