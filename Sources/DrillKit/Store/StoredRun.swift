/// A stored run brought back to life: its record, its events, and a session rebuilt from its
/// answers that has been checked against what was stored.
public struct StoredRun: Sendable {
    /// Why a stored run cannot be brought back.
    public enum Failure: Error, Sendable, Equatable {
        /// The database could not give the run.
        case store(StoreError)
        /// The stored scenario or preparedness no longer parses.
        case content(runID: String, [Diagnostic])
        /// Replaying the stored answers does not give the stored events.
        case mismatch(runID: String, seq: Int, detail: String)

        /// One plain sentence.
        public var message: String {
            switch self {
            case let .store(error):
                error.message
            case let .content(runID, diagnostics):
                "The content stored with run \(runID) no longer loads: \(diagnostics.map(\.message).joined(separator: "; "))."
            case let .mismatch(runID, seq, detail):
                "Run \(runID) does not replay: event \(seq) differs from what its answers produce (\(detail)); the database may have been edited."
            }
        }
    }

    /// The run's record.
    public var run: RunRecord
    /// Every stored event, in order.
    public var events: [EventRecord]
    /// The session, replayed to where the run stopped.
    public var session: DrillSession
    /// How many of `session.events` are stored.
    public var storedEngineEvents: Int

    /// Loads a run and replays its answers.
    public init(_ idOrPrefix: String, from database: AppDatabase) throws(Failure) {
        let evidence: RunEvidence?
        do {
            run = try database.run(matching: idOrPrefix)
            events = try database.events(runID: run.id)
            evidence = try database.runEvidence(runID: run.id)
        } catch {
            throw .store(error)
        }
        let content = try Self.content(of: run)
        (session, storedEngineEvents) = try Self.replay(runID: run.id, mode: run.mode, asOf: run.asOf,
                                                        edition: AssessmentEdition(playedAt: run.startedAt), scenario: content.scenario,
                                                        profile: content.profile, evidence: evidence?.judge(content.profile, asOf: run.asOf),
                                                        events: events)
    }

    /// The scenario and preparedness stored with `run`, parsed through the process's content
    /// cache: every command that opens a stored run parses its texts here, once.
    public static func content(of run: RunRecord, cache: TranscriptContentCache = .shared) throws(Failure) -> TranscriptContentCache.StoredContent {
        do {
            return try cache.storedContent(scenarioYAML: run.scenarioYAML, preparednessYAML: run.preparednessYAML)
        } catch {
            throw .content(runID: run.id, error.diagnostics)
        }
    }

    /// The preparedness stored with `run`, parsed through the process's content cache, for a
    /// reader that needs only it (a team's schedule judged on the records of its latest run):
    /// it loads even when the stored scenario no longer does.
    public static func profile(of run: RunRecord, cache: TranscriptContentCache = .shared) throws(Failure) -> PreparednessProfile {
        do {
            return try cache.profile(yaml: run.preparednessYAML, hash: ContentHash.sha256(run.preparednessYAML)).get()
        } catch {
            throw .content(runID: run.id, error.diagnostics)
        }
    }

    /// Replays a run's stored answers against its scenario and preparedness, and checks the
    /// stored steps against the replayed ones; returns the session and how many of its events
    /// are stored. `drill import` checks a transcript with this before storing it, so an
    /// imported run always comes back here.
    ///
    /// A run judged against evidence is replayed against the same evidence (`evidence`, the stored
    /// evidence held against its preparedness), so its findings follow from what it stored.
    static func replay(runID: String, mode: String, asOf: CalendarDate, edition: AssessmentEdition, scenario: Scenario,
                       profile: PreparednessProfile, evidence: EvidenceJudgement? = nil,
                       events: [EventRecord]) throws(Failure) -> (session: DrillSession, storedEngineEvents: Int) {
        let engineEvents = events.filter { $0.event.kind.isEngineKind }
        let mode = DrillSession.Mode(rawValue: mode) ?? .drill
        let session: DrillSession
        do {
            session = try DrillSession.replaying(scenario: scenario, profile: profile, asOf: asOf, mode: mode, edition: edition,
                                                 evidence: evidence, inputs: DrillSession.inputs(in: engineEvents.map(\.event)))
        } catch {
            let seq = engineEvents.first { $0.event.kind == .answer }?.seq ?? 0
            throw .mismatch(runID: runID, seq: seq, detail: "a stored answer is no longer accepted: \(error.message)")
        }
        // Compare what happened, not the narration around it: a newer drill may word a step
        // differently or narrate more, and the stored events stay the record (the hash chain
        // guards them). Injects, prompts, answers and grades must line up one for one.
        let replayed = session.events.enumerated().filter { isStep($0.element.kind) }
        let storedSteps = engineEvents.filter { isStep($0.event.kind) }
        for (index, stored) in storedSteps.enumerated() {
            guard index < replayed.count else {
                throw .mismatch(runID: runID, seq: stored.seq, detail: "there are more stored steps than the answers produce")
            }
            if !sameStep(replayed[index].element, stored.event) {
                throw .mismatch(runID: runID, seq: stored.seq, detail: "stored \(stored.event.kind.rawValue) '\(stored.event.text.prefix(60))'")
            }
        }
        // Where the stored run stopped: after its last step, and the narration stored after it.
        if let last = storedSteps.last, let position = engineEvents.lastIndex(of: last) {
            let trailing = engineEvents.count - position - 1
            return (session, min(replayed[storedSteps.count - 1].offset + 1 + trailing, session.events.count))
        }
        return (session, min(engineEvents.count, session.events.count))
    }

    static func isStep(_ kind: DrillEvent.Kind) -> Bool {
        [.inject, .prompt, .answer, .grade, .ended].contains(kind)
    }

    static func sameStep(_ a: DrillEvent, _ b: DrillEvent) -> Bool {
        a.kind == b.kind && a.injectID == b.injectID && a.promptID == b.promptID && a.answer == b.answer && a.actor == b.actor
    }
}
