@testable import DrillKit
import Foundation
import Testing

@Suite("Migrations use plain values only")
struct MigrationChainTests {
    @Test("Migration v2's frozen chain gives the hashes the event chain gives today")
    func v2ChainMatchesEventChain() {
        let run = StoreFixture.run()
        let genesis = AppDatabase.V2Chain.genesis(fields: [
            run.id, run.team, run.scenarioID, run.scenarioHash, run.preparednessHash, run.preparednessSource, run.asOf.description,
            String(AppDatabase.V2Chain.milliseconds(run.startedAt)), run.mode,
        ], facilitator: run.facilitator)
        #expect(genesis == EventChain.genesis(of: run))
        var frozen = genesis, current = EventChain.genesis(of: run)
        for (index, event) in StoreFixture.events.enumerated() {
            let recordedAt = StoreFixture.started.addingTimeInterval(Double(index) + 0.25)
            frozen = AppDatabase.V2Chain.link(
                previous: frozen, seq: index + 1, recordedAt: recordedAt, kind: event.kind.rawValue, simulatedHours: event.simulated.hours,
                texts: [event.injectID, event.promptID, event.deadlineID, event.needID, event.actor, event.text, event.answer],
                points: event.points, maxPoints: event.maxPoints, met: event.met, delayHours: event.delay?.hours)
            current = EventChain.link(previous: current, seq: index + 1, recordedAt: recordedAt, event: event)
            #expect(frozen == current, "event \(index + 1)")
        }
    }
}
