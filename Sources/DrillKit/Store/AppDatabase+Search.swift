import Foundation
import GRDB

/// What a search found.
public struct SearchResults: Hashable, Sendable {
    /// The best matches first.
    public var hits: [SearchHit]
    /// Whether more steps matched than a search ranks, so only the newest of them were ranked
    /// (see ``AppDatabase/searchRankingWindow``).
    public var rankedNewestOnly: Bool
}

/// One full-text match in the stored runs.
public struct SearchHit: Codable, Hashable, Sendable {
    /// The run.
    public var runId: String
    /// Its team.
    public var team: String
    /// Its scenario.
    public var scenarioId: String
    /// When it started.
    public var startedAt: Date
    /// The event's number, for a match in an event.
    public var seq: Int?
    /// The event's kind.
    public var kind: String?
    /// The event's time on the simulated clock.
    public var simulatedHours: Double?
    /// The need, for a match in a finding.
    public var needId: String?
    /// The matching text around the match; the matched words are between ``SearchHit/highlightStart`` and ``SearchHit/highlightEnd``.
    public var snippet: String

    /// Marks the start of a matched word in a snippet (a private-use character).
    public static let highlightStart = "\u{E000}"
    /// Marks the end of a matched word in a snippet.
    public static let highlightEnd = "\u{E001}"

    /// The snippet with the matched words between the given markers.
    public func snippet(marking start: String, _ end: String) -> String {
        snippet.replacingOccurrences(of: Self.highlightStart, with: start).replacingOccurrences(of: Self.highlightEnd, with: end)
    }
}

extension AppDatabase {
    // MARK: - Teams and search

    /// Every team with a stored run, by name.
    public func teams() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT team FROM run ORDER BY team") }
    }

    /// Whether any run of `team` is stored: one look-up in the index of runs by team, where
    /// ``teams()`` reads all of it.
    public func hasRuns(team: String) throws(StoreError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM run WHERE team = ?)", arguments: [team]) ?? false }
    }

    /// How many of the newest matching steps a search ranks, at most. Ranking every match of a
    /// common word computes a score for each (70,000 matches: about a second, BENCHMARKS.md);
    /// finding the newest ones walks the index backwards and stops.
    public static let searchRankingWindow = 2_000

    /// Stored events and findings that contain every word of `text` (a word ending in `*` matches
    /// as a prefix; words are matched stemmed, ignoring case and accents), best matches first.
    /// When more than `window` steps match, the best of the newest `window` are returned.
    public func search(_ text: String, team: String? = nil, scenarioID: String? = nil, limit: Int = 20,
                       window: Int = searchRankingWindow) throws(StoreError) -> [SearchHit] {
        try searchResults(text, team: team, scenarioID: scenarioID, limit: limit, window: window).hits
    }

    /// ``search(_:team:scenarioID:limit:window:)`` with whether the ranking was limited to the newest matches.
    public func searchResults(_ text: String, team: String? = nil, scenarioID: String? = nil, limit: Int = 20,
                              window: Int = searchRankingWindow) throws(StoreError) -> SearchResults {
        let query = Self.searchQuery(text)
        guard !query.isEmpty else { return SearchResults(hits: [], rankedNewestOnly: false) }
        // Steps of runs still being played, or killed mid-drill, are indexed first.
        try indexPendingEntries()
        return try read { db in
            var filter = ""
            var filterArguments: [(any DatabaseValueConvertible)?] = []
            if let team {
                filter += " AND r.team = ?"
                filterArguments.append(team)
            }
            if let scenarioID {
                filter += " AND r.scenarioID = ?"
                filterArguments.append(scenarioID)
            }
            let from = """
                FROM searchIndex s
                JOIN run r ON r.id = s.runID
                LEFT JOIN event e ON e.runID = s.runID AND e.seq = s.seq
                WHERE searchIndex MATCH ? AND (s.seq IS NULL OR e.seq IS NOT NULL)
                """ + filter
            // The oldest entry of the newest `window` matches: entries are numbered as stored.
            let newest = try Row.fetchOne(db, sql: "SELECT min(rowid), count(*) FROM (SELECT s.rowid \(from) ORDER BY s.rowid DESC LIMIT ?)",
                                          arguments: StatementArguments([query] + filterArguments + [max(1, window)]))
            let oldestRanked: Int64 = newest?[0] ?? 0
            let windowFull = (newest?[1] as Int? ?? 0) >= max(1, window)
            let sql = """
                SELECT s.runID, s.seq, s.needID, r.team, r.scenarioID, r.startedAt, e.kind, e.simulatedHours,
                       snippet(searchIndex, -1, ?, ?, '…', 24) AS snippet
                \(from) AND s.rowid >= ?
                ORDER BY rank, r.startedAt DESC, s.seq LIMIT ?
                """
            let arguments: [(any DatabaseValueConvertible)?] = [SearchHit.highlightStart, SearchHit.highlightEnd, query]
                + filterArguments + [oldestRanked, max(0, limit)]
            let hits = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                SearchHit(runId: row["runID"], team: row["team"], scenarioId: row["scenarioID"], startedAt: row["startedAt"],
                          seq: row["seq"], kind: row["kind"], simulatedHours: row["simulatedHours"], needId: row["needID"],
                          snippet: row["snippet"])
            }
            return SearchResults(hits: hits, rankedNewestOnly: windowFull)
        }
    }

    /// The words of `text` as an FTS5 query of quoted terms, so that no input is query syntax.
    static func searchQuery(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).compactMap { word -> String? in
            var term = String(word)
            let prefix = term.count > 1 && term.hasSuffix("*")
            if prefix { term.removeLast() }
            // A term with no letters or digits would match nothing, or everything.
            guard term.contains(where: { $0.isLetter || $0.isNumber }) else { return nil }
            return "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : "")
        }.joined(separator: " ")
    }
}
