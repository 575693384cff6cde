import DrillKit
import Foundation
import Testing

@Suite("A scenario's inject graph")
struct ScenarioGraphTests {
    static let branching = """
        id: branching
        title: A branch
        kind: app-compromise
        summary: Something happened.
        onset: 11d
        discovered: Tuesday 10:15 UTC
        needs:
          - id: vendor
            pillar: contacts
            role: platform-vendor
        injects:
          - id: start
            at: +0h
            title: Start
            narrative: It starts.
            prompts:
              - id: first-step
                kind: single-choice
                question: What first?
                options:
                  - { id: rotate, text: Rotate the key, correct: true }
                  - { id: wait, text: Wait, next: detour, cost: 6h }
            next: wrap-up
          - id: detour
            at: +6h
            title: Detour
            narrative: More calls.
            prompts:
              - id: call-now
                kind: yes-no
                question: Call the vendor now?
                expected: yes
                onIncorrect: end
                costIfIncorrect: 2h
          - id: wrap-up
            at: +8h
            title: Wrap "up"
            narrative: Done.
        """

    /// The branching scenario with an inject after the last one that nothing leads to: the
    /// loader refuses such a file, so it is built here.
    static func withOrphan() throws -> Scenario {
        var scenario = try Scenario.load(yaml: branching, displayPath: "branching.yaml")
        scenario.injects[2].next = .end
        scenario.injects.append(Inject(id: "orphan", title: "Orphan", at: .hours(9), narrative: "Never seen."))
        return scenario
    }

    @Test("Reachability follows next, options and prompt branches")
    func reachability() throws {
        let graph = ScenarioGraph(try Self.withOrphan())
        #expect(graph.unreachable == ["orphan"])
        #expect(graph.nodes.map(\.id) == ["start", "detour", "wrap-up", "orphan"])
        #expect(graph.ends)
        #expect(ScenarioGraph(try Scenario.load(yaml: Self.branching, displayPath: "b.yaml")).unreachable.isEmpty)
    }

    @Test("Mermaid shows branches with their prompt, answer and cost, the end, and unreachable injects")
    func mermaid() throws {
        let expected = """
            flowchart TD
                i_start["+0h · Start<br/>start"]
                i_detour["+6h · Detour<br/>detour"]
                i_wrap_up["+8h · Wrap #quot;up#quot;<br/>wrap-up"]
                i_orphan["+9h · Orphan<br/>orphan<br/>(unreachable)"]
                drill_end(("end"))
                i_start -->|"first-step: wait, costs 6h"| i_detour
                i_start --> i_wrap_up
                i_detour -->|"call-now: incorrect, costs 2h"| drill_end
                i_detour --> i_wrap_up
                i_wrap_up --> drill_end
                i_orphan --> drill_end
                classDef unreachable stroke-dasharray: 5 5,color:#888888
                class i_orphan unreachable

            """
        #expect(ScenarioGraph(try Self.withOrphan()).rendered(as: .mermaid) == expected)
    }

    @Test("Graphviz dot shows the same graph")
    func dot() throws {
        let expected = #"""
            digraph "branching" {
                node [shape=box];
                "start" [label="+0h · Start\nstart"];
                "detour" [label="+6h · Detour\ndetour"];
                "wrap-up" [label="+8h · Wrap \"up\"\nwrap-up"];
                "orphan" [label="+9h · Orphan\norphan\n(unreachable)", style=dashed, color=gray50, fontcolor=gray50];
                "(end)" [label="end", shape=doublecircle];
                "start" -> "detour" [label="first-step: wait, costs 6h"];
                "start" -> "wrap-up";
                "detour" -> "(end)" [label="call-now: incorrect, costs 2h"];
                "detour" -> "wrap-up";
                "wrap-up" -> "(end)";
                "orphan" -> "(end)";
            }

            """#
        #expect(ScenarioGraph(try Self.withOrphan()).rendered(as: .dot) == expected)
    }

    @Test("Every shipped scenario's graph reaches every inject and ends")
    func shippedScenarios() throws {
        let library = try ScenarioLibrary.load(folder: Fixture.packageRoot.appendingPathComponent("scenarios"))
        #expect(!library.scenarios.isEmpty)
        for scenario in library.scenarios {
            let graph = ScenarioGraph(scenario)
            #expect(graph.unreachable.isEmpty, "\(scenario.id)")
            #expect(graph.ends, "\(scenario.id)")
            #expect(graph.edges.count >= scenario.injects.count, "\(scenario.id)")
        }
    }
}
