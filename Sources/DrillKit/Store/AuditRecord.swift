import Foundation
import GRDB

/// One administrative action of the tool itself, with its UTC time, OS user and host: the
/// log the guide asks teams to keep, kept by drill about drill.
public struct AuditRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// Row id, in order of recording.
    public var id: Int64?
    /// When it happened (UTC).
    public var at: Date
    /// What happened: `run.started`, `run.paused`, `run.resumed`, `run.finished`, `run.deleted`,
    /// `export`, `import`, `verify`, `schema.migrated`, …
    public var action: String
    /// The run it concerns.
    public var runID: String?
    /// Details, verbatim (shown neutralised).
    public var detail: String
    /// The OS user who ran drill.
    public var user: String
    /// The host it ran on.
    public var host: String
    /// Its link in the audit trail's hash chain (see ``RecordChain/auditLink(previous:at:action:runID:detail:user:host:)``);
    /// `nil` only before the trail is sealed.
    public var hash: String?

    /// The table's name.
    public static let databaseTableName = "audit"

    /// Columns for queries.
    public enum Columns {
        /// Row id.
        public static let id = Column(CodingKeys.id)
        /// Time.
        public static let at = Column(CodingKeys.at)
        /// Action.
        public static let action = Column(CodingKeys.action)
        /// Run.
        public static let runID = Column(CodingKeys.runID)
    }

    /// Creates an entry.
    public init(at: Date, action: String, runID: String?, detail: String, identity: AuditIdentity) {
        self.at = at
        self.action = action
        self.runID = runID
        self.detail = detail
        self.user = identity.user
        self.host = identity.host
    }

    /// Takes the row id after insertion.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Who is acting, for the audit trail: the OS user and host, supplied by the executable.
public struct AuditIdentity: Hashable, Sendable {
    /// The OS user name.
    public var user: String
    /// The host name.
    public var host: String

    /// Creates an identity.
    public init(user: String, host: String) {
        self.user = user
        self.host = host
    }

    /// Used when nobody said who is acting (tests, in-memory databases).
    public static let unknown = AuditIdentity(user: "unknown", host: "unknown")
}

/// Which audit entries to list.
public struct AuditFilter: Hashable, Sendable {
    /// Only this action (or actions starting with it, e.g. `run.`).
    public var action: String?
    /// Only entries about this run.
    public var runID: String?
    /// Only entries at or after this time.
    public var since: Date?
    /// Only entries before this time.
    public var until: Date?
    /// At most this many, newest first.
    public var limit: Int?

    /// Creates a filter.
    public init(action: String? = nil, runID: String? = nil, since: Date? = nil, until: Date? = nil, limit: Int? = 100) {
        self.action = action
        self.runID = runID
        self.since = since
        self.until = until
        self.limit = limit
    }
}
