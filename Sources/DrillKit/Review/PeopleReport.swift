import Foundation

/// Who has completed which scenarios, in which mode and when; who is new and has gaps.
public struct PeopleReport: Codable, Hashable, Sendable {
    /// One person's record.
    public struct Person: Codable, Hashable, Sendable {
        /// Their name.
        public var name: String
        /// Roles they have held.
        public var roles: [String]
        /// Finished runs, oldest first.
        public var completed: [Completion]
        /// Runs started but not finished.
        public var unfinished: Int
        /// Their first run.
        public var firstSeen: Date
        /// Whether their first run was within the last 90 days.
        public var isNew: Bool
        /// Incident kinds they have not yet completed in any mode.
        public var missingKinds: [ScenarioKind]
    }

    /// One finished run of a person.
    public struct Completion: Codable, Hashable, Sendable {
        /// The run.
        public var runId: String
        /// The scenario.
        public var scenarioId: String
        /// Its kind.
        public var kind: String
        /// drill or onboarding.
        public var mode: String
        /// When it finished.
        public var finishedAt: Date
    }

    /// Everyone, by name.
    public var people: [Person]

    /// Builds the report from stored participations.
    public init(_ participations: [Participation], now: Date) {
        let byName = Dictionary(grouping: participations) { $0.name }
        people = byName.keys.sorted { $0.lowercased() < $1.lowercased() }.map { name in
            let runs = byName[name] ?? []
            let done = runs.filter { $0.status == .finished }
            let completed = done.map { Completion(runId: $0.runID, scenarioId: $0.scenarioID, kind: $0.scenarioKind, mode: $0.mode, finishedAt: $0.endedAt ?? $0.startedAt) }
            let kinds = Set(done.compactMap { ScenarioKind(rawValue: $0.scenarioKind) })
            let first = runs.map(\.startedAt).min() ?? now
            var roles: [String] = []
            for role in runs.compactMap(\.role) where !roles.contains(role) { roles.append(role) }
            return Person(name: name, roles: roles, completed: completed, unfinished: runs.count - done.count, firstSeen: first,
                          isNew: now.timeIntervalSince(first) < 90 * 86_400,
                          missingKinds: ScenarioKind.allCases.filter { !kinds.contains($0) })
        }
    }
}
