import Foundation

/// AWS CloudTrail `aws cloudtrail describe-trails`: `{"trailList": [{"Name", "S3BucketName",
/// "IsMultiRegionTrail", "LogFileValidationEnabled", "HomeRegion", "TrailARN", …}]}` (AWS CLI
/// reference, cloudtrail/describe-trails). One fact per trail: `cloudtrail:<Name>`.
enum CloudTrailTrailsReader: EvidenceReader {
    static let format = "cloudtrail-trails"

    static func recognises(_ json: Any) -> Bool { (json as? [String: Any])?["trailList"] != nil }

    static func read(_ json: Any) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        var facts: [EvidenceFact] = []
        for trail in try objects(json, "trailList") {
            let name = try text(trail, "Name", in: "a trail")
            guard let multiRegion = trail["IsMultiRegionTrail"] as? Bool, let validation = trail["LogFileValidationEnabled"] as? Bool else {
                throw EvidenceProblem("trail '\(name)' has no IsMultiRegionTrail and LogFileValidationEnabled true or false")
            }
            facts.append(EvidenceFact(id: "cloudtrail:\(name)", .trailSettings(multiRegion: multiRegion, validation: validation)))
        }
        return (facts, nil)
    }
}

/// AWS CloudTrail `aws cloudtrail get-trail-status --name TRAIL`: `{"IsLogging", "LatestDeliveryTime",
/// "LatestDeliveryError", "StartLoggingTime", "StopLoggingTime", "TimeLoggingStarted", …}` (AWS
/// CLI reference, cloudtrail/get-trail-status). The output does not name its trail, so the file
/// does: save it as `TRAIL.trail-status.json`. One fact: `cloudtrail:TRAIL`.
enum CloudTrailStatusReader: EvidenceReader {
    static let format = "cloudtrail-trail-status"
    static let suffix = ".trail-status.json"

    static func recognises(_ json: Any) -> Bool { (json as? [String: Any])?["IsLogging"] != nil }

    static func read(_ json: Any) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        throw EvidenceProblem("a get-trail-status export does not name its trail: save it as TRAIL\(suffix)")
    }

    static func read(_ json: Any, fileName: String) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        guard fileName.hasSuffix(suffix), fileName.count > suffix.count else { return try read(json) }
        guard let status = json as? [String: Any], let logging = status["IsLogging"] as? Bool else {
            throw EvidenceProblem("expected IsLogging to be true or false")
        }
        let delivered = status["LatestDeliveryTime"].flatMap { value -> Date? in EvidenceTime.date(json: value) }
        if status["LatestDeliveryTime"] != nil, delivered == nil {
            throw EvidenceProblem("LatestDeliveryTime is not a time")
        }
        let name = String(fileName.dropLast(suffix.count))
        // The export says when it was made only through its times: it was made no earlier than the newest of them.
        let times = ["LatestDeliveryTime", "LatestDeliveryAttemptTime", "LatestNotificationTime", "LatestNotificationAttemptTime",
                     "LatestDigestDeliveryTime", "LatestCloudWatchLogsDeliveryTime", "StartLoggingTime", "StopLoggingTime"]
            .compactMap { key -> Date? in (status[key] as? String).flatMap(EvidenceTime.date) }
        return ([EvidenceFact(id: "cloudtrail:\(name)", .trailStatus(logging: logging, latestDelivery: delivered))], times.max())
    }
}

/// Google Cloud Logging `gcloud logging buckets list --format=json`: a list of `{"name":
/// "projects/P/locations/L/buckets/B", "retentionDays", "locked", "lifecycleState", …}` (Cloud
/// Logging API reference, LogBucket: a retentionDays of 0 or absent means the default 30 days).
/// One fact per bucket: `gcloud-logging:<name>`.
enum GoogleLoggingBucketsReader: EvidenceReader {
    static let format = "gcloud-logging-buckets"

    static func recognises(_ json: Any) -> Bool {
        guard let first = (json as? [Any])?.first as? [String: Any], let name = first["name"] as? String else { return false }
        return name.contains("/buckets/")
    }

    static func read(_ json: Any) throws(EvidenceProblem) -> (facts: [EvidenceFact], collected: Date?) {
        var facts: [EvidenceFact] = []
        for bucket in try objects(json, nil) {
            let name = try text(bucket, "name", in: "a log bucket")
            guard name.contains("/buckets/") else { throw EvidenceProblem("'\(name.prefix(80))' is not a log bucket's name (projects/P/locations/L/buckets/B)") }
            var days = 30.0
            if let value = bucket["retentionDays"] {
                guard let number = value as? NSNumber, number.doubleValue >= 0, number.doubleValue <= 3650 else {
                    throw EvidenceProblem("bucket '\(name)' has a retentionDays that is not a number of days")
                }
                if number.doubleValue > 0 { days = number.doubleValue }
            }
            if let locked = bucket["locked"], !(locked is Bool) { throw EvidenceProblem("bucket '\(name)' has a locked that is not true or false") }
            facts.append(EvidenceFact(id: "gcloud-logging:\(name)", .logBucket(retention: .days(days), locked: bucket["locked"] as? Bool ?? false)))
        }
        return (facts, nil)
    }
}
