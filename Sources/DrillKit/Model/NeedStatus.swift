/// Whether a team's preparedness provides what a need asks for.
public enum NeedStatus: String, CaseIterable, Codable, Sendable, Comparable {
    case met, partial, unmet

    private var severity: Int {
        switch self {
        case .met: 0
        case .partial: 1
        case .unmet: 2
        }
    }

    /// Orders from best (`met`) to worst (`unmet`).
    public static func < (lhs: NeedStatus, rhs: NeedStatus) -> Bool { lhs.severity < rhs.severity }
}
