/// An exercise objective, in the words of an after-action report, and what measures it: the
/// prompts, needs and deadlines of the scenario whose outcome says whether the team achieved it.
///
/// A scenario may write an objective as plain text (`- Reach the partner within the hour.`),
/// which stays valid and is reported as not measured, or as `{ text: …, measuredBy: [ids] }`.
public struct Objective: Codable, Hashable, Sendable {
    /// The objective.
    public var text: String
    /// Ids of the prompts, needs and deadlines that measure it, in the order written; empty when not measured.
    public var measuredBy: [String]

    /// Creates an objective.
    public init(_ text: String, measuredBy: [String] = []) {
        self.text = text
        self.measuredBy = measuredBy
    }

    /// Whether anything measures it.
    public var isMeasured: Bool { !measuredBy.isEmpty }
}
