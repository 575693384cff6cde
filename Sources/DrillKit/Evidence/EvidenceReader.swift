import Foundation

/// Why an export could not be read: what was expected, and where.
public struct EvidenceProblem: Error, Hashable, Sendable {
    /// What is wrong, in lower case.
    public var message: String
    /// Creates a problem.
    public init(_ message: String) { self.message = message }
}

/// Reads one documented export format. A reader is one small type: adding a format means
/// adding a file and listing it in `EvidenceFolder.readers`.
protocol EvidenceReader: Sendable {
    /// The format's name in listings (`cloudwatch-log-groups`).
    static var format: String { get }
    /// Whether a parsed JSON document has this format's shape.
    static func recognises(_ json: Any) -> Bool
    /// The facts in the document, and its collection time when the format records one.
    static func read(_ json: Any) throws -> (facts: [EvidenceFact], collected: Date?)
    /// The same, for formats whose output does not name what it describes (the file name does).
    static func read(_ json: Any, fileName: String) throws -> (facts: [EvidenceFact], collected: Date?)
}

extension EvidenceReader {
    static func read(_ json: Any, fileName: String) throws -> (facts: [EvidenceFact], collected: Date?) { try read(json) }

    /// A JSON object's array under `key`, each element an object, or a problem naming what was expected.
    static func objects(_ json: Any, _ key: String?) throws(EvidenceProblem) -> [[String: Any]] {
        let value: Any?
        if let key {
            guard let object = json as? [String: Any] else { throw EvidenceProblem("expected a JSON object with '\(key)'") }
            value = object[key]
        } else {
            value = json
        }
        guard let list = value as? [Any] else { throw EvidenceProblem("expected \(key.map { "'\($0)' to be " } ?? "")a JSON list") }
        var objects: [[String: Any]] = []
        for (index, item) in list.enumerated() {
            guard let object = item as? [String: Any] else { throw EvidenceProblem("item \(index + 1)\(key.map { " of '\($0)'" } ?? "") is not a JSON object") }
            objects.append(object)
        }
        return objects
    }

    /// A required text field.
    static func text(_ object: [String: Any], _ key: String, in what: String) throws(EvidenceProblem) -> String {
        guard let value = object[key] as? String, !value.isEmpty else { throw EvidenceProblem("\(what) has no '\(key)' text") }
        return String(value.prefix(512))
    }
}

/// AWS CloudWatch Logs `aws logs describe-log-groups`: `{"logGroups": [{"logGroupName",
/// "retentionInDays" (absent: never expires), "creationTime", …}]}` (AWS CLI reference,
/// logs/describe-log-groups). One fact per group: `cloudwatch:<logGroupName>`.
enum CloudWatchLogGroupsReader: EvidenceReader {
    static let format = "cloudwatch-log-groups"

    static func recognises(_ json: Any) -> Bool { (json as? [String: Any])?["logGroups"] != nil }

    static func read(_ json: Any) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        var facts: [EvidenceFact] = []
        for group in try objects(json, "logGroups") {
            let name = try text(group, "logGroupName", in: "a log group")
            var retention: TimeSpan?
            if let days = group["retentionInDays"] {
                guard let number = days as? NSNumber, number.doubleValue > 0, number.doubleValue <= 36_500 else {
                    throw EvidenceProblem("log group '\(name)' has a retentionInDays that is not a number of days")
                }
                retention = .days(number.doubleValue)
            }
            facts.append(EvidenceFact(id: "cloudwatch:\(name)", .logRetention(keptFor: retention)))
        }
        return (facts, nil)
    }
}

/// AWS Backup `aws backup list-restore-jobs`: `{"RestoreJobs": [{"RestoreJobId", "Status"
/// (COMPLETED, FAILED, ABORTED, PENDING, RUNNING), "CompletionDate", "CreationDate",
/// "ResourceType", "ValidationStatus" (SUCCESSFUL, FAILED, TIMED_OUT, VALIDATING; optional)}]}`
/// (AWS CLI reference, backup/list-restore-jobs). A job passed when it completed and its
/// validation, if any, succeeded. Facts: `aws-backup:<ResourceType>` and `aws-backup:all`.
enum AWSBackupRestoreJobsReader: EvidenceReader {
    static let format = "aws-backup-restore-jobs"

    static func recognises(_ json: Any) -> Bool { (json as? [String: Any])?["RestoreJobs"] != nil }

    static func read(_ json: Any) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        var byType: [String: (passed: Date?, failed: Date?, count: Int)] = [:]
        for job in try objects(json, "RestoreJobs") {
            let status = try text(job, "Status", in: "a restore job")
            let type = (job["ResourceType"] as? String).map { String($0.prefix(64)) } ?? "unknown"
            let finished = EvidenceTime.date(json: job["CompletionDate"]) ?? EvidenceTime.date(json: job["CreationDate"])
            let validation = job["ValidationStatus"] as? String
            let passed = status == "COMPLETED" && (validation == nil || validation == "SUCCESSFUL")
            let failed = ["FAILED", "ABORTED"].contains(status) || (validation.map { ["FAILED", "TIMED_OUT"].contains($0) } ?? false)
            for key in [type, "all"] {
                var entry = byType[key] ?? (nil, nil, 0)
                entry.count += 1
                if passed, let finished { entry.passed = max(entry.passed ?? finished, finished) }
                if failed, let finished { entry.failed = max(entry.failed ?? finished, finished) }
                byType[key] = entry
            }
        }
        let facts = byType.keys.sorted().map { key in
            let entry = byType[key]!
            return EvidenceFact(id: "aws-backup:\(key)", .restoreJobs(lastPassed: entry.passed, lastFailed: entry.failed, count: entry.count))
        }
        return (facts, nil)
    }
}

/// restic `restic snapshots --json`: a list of `{"time", "hostname", "paths", "id", "short_id",
/// "tree"}` (restic manual, "Scripting": JSON output of snapshots). Facts per host
/// (`restic:<hostname>`) and per host and first path (`restic:<hostname>:<path>`).
enum ResticSnapshotsReader: EvidenceReader {
    static let format = "restic-snapshots"

    static func recognises(_ json: Any) -> Bool {
        guard let first = (json as? [Any])?.first as? [String: Any] else { return false }
        return first["short_id"] != nil && first["tree"] != nil && first["time"] != nil
    }

    static func read(_ json: Any) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        var spans: [String: (newest: Date, oldest: Date, count: Int)] = [:]
        for snapshot in try objects(json, nil) {
            let time = try text(snapshot, "time", in: "a snapshot")
            guard let date = EvidenceTime.date(time) else { throw EvidenceProblem("snapshot time '\(time.prefix(40))' is not an ISO 8601 time") }
            let host = (snapshot["hostname"] as? String).map { String($0.prefix(128)) } ?? "unknown"
            let path = ((snapshot["paths"] as? [Any])?.first as? String).map { String($0.prefix(256)) }
            for key in [host] + (path.map { ["\(host):\($0)"] } ?? []) {
                let old = spans[key]
                spans[key] = (max(old?.newest ?? date, date), min(old?.oldest ?? date, date), (old?.count ?? 0) + 1)
            }
        }
        return (spans.keys.sorted().map { key in
            let span = spans[key]!
            return EvidenceFact(id: "restic:\(key)", .backupHistory(newest: span.newest, oldest: span.oldest, count: span.count))
        }, nil)
    }
}

/// pgBackRest `pgbackrest info --output=json`: a list of stanzas `{"name", "backup": [{"label",
/// "type", "timestamp": {"start", "stop"} (seconds since 1970)}], "status"}` (pgBackRest
/// command reference, info). One fact per stanza: `pgbackrest:<name>`.
enum PgBackRestInfoReader: EvidenceReader {
    static let format = "pgbackrest-info"

    static func recognises(_ json: Any) -> Bool {
        guard let first = (json as? [Any])?.first as? [String: Any] else { return false }
        return first["backup"] != nil && first["name"] != nil
    }

    static func read(_ json: Any) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        var facts: [EvidenceFact] = []
        for stanza in try objects(json, nil) {
            let name = try text(stanza, "name", in: "a stanza")
            let backups = try objects(stanza, "backup")
            let stops = backups.compactMap { ($0["timestamp"] as? [String: Any]).flatMap { EvidenceTime.date(json: $0["stop"]) } }
            guard stops.count == backups.count else { throw EvidenceProblem("a backup of stanza '\(name)' has no timestamp.stop") }
            guard let newest = stops.max(), let oldest = stops.min() else { continue }
            facts.append(EvidenceFact(id: "pgbackrest:\(name)", .backupHistory(newest: newest, oldest: oldest, count: stops.count)))
        }
        return (facts, nil)
    }
}

/// WAL-G `wal-g backup-list --detail --json`: a list of `{"backup_name", "time", "start_time",
/// "finish_time", …}` (WAL-G PostgreSQL docs, backup-list). One fact: `wal-g:backups`.
enum WALGBackupListReader: EvidenceReader {
    static let format = "wal-g-backup-list"

    static func recognises(_ json: Any) -> Bool {
        guard let first = (json as? [Any])?.first as? [String: Any] else { return false }
        return first["backup_name"] != nil
    }

    static func read(_ json: Any) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        let backups = try objects(json, nil)
        let times = backups.compactMap { EvidenceTime.date(json: $0["finish_time"] ?? $0["time"]) }
        guard times.count == backups.count else { throw EvidenceProblem("a backup has no finish_time or time") }
        guard let newest = times.max(), let oldest = times.min() else { return ([], nil) }
        return ([EvidenceFact(id: "wal-g:backups", .backupHistory(newest: newest, oldest: oldest, count: times.count))], nil)
    }
}
