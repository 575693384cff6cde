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
    /// (no option with a `cost`, no prompt with a `costIfIncorrect` on any path, no deadline whose
    /// `completes` the path decides, ``deadlinesDecidedByPath(_:graph:)``), so a team that waits
    /// meets them as surely as one that acts.
    static func warnings(_ scenario: Scenario, node: Node, path: String) -> [Diagnostic] {
        guard !scenario.deadlines.isEmpty else { return [] }
        let graph = ScenarioGraph(scenario)
        let reachable = graph.reachableIDs
        let prompts = scenario.injects.filter { reachable.contains($0.id) }.flatMap(\.prompts)
        let costly = prompts.contains { prompt in
            prompt.kind.choices.map { $0.contains { ($0.cost ?? .zero) > .zero } } ?? ((prompt.costIfIncorrect ?? .zero) > .zero)
        }
        // A cost moves every deadline; a `completes` the path decides moves only its own.
        let decided = deadlinesDecidedByPath(scenario, graph: graph)
        let fixed = scenario.deadlines.map(\.id).filter { !decided.contains($0) }
        guard !costly, !fixed.isEmpty else { return [] }
        var mark: Mark?
        if case let .mapping(mapping) = node { mark = mapping.keys.first { $0.string == "deadlines" }?.mark }
        let message = fixed.count == scenario.deadlines.count
            ? "no decision can move the deadlines: give a slow or wrong option a cost (e.g. cost: 6h) or a prompt a costIfIncorrect, so that the team's choices decide whether they are met"
            : "no decision can move deadline\(fixed.count == 1 ? "" : "s") \(fixed.map { "'\($0)'" }.joined(separator: ", ")): give a slow or wrong option a cost (e.g. cost: 6h), or let a choice complete \(fixed.count == 1 ? "it" : "them") (completes:), so that the team's choices decide whether \(fixed.count == 1 ? "it is" : "they are") met"
        return [Diagnostic(path: path, line: mark?.line, column: mark?.column, severity: .warning, message: message)]
    }

    /// Deadlines whose work some plays set about and others do not (or set about at another
    /// time): one a prompt completes that can be answered wrong, one some options of a prompt
    /// complete and others not, one an inject completes that only some paths reach. A
    /// `completes` every play reaches alike (an inject every path passes, an option every
    /// choice shares, a free-text prompt) decides nothing.
    static func deadlinesDecidedByPath(_ scenario: Scenario, graph: ScenarioGraph) -> Set<String> {
        let reachable = graph.reachableIDs
        var decided = Set<String>()
        for inject in scenario.injects where reachable.contains(inject.id) {
            if graph.isOnSomePathsOnly(inject.id) {
                // Whatever completes a deadline here, a play that never comes here does not.
                decided.formUnion(inject.completes)
                for prompt in inject.prompts {
                    decided.formUnion(prompt.completes + (prompt.kind.choices ?? []).flatMap(\.completes))
                }
                continue
            }
            for prompt in inject.prompts {
                switch prompt.kind {
                case let .singleChoice(options):
                    // One option: the deadline's work starts when it completes it, or the prompt does and the option is right.
                    let ids = Set(prompt.completes + options.flatMap(\.completes))
                    for id in ids {
                        let starts = options.map { $0.completes.contains(id) || (prompt.completes.contains(id) && $0.correct) }
                        if starts.contains(true) && starts.contains(false) { decided.insert(id) }
                    }
                case let .multipleChoice(options):
                    let expected = options.filter(\.correct)
                    for id in Set(prompt.completes + options.flatMap(\.completes)) {
                        // Some choice starts it (an option that completes it, or the exact answer when the prompt does);
                        // some choice does not (one option that neither completes it nor is on its own the exact answer).
                        let someStart = options.contains { $0.completes.contains(id) } || (prompt.completes.contains(id) && !expected.isEmpty)
                        let someNot = options.contains { option in
                            !option.completes.contains(id) && !(prompt.completes.contains(id) && option.correct && expected.count == 1)
                        }
                        if someStart && someNot { decided.insert(id) }
                    }
                case .freeText:
                    // Never wrong: every answer sets about the work.
                    break
                case .pickContact, .yesNo, .estimate:
                    // A wrong answer does not set about the work.
                    decided.formUnion(prompt.completes)
                }
            }
        }
        return decided
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
