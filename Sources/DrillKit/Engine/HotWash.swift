/// The lessons-learned questions asked after a drill, each with the id its answers are stored
/// under (an event of kind `hotWash` whose `promptID` is the question's id).
public enum HotWash {
    /// The questions, in the order they are asked.
    public static let questions: [(id: String, question: String)] = [
        ("went-well", "What went well?"),
        ("to-improve", "What should we improve?"),
        ("surprised-us", "What surprised us?"),
    ]

    /// The question asked under an id, or the id itself for one drill does not know.
    public static func question(for id: String?) -> String {
        questions.first { $0.id == id }?.question ?? id ?? ""
    }
}
