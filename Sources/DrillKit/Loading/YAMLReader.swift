import Foundation
import Yams

/// Limits that keep a hostile or broken file from costing unbounded time or memory.
public struct InputBudget: Sendable {
    /// Largest file accepted, in bytes.
    public var maxBytes = 1 << 20
    /// Most YAML nodes (after alias expansion) accepted.
    public var maxNodes = 100_000
    /// Deepest nesting accepted.
    public var maxDepth = 64

    /// The defaults: 1 MiB, 100,000 nodes, 64 levels.
    public init() {}
}

/// Reads a YAML file into a tree of nodes, with every problem reported as a `Diagnostic`
/// that names the line and column. One reader per file.
final class YAMLReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    // MARK: Reading the file

    /// Reads and composes a file: size cap, UTF-8, a BOM dropped, YAML syntax, node and depth budget.
    static func compose(fileAt url: URL, displayPath: String, budget: InputBudget) throws(LoadFailure) -> Node {
        try compose(text: InputFile.readText(at: url, displayPath: displayPath, budget: budget), displayPath: displayPath, budget: budget)
    }

    /// No implicit tags are resolved: values are read from their text (`scalar.string`), and
    /// `Bool.construct` looks only at the tag the parser gave (a quoted `"true"` is a string,
    /// a plain `true` is not), never at a resolved one. Yams resolves the tag of every mapping
    /// key when it checks for duplicates, with one regular expression per rule: the default
    /// seven rules were half the time of loading a scenario, and the one boolean rule kept
    /// after that was still a sixth of composing (BENCHMARKS.md: lint and check). Keys are
    /// compared as text, as drill reads them: `yes` and `"yes"` in one mapping are a duplicate.
    static let resolver = Resolver.basic

    /// Composes YAML text: size cap, YAML syntax, node and depth budget.
    static func compose(text: String, displayPath: String, budget: InputBudget) throws(LoadFailure) -> Node {
        func fail(_ message: String, line: Int? = nil, column: Int? = nil) -> LoadFailure {
            .invalid([Diagnostic(path: displayPath, line: line, column: column, message: message)])
        }
        guard text.utf8.count <= budget.maxBytes else { throw InputFile.tooLarge(displayPath, budget) }
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if let (line, column) = Self.excessiveFlowNesting(in: text, limit: budget.maxDepth) {
            throw fail("nesting deeper than \(budget.maxDepth) levels", line: line, column: column)
        }
        let node: Node?
        do {
            // The encoding named, not `.default`: that one reads the whole environment per file.
            node = try Yams.compose(yaml: text, Self.resolver, .default, .utf8)
        } catch let error as YamlError {
            throw .invalid([Self.diagnostic(for: error, path: displayPath)])
        } catch {
            throw fail("cannot parse YAML: \(error)")
        }
        guard let node else { throw fail("file is empty; expected a mapping of keys", line: 1, column: 1) }
        if let problem = Self.checkBudget(node, budget: budget) {
            throw .invalid([Diagnostic(path: displayPath, line: problem.mark?.line, column: problem.mark?.column, message: problem.message)])
        }
        return node
    }

    private static func diagnostic(for error: YamlError, path: String) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text) " } ?? ""
            return Diagnostic(path: path, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return Diagnostic(path: path, line: context.mark.line, column: context.mark.column,
                              message: "duplicate key \(keys) in one mapping; keep one")
        case let .reader(problem, _, _, _):
            return Diagnostic(path: path, message: "cannot read YAML: \(problem)")
        default:
            return Diagnostic(path: path, message: "cannot parse YAML: \(error)")
        }
    }

    /// Composing recurses once per level of nesting, so refuse deep nesting before composing:
    /// flow brackets (`[[[[…`) and lines indented past any sane depth (`- - - - …`).
    ///
    /// Walks UTF-8 bytes (every character it looks for is ASCII); columns count characters
    /// (Unicode scalars), so continuation bytes are skipped.
    private static func excessiveFlowNesting(in text: String, limit: Int) -> (Int, Int)? {
        var text = text
        return text.withUTF8 { excessiveFlowNesting(in: $0, limit: limit) }
    }

    private static func excessiveFlowNesting(in bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> (Int, Int)? {
        var depth = 0, line = 1, column = 0, indentation = 0, atLineStart = true
        for byte in bytes where byte & 0xC0 != 0x80 {
            column += 1
            if atLineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                    indentation += 1
                    if indentation > 8 * limit { return (line, column) }
                } else {
                    atLineStart = false
                }
            }
            switch byte {
            case UInt8(ascii: "\n"): line += 1; column = 0; indentation = 0; atLineStart = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; if depth > limit { return (line, column) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// Counts nodes (aliases expanded) and depth without recursion, stopping at the budget.
    private static func checkBudget(_ root: Node, budget: InputBudget) -> (mark: Mark?, message: String)? {
        var stack: [(Node, Int)] = [(root, 1)]
        var count = 0
        while let (node, depth) = stack.popLast() {
            count += 1
            if count > budget.maxNodes {
                return (node.mark, "more than \(budget.maxNodes) YAML nodes (aliases count each time they are used); the file is too large or an alias expands without bound")
            }
            if depth > budget.maxDepth {
                return (node.mark, "nesting deeper than \(budget.maxDepth) levels")
            }
            switch node {
            case let .mapping(mapping):
                for (key, value) in mapping { stack.append((key, depth + 1)); stack.append((value, depth + 1)) }
            case let .sequence(sequence):
                for item in sequence { stack.append((item, depth + 1)) }
            case .scalar, .alias:
                break
            }
        }
        return nil
    }

    // MARK: Reporting

    func error(_ message: String, at node: Node?) {
        diagnostics.append(Diagnostic(path: path, line: node?.mark?.line, column: node?.mark?.column, message: message))
    }

    func error(_ message: String, at mark: Mark?) {
        diagnostics.append(Diagnostic(path: path, line: mark?.line, column: mark?.column, message: message))
    }

    // MARK: Typed values

    /// A mapping's fields, with unknown keys reported against `allowed`.
    func fields(_ node: Node, _ what: String, allowed: [String]) -> Fields? {
        guard case let .mapping(mapping) = node else {
            error("\(what) must be a mapping of keys, found \(Self.describe(node))", at: node)
            return nil
        }
        var entries: [Fields.Entry] = []
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else {
                error("keys in \(what) must be plain words", at: key)
                continue
            }
            if !allowed.contains(scalar.string) {
                let suggestion = Self.closest(to: scalar.string, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                error("unknown key '\(scalar.string)' in \(what)\(suggestion)", at: key)
                continue
            }
            entries.append(Fields.Entry(key: scalar.string, keyNode: key, value: value))
        }
        return Fields(reader: self, node: node, what: what, entries: entries)
    }

    func string(_ node: Node, _ what: String) -> String? {
        guard case let .scalar(scalar) = node else {
            error("\(what) must be text, found \(Self.describe(node))", at: node)
            return nil
        }
        return scalar.string
    }

    /// Non-empty text.
    func text(_ node: Node, _ what: String) -> String? {
        guard let value = string(node, what) else { return nil }
        // Stops at the first visible character; trimming bridged the whole text through NSString.
        guard value.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else {
            error("\(what) must not be empty", at: node)
            return nil
        }
        return value
    }

    func identifier(_ node: Node, _ what: String) -> String? {
        guard let value = string(node, what) else { return nil }
        let valid = !value.isEmpty && value.count <= 64 && value != "end"
            && value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && value.first != "-"
        guard valid else {
            error("\(what) '\(value)' must be lower-case letters, digits and '-' (and not 'end')", at: node)
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard case let .scalar(scalar) = node, let value = Bool.construct(from: scalar) else {
            error("\(what) must be true or false, found \(Self.describe(node))", at: node)
            return nil
        }
        return value
    }

    func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard case let .scalar(scalar) = node, let value = Int(scalar.string), range.contains(value) else {
            error("\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(Self.describe(node))", at: node)
            return nil
        }
        return value
    }

    func number(_ node: Node, _ what: String) -> Double? {
        guard case let .scalar(scalar) = node, let value = Double(scalar.string), value.isFinite else {
            error("\(what) must be a number, found \(Self.describe(node))", at: node)
            return nil
        }
        return value
    }

    func span(_ node: Node, _ what: String) -> TimeSpan? {
        guard let value = string(node, what) else { return nil }
        guard let span = TimeSpan(parsing: value), !value.hasPrefix("+") else {
            error("\(what) '\(value)' is not a duration; write a number and a unit such as 45min, 48h, 30d, 12mo or 2y (at most 100y)", at: node)
            return nil
        }
        return span
    }

    func offset(_ node: Node, _ what: String) -> TimeSpan? {
        guard let value = string(node, what) else { return nil }
        guard let span = TimeSpan(parsing: value) else {
            error("\(what) '\(value)' is not an offset; write a time after discovery such as +0h, +2h or +1d", at: node)
            return nil
        }
        return span
    }

    func date(_ node: Node, _ what: String) -> CalendarDate? {
        guard let value = string(node, what) else { return nil }
        guard let date = CalendarDate(parsing: value) else {
            error("\(what) '\(value)' is not a date; write YYYY-MM-DD, e.g. 2026-09-15", at: node)
            return nil
        }
        return date
    }

    func word<Value: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, as _: Value.Type) -> Value? where Value.RawValue == String {
        guard let value = string(node, what) else { return nil }
        guard let result = Value(rawValue: value) else {
            let choices = Value.allCases.map(\.rawValue).joined(separator: ", ")
            error("\(what) '\(value)' is not one of: \(choices)", at: node)
            return nil
        }
        return result
    }

    /// `keyword` (`never`, `unlimited`, `continuous`, `onset`) as a present-but-empty value; anything else parsed.
    func value<Value>(_ node: Node, orKeyword keyword: String, _ parse: (Node) -> Value?) -> Value?? {
        if case let .scalar(scalar) = node, scalar.string == keyword { return .some(.none) }
        guard let value = parse(node) else { return .none }
        return .some(value)
    }

    func list(_ node: Node, _ what: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            error("\(what) must be a list, found \(Self.describe(node))", at: node)
            return nil
        }
        return Array(sequence)
    }

    /// A single word or a list of words.
    func words<Value: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, as type: Value.Type) -> [Value]? where Value.RawValue == String {
        if case .scalar = node { return word(node, what, as: type).map { [$0] } }
        guard let items = list(node, what) else { return nil }
        let values = items.compactMap { word($0, what, as: type) }
        return values.count == items.count ? values : nil
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar): scalar.string.isEmpty ? "nothing" : "'\(scalar.string.prefix(40))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// The known keys of one mapping.
struct Fields {
    /// One key and its value. A struct, not a tuple: finding a key in a list of tuples copied
    /// each one through generic value witnesses, a tenth of decoding a scenario.
    struct Entry {
        let key: String
        let keyNode: Node
        let value: Node
    }

    let reader: YAMLReader
    let node: Node
    let what: String
    let entries: [Entry]

    subscript(_ key: String) -> Node? { entry(key)?.value }

    /// The entry for a key, when the mapping has it.
    func entry(_ key: String) -> Entry? {
        for index in entries.indices where entries[index].key == key { return entries[index] }
        return nil
    }

    /// The value, or an error at the mapping when it is missing.
    func required(_ key: String) -> Node? {
        guard let value = self[key] else {
            reader.error("\(what) is missing '\(key)'", at: node)
            return nil
        }
        return value
    }
}
