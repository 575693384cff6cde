import Foundation

extension CheckReport {
    /// The counts behind a check's summary line, added up one scenario at a time, so that a
    /// check can be reported without keeping every scenario's result.
    public struct Tally: Hashable, Sendable {
        /// Scenarios assessed.
        public var scenarios = 0
        /// Scenarios whose contacts are sufficient.
        public var contactsSufficient = 0
        /// Scenarios whose logs are sufficient.
        public var logsSufficient = 0
        /// Scenarios whose backups are sufficient.
        public var backupsSufficient = 0
        /// Scenarios with at least one contact need.
        public var contactsTested = 0
        /// Scenarios with at least one log need.
        public var logsTested = 0
        /// Scenarios with at least one backup need.
        public var backupsTested = 0
        /// Needs met, over all scenarios.
        public var needsMet = 0
        /// Needs partly met.
        public var needsPartial = 0
        /// Needs not met.
        public var needsUnmet = 0
        /// Deadlines, over all scenarios.
        public var deadlines = 0
        /// Deadlines missed.
        public var deadlinesMissed = 0

        /// No scenario yet.
        public init() {}

        /// Counts one more scenario.
        public mutating func add(_ result: ScenarioResult) {
            scenarios += 1
            if result.verdicts.contacts == .sufficient { contactsSufficient += 1 }
            if result.verdicts.logs == .sufficient { logsSufficient += 1 }
            if result.verdicts.backups == .sufficient { backupsSufficient += 1 }
            if result.verdicts.contacts != .notTested { contactsTested += 1 }
            if result.verdicts.logs != .notTested { logsTested += 1 }
            if result.verdicts.backups != .notTested { backupsTested += 1 }
            for need in result.needs {
                switch need.status {
                case .met: needsMet += 1
                case .partial: needsPartial += 1
                case .unmet: needsUnmet += 1
                }
            }
            deadlines += result.deadlines.count
            deadlinesMissed += result.deadlines.filter { !$0.met }.count
        }

        /// Whether any scenario has an unmet need (`check --strict` fails on it).
        public var hasUnmetNeed: Bool { needsUnmet > 0 }
    }

    /// The report's counts.
    public var tally: Tally { scenarios.reduce(into: Tally()) { $0.add($1) } }

    /// `check --format json` in pieces, for writing one scenario at a time: `opening`, then
    /// each scenario's `fragment` (in id order) separated by `separator`, then `closing` is
    /// byte for byte `DrillJSON.string(report)`; a report without scenarios is `empty`.
    public struct JSONPieces: Sendable {
        /// Everything before the first scenario.
        public let opening: String
        /// Between two scenarios.
        public let separator = ",\n"
        /// Everything after the last scenario.
        public let closing: String
        /// The whole document when no scenario is listed.
        public let empty: String

        /// The pieces for a team's report on a day.
        public init(team: String, asOf: CalendarDate, evidence: EvidenceReport? = nil) throws {
            // Pretty-printed JSON puts each key of the report on its own line, two spaces in,
            // and each element of `scenarios` four spaces in; values are encoded exactly as
            // the encoder would inside the report (keys sorted: asOf, evidence, scenarios, team).
            var opening = "{\n  \"asOf\" : \(try DrillJSON.string(asOf)),\n"
            if let evidence {
                let nested = try DrillJSON.string(evidence).split(separator: "\n", omittingEmptySubsequences: false)
                opening += "  \"evidence\" : " + nested.enumerated().map { $0.offset == 0 || $0.element.isEmpty ? String($0.element) : "  " + $0.element }.joined(separator: "\n") + ",\n"
            }
            self.opening = opening + "  \"scenarios\" : [\n"
            closing = "\n  ],\n  \"team\" : \(try DrillJSON.string(team))\n}"
            empty = try DrillJSON.string(CheckReport(team: team, asOf: asOf, scenarios: [], evidence: evidence))
        }

        /// One scenario's entry, indented as inside the report. Encoded JSON has no raw line
        /// breaks inside strings, so indenting line by line is safe.
        public static func fragment(_ result: ScenarioResult) throws -> String {
            try DrillJSON.string(result).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "    " + $0 }.joined(separator: "\n")
        }
    }
}
