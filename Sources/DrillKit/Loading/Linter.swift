import Foundation
import Yams

/// Checks scenario and preparedness files without assessing anything, reporting every problem.
public enum Linter {
    /// What a linted file turned out to be.
    public enum FileKind: String, Sendable {
        case scenario, preparedness
    }

    /// The result of linting one file.
    public struct Result: Sendable {
        /// The path as shown.
        public var path: String
        /// What the file is, when it could be told.
        public var kind: FileKind?
        /// Its problems, errors and warnings; empty when it is valid and nothing is suspicious.
        public var diagnostics: [Diagnostic]

        /// The problems that make the file invalid.
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        /// The problems that leave it valid but deserve a look.
        public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    }

    /// Lints one file. A file with a top-level `team` key is a preparedness file; any other is a
    /// scenario. With `today`, a preparedness record dated after it is an error. A file found in a scenario folder (`inScenarioFolder`) must be a scenario, as
    /// `check` and `run` read that folder: a preparedness file there is refused by all three.
    public static func lint(fileAt url: URL, displayPath: String, budget: InputBudget = .init(), today: CalendarDate? = nil,
                            inScenarioFolder: Bool = false) -> Result {
        do {
            let node = try YAMLReader.compose(fileAt: url, displayPath: displayPath, budget: budget)
            if !inScenarioFolder, case let .mapping(mapping) = node, mapping["team"] != nil {
                _ = try PreparednessProfile.decode(node, path: displayPath, datesNotAfter: today)
                return Result(path: displayPath, kind: .preparedness, diagnostics: [])
            }
            let scenario = try Scenario.decode(node, path: displayPath)
            return Result(path: displayPath, kind: .scenario,
                          diagnostics: placeholderProblems(in: node, path: displayPath) + warnings(scenario, node: node, path: displayPath))
        } catch {
            return Result(path: displayPath, kind: nil, diagnostics: error.diagnostics)
        }
    }
}

extension Linter {
    /// Placeholders in consequences that name nothing the finding can fill (`{retention}` is not one).
    static func placeholderProblems(in root: Node, path: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let allowed = Consequence.placeholders.map { "{\($0)}" }.joined(separator: ", ")
        for inject in root["injects"]?.sequence ?? [] {
            for consequence in inject["consequences"]?.sequence ?? [] {
                guard let narrative = consequence["narrative"], let text = narrative.string else { continue }
                for name in Consequence.placeholderNames(in: text) where !Consequence.placeholders.contains(name) {
                    problems.append(Diagnostic(path: path, line: narrative.mark?.line, column: narrative.mark?.column,
                                               message: "placeholder {\(name)} names nothing; a consequence may use \(allowed)"))
                }
            }
        }
        return problems
    }

    /// What is valid in a scenario but weakens the drill: deadlines that no decision can move
    /// (no option with a `cost`, no prompt with a `costIfIncorrect` on any path, no deadline the
    /// story `completes`), so a team
    /// that waits meets them as surely as one that acts.
    static func warnings(_ scenario: Scenario, node: Node, path: String) -> [Diagnostic] {
        guard !scenario.deadlines.isEmpty else { return [] }
        let reachable = Set(ScenarioGraph(scenario).nodes.filter(\.reachable).map(\.id))
        let prompts = scenario.injects.filter { reachable.contains($0.id) }.flatMap(\.prompts)
        let costly = prompts.contains { prompt in
            switch prompt.kind {
            case let .singleChoice(options), let .multipleChoice(options):
                options.contains { ($0.cost ?? .zero) > .zero }
            default:
                (prompt.costIfIncorrect ?? .zero) > .zero
            }
        }
        guard !costly, scenario.deadlinesDoneOnPath.isEmpty else { return [] }
        var mark: Mark?
        if case let .mapping(mapping) = node { mark = mapping.keys.first { $0.string == "deadlines" }?.mark }
        let message = "no decision can move the deadlines: give a slow or wrong option a cost (e.g. cost: 6h) or a prompt a costIfIncorrect, so that the team's choices decide whether they are met"
        return [Diagnostic(path: path, line: mark?.line, column: mark?.column, severity: .warning, message: message)]
    }

    /// Lints files on every core, a few at a time, and hands each result to `body` in the
    /// order of `files`, on the calling thread: the same results as linting them one by one.
    public static func lint(files: [(url: URL, displayPath: String)], budget: InputBudget = .init(),
                            today: CalendarDate? = nil, inScenarioFolder: Set<String> = [], _ body: (Result) -> Void) {
        InOrderWork.run(count: files.count, work: { index in
            lint(fileAt: files[index].url, displayPath: files[index].displayPath, budget: budget, today: today,
                 inScenarioFolder: inScenarioFolder.contains(files[index].displayPath))
        }, deliver: { _, result in body(result) })
    }
}
