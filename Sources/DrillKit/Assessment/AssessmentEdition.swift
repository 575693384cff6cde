import Foundation

/// Which edition of the rules judges a run. A stored run must replay and score as it did when it
/// was played, so a rule that would change the verdict of a file without new keys applies only
/// to runs played after it shipped; `check` always judges with the current edition.
public enum AssessmentEdition: Int, Sendable, Codable, Comparable, CaseIterable {
    /// Runs played before 2026-11-30: automated review was taken to alert on every class it
    /// records within the default latency; a backup that ran too rarely cost nothing; a deadline
    /// was reached at its work plus its needs' delays, whatever the hour its contacts were called.
    case first = 1
    /// From 2026-11-30: automated review counts only for what it says it alerts on; a backup that
    /// runs too rarely costs the partial delay; a deadline waits for the contacts it depends on.
    case second = 2

    /// The edition `check` and new drills use.
    public static let current = AssessmentEdition.second

    /// The first moment the second edition judged new runs: 2026-11-30T00:00:00Z.
    public static let secondEditionStart = Date(timeIntervalSince1970: 1_795_996_800)

    /// The edition that judged a run started at this moment.
    public init(playedAt startedAt: Date) {
        self = startedAt < Self.secondEditionStart ? .first : .second
    }

    public static func < (lhs: AssessmentEdition, rhs: AssessmentEdition) -> Bool { lhs.rawValue < rhs.rawValue }
}
