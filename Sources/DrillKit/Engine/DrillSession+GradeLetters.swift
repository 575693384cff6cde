import Foundation

extension DrillSession.Grade {
    /// The letters a facilitator types for a grade: `m` met, `p` partly, `x` missed.
    public static let letters: [String: DrillSession.Grade] = ["m": .met, "p": .partly, "x": .missed]

    /// A grade as a facilitator types it: a letter (`m`, `p` or `x`, in either case), then an
    /// optional comment. `nil` when the line does not start with one of the letters.
    public static func typed(_ line: String) -> (grade: DrillSession.Grade, comment: String)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, let grade = letters[first.lowercased()] else { return nil }
        return (grade, trimmed.dropFirst().trimmingCharacters(in: .whitespaces))
    }
}
