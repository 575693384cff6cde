import Foundation
import GRDB

extension AppDatabase {
    /// The evidence a run was judged against, as its stored form, or `nil` when the run was judged on claims alone.
    static func evidenceJSON(runID: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT evidenceJSON FROM runEvidence WHERE runID = ?"), arguments: [runID])
    }

    /// The evidence a stored run was judged against; `nil` for a run judged on its claims alone.
    public func runEvidence(runID: String) throws(StoreError) -> RunEvidence? {
        let text = try read { db in try Self.evidenceJSON(runID: runID, in: db) }
        guard let text else { return nil }
        do {
            return try RunEvidence(canonicalJSON: text)
        } catch {
            throw StoreError.altered(path: path, detail: "the evidence stored with run \(runID) is not evidence drill writes")
        }
    }
}
