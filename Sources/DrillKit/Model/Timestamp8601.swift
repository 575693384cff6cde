import Foundation

/// Wall-clock times as records and review formats write them: ISO 8601 in UTC with milliseconds
/// (`2026-11-26T17:10:47.576Z`), the precision the store keeps.
///
/// Written by hand rather than with a date formatter so that formatting and parsing are
/// exact inverses at the millisecond: a transcript exported, imported and exported again is
/// byte-identical.
public enum Timestamp8601 {
    /// Whole milliseconds since 1970, rounded: the precision at which times are stored, chained and written.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// `2026-11-26T17:10:47.576Z`: the time rounded to the millisecond, in UTC.
    public static func string(_ date: Date) -> String {
        let (days, dayMilliseconds) = floorDivision(milliseconds(date), 86_400_000)
        let day = CalendarDate(daysSinceEpoch: Int(days))
        let hours = dayMilliseconds / 3_600_000
        let minutes = dayMilliseconds / 60_000 % 60
        let seconds = dayMilliseconds / 1000 % 60
        let fraction = dayMilliseconds % 1000
        return "\(day)T\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2)).\(pad(fraction, 3))Z"
    }

    /// `2026-11-26 17:10` (UTC), for people.
    public static func minutes(_ date: Date) -> String {
        let text = string(date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }

    /// `2026-11-26 17:10:47` (UTC), for people.
    public static func seconds(_ date: Date) -> String {
        let text = string(date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(8))
    }

    /// The day of a time, in UTC.
    public static func day(_ date: Date) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int(floorDivision(milliseconds(date), 86_400_000).quotient))
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]` followed by `Z` or an offset `±HH:MM`; `nil` for anything else.
    ///
    /// At most three fractional digits are accepted: a finer time could not be stored as written.
    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let day = CalendarDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self)),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]), let second = number(bytes[17..<19]),
              hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var milliseconds = 0
        if bytes[index] == UInt8(ascii: ".") {
            let digits = bytes[(index + 1)...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard (1...3).contains(digits.count), let value = number(digits) else { return nil }
            milliseconds = value * [1, 100, 10, 1][digits.count]
            index += 1 + digits.count
        }
        let zone = bytes[index...]
        var offsetMinutes = 0
        if zone.elementsEqual("Z".utf8) || zone.elementsEqual("z".utf8) {
            offsetMinutes = 0
        } else if zone.count == 6, let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
                  zone[zone.startIndex + 3] == UInt8(ascii: ":"),
                  let h = number(zone[(zone.startIndex + 1)..<(zone.startIndex + 3)]), let m = number(zone[(zone.startIndex + 4)...]),
                  h < 24, m < 60 {
            offsetMinutes = (h * 60 + m) * (sign == UInt8(ascii: "-") ? -1 : 1)
        } else {
            return nil
        }
        let total = Int64(day.daysSinceEpoch) * 86_400_000 + Int64(((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + milliseconds)
        return Date(timeIntervalSince1970: Double(total) / 1000)
    }

    private static func number(_ digits: some Collection<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = (value % divisor + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }
}

extension KeyedDecodingContainer {
    /// An ISO 8601 time (see ``Timestamp8601``).
    func decodeTimestamp(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = Timestamp8601.date(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "'\(text.prefix(40))' is not a time; write it like 2026-11-26T17:10:47.576Z")
        }
        return date
    }

    /// An optional ISO 8601 time.
    func decodeTimestampIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeTimestamp(forKey: key)
    }
}
