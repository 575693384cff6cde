import GRDB

/// Someone who took part in a run, in the order they were named.
public struct ParticipantRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// The row id, assigned when stored.
    public var id: Int64?
    /// The run taken part in; set by ``AppDatabase/createRun(_:participants:findings:)``.
    public var runID: String
    /// The person's name.
    public var name: String
    /// Their role in the drill (`incident lead`, `comms`), if given.
    public var role: String?
    /// 0-based place in the list of participants; set when stored.
    public var position: Int

    /// The table's name.
    public static let databaseTableName = "participant"

    /// The table's columns, for queries.
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `runID`.
        public static let runID = Column(CodingKeys.runID)
        /// `name`.
        public static let name = Column(CodingKeys.name)
        /// `role`.
        public static let role = Column(CodingKeys.role)
        /// `position`.
        public static let position = Column(CodingKeys.position)
    }

    /// Creates a participant; `runID` and `position` are filled in when the run is stored.
    public init(id: Int64? = nil, runID: String = "", name: String, role: String? = nil, position: Int = 0) {
        self.id = id
        self.runID = runID
        self.name = name
        self.role = role
        self.position = position
    }

    /// Keeps the id SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
