import Foundation
import Yams

/// Answers written in advance for a scripted drill (`drill run --answers FILE`): a mapping
/// from prompt id to the answer, as a player would type it.
///
/// ```yaml
/// first-step: rotate        # an option id or its number
/// who-next: 2               # a contact's number
/// steps: [isolate, notify]  # several options
/// notice: We tell customers what happened and what to do.
/// ```
public struct AnswerScript: Sendable {
    /// One scripted answer and where it was written.
    public struct Entry: Sendable, Hashable {
        /// The answer as typed.
        public var answer: String
        /// Who answers, when the script says (`answer: …`, `by: …`).
        public var actor: String?
        /// Where it is written, for diagnostics.
        public var line: Int?
        /// Where it is written, for diagnostics.
        public var column: Int?
    }

    /// The file, as named.
    public var path: String
    /// Answers by prompt id.
    public var entries: [String: Entry]

    /// Loads a script, reporting every problem at once.
    public static func load(fileAt url: URL, displayPath: String, budget: InputBudget = .init()) throws(LoadFailure) -> AnswerScript {
        let node = try YAMLReader.compose(fileAt: url, displayPath: displayPath, budget: budget)
        let reader = YAMLReader(path: displayPath)
        guard case let .mapping(mapping) = node else {
            throw .invalid([Diagnostic(path: displayPath, line: node.mark?.line, column: node.mark?.column,
                                       message: "an answers file is a mapping from prompt id to answer, e.g. 'first-step: 2'")])
        }
        var entries: [String: Entry] = [:]
        for (key, value) in mapping {
            guard let id = reader.identifier(key, "prompt id") else { continue }
            var actor: String?
            var answerNode = value
            if case .mapping = value, let fields = reader.fields(value, "an answer", allowed: ["answer", "by"]) {
                actor = fields["by"].flatMap { reader.text($0, "by") }
                guard let node = fields.required("answer") else { continue }
                answerNode = node
            }
            let answer: String?
            switch answerNode {
            case let .sequence(items):
                let parts = items.compactMap { reader.string($0, "an answer") }
                answer = parts.count == items.count ? parts.joined(separator: ",") : nil
            default:
                answer = reader.string(answerNode, "the answer to '\(id)'")
            }
            guard let answer else { continue }
            entries[id] = Entry(answer: answer, actor: actor, line: answerNode.mark?.line, column: answerNode.mark?.column)
        }
        guard reader.diagnostics.isEmpty else { throw .invalid(reader.diagnostics) }
        return AnswerScript(path: displayPath, entries: entries)
    }

    /// A diagnostic pointing at a scripted answer.
    public func diagnostic(for promptID: String, _ message: String) -> Diagnostic {
        let entry = entries[promptID]
        return Diagnostic(path: path, line: entry?.line, column: entry?.column, message: message)
    }
}
