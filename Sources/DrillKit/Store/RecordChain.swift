import Foundation

/// The hash chains beside the runs' own: the audit trail, and the ledger of run seals; and the
/// anchor, the signed message that names both heads.
///
/// Each link covers the previous link and every field of its entry, encoded with lengths as
/// ``EventChain`` does, so an entry edited, removed or moved breaks every link after it. The
/// anchor names each chain's length and last link, signed with the installation's key, so a cut
/// tail or a chain rebuilt without the key is found.
public enum RecordChain {
    /// The link of an audit entry.
    public static func auditLink(previous: String?, at: Date, action: String, runID: String?, detail: String, user: String, host: String) -> String {
        var encoder = FieldEncoder(tag: "drill-audit-v1")
        encoder.add(previous)
        encoder.add(String(EventChain.milliseconds(at)))
        for field in [action, runID, detail, user, host] { encoder.add(field) }
        return ContentHash.sha256(encoder.text)
    }

    /// The link of a ledger entry: a run's seal as it now stands, or `nil` when the run was deleted.
    public static func ledgerLink(previous: String?, runID: String, action: String, seal: String?) -> String {
        var encoder = FieldEncoder(tag: "drill-ledger-v1")
        encoder.add(previous)
        for field in [runID, action, seal] { encoder.add(field) }
        return ContentHash.sha256(encoder.text)
    }

    /// What the anchor's signature signs: each chain's length and last link.
    public static func anchorMessage(ledgerCount: Int, ledgerHead: String?, auditCount: Int, auditHead: String?) -> String {
        "drill-anchor-v1\nledger \(ledgerCount) \(ledgerHead ?? "-")\naudit \(auditCount) \(auditHead ?? "-")"
    }
}
