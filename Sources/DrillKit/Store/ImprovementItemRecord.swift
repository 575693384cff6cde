import GRDB

/// What the store keeps of an improvement item: its number, what identifies it, its action
/// sentence, and what people set (owner, due date). The rest follows from the runs.
public struct ImprovementItemRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// The item's number, assigned when stored.
    public var id: Int64?
    /// The team.
    public var team: String
    /// The scenario.
    public var scenarioID: String
    /// The need.
    public var needID: String
    /// The run that first found the gap.
    public var openedRunID: String
    /// The need's pillar.
    public var pillar: Pillar
    /// The corrective action, in one sentence.
    public var action: String
    /// Who will do it.
    public var owner: String?
    /// By when.
    public var dueDate: CalendarDate?

    /// The table's name.
    public static let databaseTableName = "improvementItem"

    /// The table's columns, for queries.
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `team`.
        public static let team = Column(CodingKeys.team)
        /// `owner`.
        public static let owner = Column(CodingKeys.owner)
        /// `dueDate`.
        public static let dueDate = Column(CodingKeys.dueDate)
    }

    /// Creates a record.
    public init(id: Int64? = nil, team: String, scenarioID: String, needID: String, openedRunID: String, pillar: Pillar, action: String,
                owner: String? = nil, dueDate: CalendarDate? = nil) {
        self.id = id
        self.team = team
        self.scenarioID = scenarioID
        self.needID = needID
        self.openedRunID = openedRunID
        self.pillar = pillar
        self.action = action
        self.owner = owner
        self.dueDate = dueDate
    }

    /// Takes the number SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
