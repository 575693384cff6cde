/// How a drill went, in numbers a team can compare across quarters.
///
/// `overall` (0–100) weighs the response on the path taken at 40 %, each pillar of
/// preparedness at 15 % (met needs count fully, partial ones half) and deadlines met at
/// 15 %. A pillar without needs, or a scenario without deadlines, counts as full marks.
public struct DrillScore: Codable, Hashable, Sendable {
    /// Points earned on the path taken.
    public var responsePoints: Int
    /// Points available on the path taken (free-text answers count once graded).
    public var responsePossible: Int
    /// Per pillar, 0–100.
    public var contacts: Int
    /// Per pillar, 0–100.
    public var logs: Int
    /// Per pillar, 0–100.
    public var backups: Int
    /// Deadlines met.
    public var deadlinesMet: Int
    /// Deadlines in the scenario.
    public var deadlinesTotal: Int
    /// The overall score, 0–100.
    public var overall: Int

    /// Creates a score from its parts; `overall` is derived.
    public init(responsePoints: Int, responsePossible: Int, contacts: Int, logs: Int, backups: Int, deadlinesMet: Int, deadlinesTotal: Int) {
        self.responsePoints = responsePoints
        self.responsePossible = responsePossible
        self.contacts = contacts
        self.logs = logs
        self.backups = backups
        self.deadlinesMet = deadlinesMet
        self.deadlinesTotal = deadlinesTotal
        let response = responsePossible == 0 ? 1 : Double(responsePoints) / Double(responsePossible)
        let deadlines = deadlinesTotal == 0 ? 1 : Double(deadlinesMet) / Double(deadlinesTotal)
        let pillars = Double(contacts + logs + backups) / 100
        overall = Int((40 * response + 15 * pillars + 15 * deadlines).rounded())
    }

    /// What each part is worth and what this run earned, one line each, for the debrief:
    /// `("response", "40 × 27 of 40 points", 27.0)`. The parts add up to `overall` before rounding.
    public var explanation: [(part: String, rule: String, earned: Double)] {
        let response = responsePossible == 0 ? 1 : Double(responsePoints) / Double(responsePossible)
        let deadlines = deadlinesTotal == 0 ? 1 : Double(deadlinesMet) / Double(deadlinesTotal)
        return [
            ("response", responsePossible == 0 ? "40 × no scored decisions (full marks)" : "40 × \(responsePoints) of \(responsePossible) points", 40 * response),
            ("contacts", "15 × \(contacts)% of needs met (partial counts half)", 0.15 * Double(contacts)),
            ("logs", "15 × \(logs)% of needs met", 0.15 * Double(logs)),
            ("backups", "15 × \(backups)% of needs met", 0.15 * Double(backups)),
            ("deadlines", deadlinesTotal == 0 ? "15 × no deadlines (full marks)" : "15 × \(deadlinesMet) of \(deadlinesTotal) met", 15 * deadlines),
        ]
    }

    /// A pillar's score from its findings: met 1, partial ½, unmet 0; no needs is full marks.
    public static func pillarScore(_ findings: [Finding], _ pillar: Pillar) -> Int {
        let relevant = findings.filter { $0.pillar == pillar }
        guard !relevant.isEmpty else { return 100 }
        let sum = relevant.reduce(0.0) { total, finding in
            total + (finding.status == .met ? 1 : finding.status == .partial ? 0.5 : 0)
        }
        return Int((100 * sum / Double(relevant.count)).rounded())
    }
}
