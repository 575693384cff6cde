import GRDB

/// The assessment of one need as it stood when a run started.
///
/// A ``Finding``'s reasons are stored joined into one paragraph, as ``Finding/reason`` shows them.
public struct FindingRecord: Codable, Hashable, Sendable, FetchableRecord, PersistableRecord {
    /// The run it belongs to.
    public var runID: String
    /// The need's id.
    public var needID: String
    /// 0-based place in the scenario's list of needs, so findings read back in scenario order.
    public var position: Int
    /// The need's pillar.
    public var pillar: Pillar
    /// Met, partial or unmet.
    public var status: NeedStatus
    /// The reasons, as one paragraph.
    public var reason: String
    /// Simulated hours the gap costs.
    public var delayHours: Double
    /// Hours of record that no longer exist.
    public var evidenceLossHours: Double
    /// The preparedness field to change to close the gap.
    public var fix: String?

    /// The table's name.
    public static let databaseTableName = "finding"

    /// The table's columns, for queries.
    public enum Columns {
        /// `runID`.
        public static let runID = Column(CodingKeys.runID)
        /// `needID`.
        public static let needID = Column(CodingKeys.needID)
        /// `position`.
        public static let position = Column(CodingKeys.position)
        /// `pillar`.
        public static let pillar = Column(CodingKeys.pillar)
        /// `status`.
        public static let status = Column(CodingKeys.status)
    }

    /// Creates the record of a finding of a run.
    public init(runID: String, position: Int, finding: Finding) {
        self.runID = runID
        self.needID = finding.needID
        self.position = position
        self.pillar = finding.pillar
        self.status = finding.status
        self.reason = finding.reason
        self.delayHours = finding.delay.hours
        self.evidenceLossHours = finding.evidenceLoss.hours
        self.fix = finding.fix
    }

    /// Reads a row column by column: the same values as the `Decodable` conformance, without the
    /// decoder's runtime type lookups (a run's findings are written at its start and read by
    /// every review).
    public init(row: Row) throws {
        runID = try row.decode(forColumn: "runID")
        needID = try row.decode(forColumn: "needID")
        position = try row.decode(forColumn: "position")
        pillar = try RecordColumn.decode(Pillar.self, "pillar", in: row)
        status = try RecordColumn.decode(NeedStatus.self, "status", in: row)
        reason = try row.decode(forColumn: "reason")
        delayHours = try row.decode(forColumn: "delayHours")
        evidenceLossHours = try row.decode(forColumn: "evidenceLossHours")
        fix = try row.decode(forColumn: "fix")
    }

    /// Writes the row column by column, as the `Encodable` conformance would.
    public func encode(to container: inout PersistenceContainer) throws {
        container["runID"] = runID
        container["needID"] = needID
        container["position"] = position
        container["pillar"] = pillar.rawValue
        container["status"] = status.rawValue
        container["reason"] = reason
        container["delayHours"] = delayHours
        container["evidenceLossHours"] = evidenceLossHours
        container["fix"] = fix
    }

    /// The finding, with its paragraph as the single reason.
    public var finding: Finding {
        Finding(needID: needID, pillar: pillar, status: status, reasons: reason.isEmpty ? [] : [reason],
                delay: TimeSpan(hours: delayHours), evidenceLoss: TimeSpan(hours: evidenceLossHours), fix: fix)
    }
}
