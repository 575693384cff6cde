import Foundation

/// Participants and their roles: matching a prompt's role, and the roles drill knows.
public enum Participants {
    /// Roles offered by default; any other role may be given.
    public static let knownRoles = ["incident-commander", "communications", "engineering", "legal-liaison", "scribe"]

    /// Whether a participant's role is the one asked for (case, spaces and hyphens aside; "communications lead" fits "communications").
    public static func matches(_ role: String?, _ asked: String) -> Bool {
        guard let role else { return false }
        func normal(_ text: String) -> String { text.lowercased().replacingOccurrences(of: " ", with: "-") }
        let (have, want) = (normal(role), normal(asked))
        return have == want || have.hasPrefix(want + "-") || want.hasPrefix(have + "-")
    }

    /// Parses `NAME[:ROLE]`.
    public static func parse(_ text: String, runID: String, position: Int) -> ParticipantRecord {
        let parts = text.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return ParticipantRecord(runID: runID, name: parts.first ?? text, role: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil, position: position)
    }
}
