import Foundation

/// Which stored runs to list: every condition given must hold.
public struct RunFilter: Hashable, Sendable {
    /// Only this team's runs.
    public var team: String?
    /// Only runs of this scenario.
    public var scenarioID: String?
    /// Only runs in this state.
    public var status: RunStatus?
    /// Only runs started at or after this moment.
    public var since: Date?
    /// Only runs started before this moment.
    public var until: Date?
    /// At most this many runs (the newest); `nil` for all.
    public var limit: Int?

    /// The number of runs listed when no limit is given.
    public static let defaultLimit = 50

    /// Creates a filter; by default, the newest 50 runs of any kind.
    public init(team: String? = nil, scenarioID: String? = nil, status: RunStatus? = nil, since: Date? = nil, until: Date? = nil,
                limit: Int? = RunFilter.defaultLimit) {
        self.team = team
        self.scenarioID = scenarioID
        self.status = status
        self.since = since
        self.until = until
        self.limit = limit
    }
}
