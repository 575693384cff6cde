import Foundation

/// Times as the exports write them: ISO 8601 with any number of fractional digits and an offset
/// (`2026-11-20T03:12:45.123456+00:00`), or seconds / milliseconds since 1970. Parsed, written
/// and cut to days as drill's own records are (`Timestamp8601`), after dropping the digits
/// beyond the millisecond that the exports add.
enum EvidenceTime {
    /// Parses ISO 8601 with a zone; fractional digits past the third are dropped.
    static func date(_ text: String) -> Date? {
        guard let dot = text.firstIndex(of: "."), let end = text[dot...].dropFirst().firstIndex(where: { !$0.isNumber }),
              text.distance(from: dot, to: end) > 4 else { return Timestamp8601.date(text) }
        return Timestamp8601.date(String(text[...text.index(dot, offsetBy: 3)] + text[end...]))
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
}
