import Foundation

/// Times as the exports write them: ISO 8601 with any number of fractional digits and an offset
/// (`2026-11-20T03:12:45.123456+00:00`), or seconds / milliseconds since 1970.
enum EvidenceTime {
    /// Parses ISO 8601 with a zone; fractional seconds are dropped (exports differ in their digits).
    static func date(_ text: String) -> Date? {
        var trimmed = Substring(text)
        if let dot = trimmed.firstIndex(of: "."), let end = trimmed[dot...].dropFirst().firstIndex(where: { !$0.isNumber }) {
            trimmed = trimmed[..<dot] + trimmed[end...]
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: String(trimmed))
    }

    /// A JSON value that is an ISO 8601 string or a number of seconds (milliseconds when huge) since 1970.
    static func date(json value: Any?) -> Date? {
        if let text = value as? String { return date(text) }
        if let number = value as? NSNumber {
            let seconds = number.doubleValue > 1e11 ? number.doubleValue / 1000 : number.doubleValue
            return Date(timeIntervalSince1970: seconds)
        }
        return nil
    }

    /// `2026-11-20T03:12:45Z`.
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// The UTC day of a moment.
    static func day(_ date: Date) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
