import Foundation

/// What follows from a stored run, recomputed and compared with what is stored: the run is read
/// as the transcript it would export, and checked as `drill import` checks a transcript (texts
/// against their hashes, the chain, the replay of its answers, its findings, deadlines, status
/// and score), and its cached `overallScore` against its score.
public enum StoredRunVerification {
    /// The first thing in `rows` that does not follow from the run's record, named by its field or event.
    public static func problem(in rows: StoredRunRows, cache: TranscriptContentCache) -> IntegrityReport.Problem? {
        let run = rows.run
        if run.scoreJSON != nil, run.score == nil {
            return .init(runId: run.id, field: "scoreJSON", detail: "the stored score is not a score drill writes")
        }
        if run.overallScore != run.score?.overall {
            return .init(runId: run.id, field: "overallScore",
                         detail: "the cached overall score (\(run.overallScore.map(String.init) ?? "none")) differs from the run's score (\(run.score.map { String($0.overall) } ?? "none"))")
        }
        var transcript = RunTranscript(run: run, participants: rows.participants, findings: rows.findings, events: rows.events)
        if let json = rows.evidenceJSON {
            guard let evidence = try? RunEvidence(canonicalJSON: json) else {
                return .init(runId: run.id, field: "evidence", detail: "the stored evidence is not evidence drill writes")
            }
            transcript.evidence = evidence
        }
        guard let first = transcript.problems(cache: cache).first else { return nil }
        var problem = IntegrityReport.Problem(runId: run.id, detail: "\(first.pathDescription) \(first.message)")
        switch first.path.first {
        case "events":
            if let index = first.path.dropFirst().first.flatMap(Int.init), index < rows.events.count { problem.seq = rows.events[index].seq }
        case "score":
            problem.field = "scoreJSON"
        case let key?:
            problem.field = columnName[key] ?? key
        case nil:
            break
        }
        return problem
    }

    /// Transcript keys whose column is spelled differently.
    private static let columnName = ["scenarioId": "scenarioID"]
}

extension AppDatabase {
    /// ``verify(runIDs:keys:derived:)`` with every derived value recomputed (see ``StoredRunVerification``):
    /// what `drill verify` runs.
    public func verifyRecords(runIDs: [String]? = nil, keys: TrustedKeys? = nil,
                              cache: TranscriptContentCache = .init()) throws(StoreError) -> IntegrityReport {
        try verify(runIDs: runIDs, keys: keys) { rows in StoredRunVerification.problem(in: rows, cache: cache) }
    }
}
