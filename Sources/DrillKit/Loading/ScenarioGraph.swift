/// A scenario's injects as a directed graph: where each inject can lead (its `next`, the
/// following inject, the branches its prompts name), which injects a play can reach from the
/// first one, and whether the story can end. The loader's reachability check and
/// `drill scenarios graph` both read it, so the picture and the rule never disagree.
public struct ScenarioGraph: Hashable, Sendable {
    /// One inject.
    public struct Node: Hashable, Sendable {
        /// The inject's id.
        public var id: String
        /// The inject's title.
        public var title: String
        /// Its offset on the simulated clock.
        public var at: TimeSpan
        /// Whether some path from the first inject reaches it.
        public var reachable: Bool
    }

    /// Why a play can move along an edge.
    public enum Reason: Hashable, Sendable {
        /// The inject's own `next`, or the following inject when it has none.
        case next
        /// Choosing an option (`cost` is the simulated time the choice loses).
        case option(prompt: String, option: String, cost: TimeSpan?)
        /// A prompt answered as expected.
        case onCorrect(prompt: String)
        /// A prompt answered otherwise (`cost` is its `costIfIncorrect`).
        case onIncorrect(prompt: String, cost: TimeSpan?)
    }

    /// One way from an inject to the next step.
    public struct Edge: Hashable, Sendable {
        /// The inject it leaves.
        public var from: String
        /// Where it leads.
        public var to: BranchTarget
        /// What takes a play along it.
        public var reason: Reason
    }

    /// The scenario's id.
    public var scenarioID: String
    /// Every inject, in file order.
    public var nodes: [Node]
    /// Every edge, in file order of the injects and prompts that name them.
    public var edges: [Edge]

    /// The graph of a scenario.
    public init(_ scenario: Scenario) {
        scenarioID = scenario.id
        var edges: [Edge] = []
        for (position, inject) in scenario.injects.enumerated() {
            for prompt in inject.prompts {
                switch prompt.kind {
                case let .singleChoice(options), let .multipleChoice(options):
                    for option in options {
                        guard let next = option.next else { continue }
                        edges.append(Edge(from: inject.id, to: next, reason: .option(prompt: prompt.id, option: option.id, cost: option.cost)))
                    }
                default:
                    break
                }
                if let target = prompt.onCorrect {
                    edges.append(Edge(from: inject.id, to: target, reason: .onCorrect(prompt: prompt.id)))
                }
                if let target = prompt.onIncorrect {
                    edges.append(Edge(from: inject.id, to: target, reason: .onIncorrect(prompt: prompt.id, cost: prompt.costIfIncorrect)))
                }
            }
            // Whatever the prompts name, a play whose answers name no branch goes on this way.
            let following: BranchTarget = position + 1 < scenario.injects.count ? .inject(scenario.injects[position + 1].id) : .end
            edges.append(Edge(from: inject.id, to: inject.next ?? following, reason: .next))
        }
        self.edges = edges
        let reached = Self.reached(from: scenario.injects.first?.id, edges: edges)
        nodes = scenario.injects.map { Node(id: $0.id, title: $0.title, at: $0.at, reachable: reached.contains($0.id)) }
    }

    /// The ids of the injects some path from the first one reaches.
    public var reachableIDs: Set<String> { Set(nodes.lazy.filter(\.reachable).map(\.id)) }

    /// Injects that no path from the first inject reaches, in file order.
    public var unreachable: [String] { nodes.filter { !$0.reachable }.map(\.id) }

    /// Whether some edge leads to the end of the drill.
    public var ends: Bool { edges.contains { $0.to == .end } }

    /// Whether some play reaches the inject and another ends without it: what happens there
    /// depends on the path taken. The first inject, and one every ending passes through, do not.
    public func isOnSomePathsOnly(_ id: String) -> Bool {
        guard let first = nodes.first?.id, first != id, nodes.contains(where: { $0.id == id && $0.reachable }) else { return false }
        let around = Self.reached(from: first, edges: edges.filter { $0.from != id && $0.to != .inject(id) })
        return edges.contains { $0.to == .end && around.contains($0.from) }
    }

    private static func reached(from first: String?, edges: [Edge]) -> Set<String> {
        guard let first else { return [] }
        let leaving = Dictionary(grouping: edges, by: \.from)
        var reached: Set<String> = [first]
        var queue = [first]
        while let id = queue.popLast() {
            for edge in leaving[id] ?? [] {
                if case let .inject(target) = edge.to, reached.insert(target).inserted { queue.append(target) }
            }
        }
        return reached
    }
}
