import Foundation

/// The time at the start of a log line, in the forms logs commonly write:
///
/// - ISO 8601 / RFC 3339: `2026-11-29T08:12:01.123Z`, `2026-11-29 08:12:01,123+01:00`, also after
///   an RFC 5424 syslog header (`<34>1 2026-11-29T08:12:01Z host …`) or a `[`;
/// - BSD syslog (RFC 3164): `Nov 29 08:12:01 host …` — no year and no zone;
/// - nginx / Apache common and combined log format: `… [29/Nov/2026:08:12:01 +0000] "GET …`.
///
/// A time without a zone is read as UTC and counted as without a zone.
struct LogTimestamp: Hashable, Sendable {
    /// The moment, in UTC where the line gives no zone.
    var date: Date
    /// Whether the line says which zone its time is in.
    var zoned: Bool

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].map { Array($0.utf8) }

    /// The timestamp of a line; `year` is the year a syslog time (which has none) falls in.
    static func parse(_ line: ArraySlice<UInt8>, year: Int) -> LogTimestamp? {
        var index = line.startIndex
        // RFC 5424: <PRI>VERSION SP TIMESTAMP
        if index < line.endIndex, line[index] == UInt8(ascii: "<") {
            var cursor = index + 1
            while cursor < line.endIndex, cursor - index < 5, isDigit(line[cursor]) { cursor += 1 }
            if cursor < line.endIndex, line[cursor] == UInt8(ascii: ">") {
                cursor += 1
                while cursor < line.endIndex, isDigit(line[cursor]) { cursor += 1 }
                if cursor < line.endIndex, line[cursor] == UInt8(ascii: " ") { cursor += 1 }
                index = cursor
            }
        }
        if index < line.endIndex, line[index] == UInt8(ascii: "[") { index += 1 }
        if let found = iso(line, at: index) { return found }
        if let found = syslog(line, at: index, year: year) { return found }
        // Common log format: the time is in the first [...] of the line.
        if let open = line.prefix(256).firstIndex(of: UInt8(ascii: "[")), let found = commonLog(line, at: open + 1) { return found }
        return nil
    }

    /// `YYYY-MM-DD[T ]HH:MM:SS[.,fraction][Z|±HH[:]MM]`.
    private static func iso(_ s: ArraySlice<UInt8>, at i: Int) -> LogTimestamp? {
        guard s.endIndex - i >= 19, let year = number(s, i, 4), s[i + 4] == UInt8(ascii: "-"), let month = number(s, i + 5, 2),
              s[i + 7] == UInt8(ascii: "-"), let day = number(s, i + 8, 2),
              [UInt8(ascii: "T"), UInt8(ascii: " "), UInt8(ascii: "t")].contains(s[i + 10]),
              let hour = number(s, i + 11, 2), s[i + 13] == UInt8(ascii: ":"), let minute = number(s, i + 14, 2),
              s[i + 16] == UInt8(ascii: ":"), let second = number(s, i + 17, 2),
              let base = seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else { return nil }
        var j = i + 19
        var fraction = 0.0
        if j < s.endIndex, s[j] == UInt8(ascii: ".") || s[j] == UInt8(ascii: ",") {
            var scale = 0.1
            j += 1
            while j < s.endIndex, isDigit(s[j]) {
                fraction += Double(s[j] - UInt8(ascii: "0")) * scale
                scale /= 10
                j += 1
            }
        }
        var offset = 0
        var zoned = false
        if j < s.endIndex, s[j] == UInt8(ascii: "Z") || s[j] == UInt8(ascii: "z") {
            zoned = true
        } else if j < s.endIndex, s[j] == UInt8(ascii: "+") || s[j] == UInt8(ascii: "-"), let hours = number(s, j + 1, 2) {
            let colon = j + 3 < s.endIndex && s[j + 3] == UInt8(ascii: ":")
            if let minutes = number(s, j + (colon ? 4 : 3), 2), hours < 24, minutes < 60 {
                offset = (hours * 60 + minutes) * 60 * (s[j] == UInt8(ascii: "-") ? -1 : 1)
                zoned = true
            }
        }
        return LogTimestamp(date: Date(timeIntervalSince1970: Double(base - offset) + fraction), zoned: zoned)
    }

    /// `Mmm dd HH:MM:SS` (the day padded with a space or a zero).
    private static func syslog(_ s: ArraySlice<UInt8>, at i: Int, year: Int) -> LogTimestamp? {
        guard s.endIndex - i >= 15, let month = months.firstIndex(where: { $0.elementsEqual(s[i..<(i + 3)]) }), s[i + 3] == UInt8(ascii: " ")
        else { return nil }
        let dayText = s[i + 4] == UInt8(ascii: " ") ? number(s, i + 5, 1) : number(s, i + 4, 2)
        guard let day = dayText, s[i + 6] == UInt8(ascii: " "), let hour = number(s, i + 7, 2), s[i + 9] == UInt8(ascii: ":"),
              let minute = number(s, i + 10, 2), s[i + 12] == UInt8(ascii: ":"), let second = number(s, i + 13, 2),
              let base = seconds(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second) else { return nil }
        return LogTimestamp(date: Date(timeIntervalSince1970: Double(base)), zoned: false)
    }

    /// `dd/Mmm/YYYY:HH:MM:SS ±hhmm`.
    private static func commonLog(_ s: ArraySlice<UInt8>, at i: Int) -> LogTimestamp? {
        guard s.endIndex - i >= 26, let day = number(s, i, 2), s[i + 2] == UInt8(ascii: "/"),
              let month = months.firstIndex(where: { $0.elementsEqual(s[(i + 3)..<(i + 6)]) }), s[i + 6] == UInt8(ascii: "/"),
              let year = number(s, i + 7, 4), s[i + 11] == UInt8(ascii: ":"), let hour = number(s, i + 12, 2),
              s[i + 14] == UInt8(ascii: ":"), let minute = number(s, i + 15, 2), s[i + 17] == UInt8(ascii: ":"),
              let second = number(s, i + 18, 2), s[i + 20] == UInt8(ascii: " "),
              s[i + 21] == UInt8(ascii: "+") || s[i + 21] == UInt8(ascii: "-"), let hours = number(s, i + 22, 2),
              let minutes = number(s, i + 24, 2),
              let base = seconds(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second) else { return nil }
        let offset = (hours * 60 + minutes) * 60 * (s[i + 21] == UInt8(ascii: "-") ? -1 : 1)
        return LogTimestamp(date: Date(timeIntervalSince1970: Double(base - offset)), zoned: true)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func number(_ s: ArraySlice<UInt8>, _ i: Int, _ count: Int) -> Int? {
        guard i >= s.startIndex, i + count <= s.endIndex else { return nil }
        var value = 0
        for byte in s[i..<(i + count)] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// Seconds since 1970 of a UTC civil time (days from civil: H. Hinnant's algorithm); `nil` when out of range.
    static func seconds(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int? {
        guard (1970...2200).contains(year), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }
}
