extension ScenarioGraph {
    /// The text formats the graph is drawn in.
    public enum Format: String, CaseIterable, Sendable {
        /// A Mermaid flowchart, which GitHub and most Markdown viewers draw.
        case mermaid
        /// A Graphviz digraph, for `dot -Tsvg`.
        case dot
    }

    /// The graph as text in `format`, ending with a newline.
    public func rendered(as format: Format) -> String {
        switch format {
        case .mermaid: mermaid
        case .dot: dot
        }
    }

    /// A Mermaid flowchart: injects as boxes (`+2h · title`, then the id), the end as a circle,
    /// each branch labelled with the prompt and answer that takes it, unreachable injects dashed.
    public var mermaid: String {
        // Node names get a prefix: Mermaid reads `end`, `graph` or `style` as keywords.
        func name(_ target: BranchTarget) -> String {
            switch target {
            case let .inject(id): "i_" + id.replacingOccurrences(of: "-", with: "_")
            case .end: "drill_end"
            }
        }
        var lines = ["flowchart TD"]
        for node in nodes {
            let parts = ["+\(node.at.compact) · \(node.title)", node.id] + (node.reachable ? [] : ["(unreachable)"])
            lines.append("    \(name(.inject(node.id)))[\"\(parts.map(Self.mermaidEscaped).joined(separator: "<br/>"))\"]")
        }
        if ends { lines.append("    \(name(.end))((\"end\"))") }
        for edge in edges {
            let arrow = edge.label.map { "-->|\"\(Self.mermaidEscaped($0))\"|" } ?? "-->"
            lines.append("    \(name(.inject(edge.from))) \(arrow) \(name(edge.to))")
        }
        let unreachable = nodes.filter { !$0.reachable }
        if !unreachable.isEmpty {
            lines.append("    classDef unreachable stroke-dasharray: 5 5,color:#888888")
            lines.append("    class \(unreachable.map { name(.inject($0.id)) }.joined(separator: ",")) unreachable")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A Graphviz digraph with the same nodes, edges and labels as the Mermaid flowchart.
    public var dot: String {
        func name(_ target: BranchTarget) -> String {
            switch target {
            // Quoted ids; `(end)` cannot clash with an inject id, which has no parentheses.
            case let .inject(id): Self.dotQuoted(id)
            case .end: "\"(end)\""
            }
        }
        var lines = ["digraph \(Self.dotQuoted(scenarioID)) {", "    node [shape=box];"]
        for node in nodes {
            var label = "+\(node.at.compact) · \(node.title)\n\(node.id)"
            var attributes = ""
            if !node.reachable {
                label += "\n(unreachable)"
                attributes = ", style=dashed, color=gray50, fontcolor=gray50"
            }
            lines.append("    \(name(.inject(node.id))) [label=\(Self.dotQuoted(label))\(attributes)];")
        }
        if ends { lines.append("    \(name(.end)) [label=\"end\", shape=doublecircle];") }
        for edge in edges {
            let label = edge.label.map { " [label=\(Self.dotQuoted($0))]" } ?? ""
            lines.append("    \(name(.inject(edge.from))) -> \(name(edge.to))\(label);")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Mermaid's entity codes for the characters that end a label or start markup.
    static func mermaidEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "#quot;"
            case "#": escaped += "#35;"
            case "<": escaped += "#lt;"
            case ">": escaped += "#gt;"
            case "|": escaped += "#124;"
            case "\n", "\r\n", "\r": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A Graphviz quoted string: backslashes and quotes escaped, line breaks as `\n`.
    static func dotQuoted(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            switch character {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\r": break
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }
}

extension ScenarioGraph.Edge {
    /// What an author reads on the arrow: the prompt and answer, and the time the answer costs.
    /// A plain `next` has no label.
    public var label: String? {
        func costing(_ cost: TimeSpan?) -> String { cost.map { ", costs \($0.compact)" } ?? "" }
        switch reason {
        case .next: return nil
        case let .option(prompt, option, cost): return "\(prompt): \(option)\(costing(cost))"
        case let .onCorrect(prompt): return "\(prompt): correct"
        case let .onIncorrect(prompt, cost): return "\(prompt): incorrect\(costing(cost))"
        }
    }
}
