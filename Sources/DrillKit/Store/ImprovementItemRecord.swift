import Foundation
import GRDB

/// What the store keeps of an improvement item: its number, what identifies it (the team and
/// the fix), its action sentence, and what people set (owner, due date). The rest follows from
/// the runs; notes and accepted risks are ``ImprovementItemEventRecord``s.
public struct ImprovementItemRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// The item's number, assigned when stored.
    public var id: Int64?
    /// The team.
    public var team: String
    /// The fix: the preparedness field to change, or `scenario/need` for a gap without one.
    public var fixKey: String
    /// The need's pillar.
    public var pillar: Pillar
    /// The corrective action, in one sentence.
    public var action: String
    /// Who will do it.
    public var owner: String?
    /// By when.
    public var dueDate: CalendarDate?
    /// For an item that covers several needs: what its ``action`` was made from (each open gap,
    /// its status and the run that found it last), so the sentence is made again only when that
    /// changes. `nil` for an item whose action is its opening gap's. Not sealed: the action
    /// it leads to is.
    public var actionBasis: String?

    /// The table's name.
    public static let databaseTableName = "improvementItem"

    /// The table's columns, for queries.
    public enum Columns {
        /// `id`.
        public static let id = Column(CodingKeys.id)
        /// `team`.
        public static let team = Column(CodingKeys.team)
        /// `fixKey`.
        public static let fixKey = Column(CodingKeys.fixKey)
        /// `owner`.
        public static let owner = Column(CodingKeys.owner)
        /// `dueDate`.
        public static let dueDate = Column(CodingKeys.dueDate)
    }

    /// Creates a record.
    public init(id: Int64? = nil, team: String, fixKey: String, pillar: Pillar, action: String, owner: String? = nil, dueDate: CalendarDate? = nil) {
        self.id = id
        self.team = team
        self.fixKey = fixKey
        self.pillar = pillar
        self.action = action
        self.owner = owner
        self.dueDate = dueDate
    }

    /// Takes the number SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Something people did to an improvement item, kept beside it: a note, an accepted risk, a
/// change of owner or due date, or the merge of an older item into it.
public struct ImprovementItemEventRecord: Codable, Hashable, Sendable, FetchableRecord, MutablePersistableRecord {
    /// What was done.
    public enum Kind: String, Codable, Sendable {
        case note, accepted, updated, merged
    }

    /// Its number.
    public var id: Int64?
    /// The item.
    public var itemID: Int64
    /// When (UTC, to the millisecond).
    public var at: Date
    /// What was done.
    public var kind: Kind
    /// The note, the reason a risk was accepted, what changed, or what was merged.
    public var text: String
    /// For an accepted risk: the last day it holds.
    public var until: CalendarDate?
    /// Who (the audit trail's user).
    public var author: String?
    /// For a merge: the number the merged item had.
    public var otherItemID: Int64?

    /// The table's name.
    public static let databaseTableName = "improvementItemEvent"

    /// Creates a record.
    public init(id: Int64? = nil, itemID: Int64, at: Date, kind: Kind, text: String, until: CalendarDate? = nil, author: String? = nil,
                otherItemID: Int64? = nil) {
        self.id = id
        self.itemID = itemID
        self.at = at
        self.kind = kind
        self.text = text
        self.until = until
        self.author = author
        self.otherItemID = otherItemID
    }

    /// Takes the number SQLite assigned.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
