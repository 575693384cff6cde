import Foundation

/// A time of day in a named time zone, as people write it: `09:00`, `23:40`.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes after midnight, 0–1439 (1440 is allowed as the end of a day).
    public let minutes: Int

    /// Creates a time from minutes after midnight.
    public init?(minutes: Int) {
        guard (0...1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// Parses `HH:MM` (24-hour clock; `24:00` is the end of the day).
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 2, parts[1].count == 2,
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0...59).contains(minutes), hours < 24 || minutes == 0 else { return nil }
        self.init(minutes: hours * 60 + minutes)
    }

    public var description: String {
        let hours = minutes / 60, rest = minutes % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
}

/// The moment in a week when a scenario's incident is discovered: `Saturday 23:40 Europe/Berlin`.
public struct WeeklyMoment: Hashable, Sendable, CustomStringConvertible {
    /// The day of the week.
    public let weekday: Weekday
    /// The local time of day.
    public let time: TimeOfDay
    /// An IANA time zone identifier, or `UTC`.
    public let timeZone: String

    /// Creates a moment.
    public init(weekday: Weekday, time: TimeOfDay, timeZone: String) {
        self.weekday = weekday
        self.time = time
        self.timeZone = timeZone
    }

    /// Parses `Weekday HH:MM Zone`; `nil` when any part is malformed or the zone is unknown.
    public init?(parsing text: String) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 3, let weekday = Weekday(parsing: words[0]),
              let time = TimeOfDay(parsing: words[1]), time.minutes < 1440,
              TimeZone(identifier: words[2]) != nil else { return nil }
        self.init(weekday: weekday, time: time, timeZone: words[2])
    }

    public var description: String { "\(weekday.name) \(time) \(timeZone)" }
}

/// When a contact can be reached.
public enum Availability: Hashable, Sendable, CustomStringConvertible {
    /// Reachable at any hour of any day.
    case aroundTheClock
    /// Reachable on the given days between `opens` and `closes`, local time in `timeZone`.
    case businessHours(days: Set<Weekday>, opens: TimeOfDay, closes: TimeOfDay, timeZone: String)

    /// Parses `24x7` or `Mon-Fri 09:00-17:30 Europe/London` (days may be a range, a list or `daily`).
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces.lowercased()
        if ["24x7", "24/7", "around-the-clock", "always"].contains(trimmed) {
            self = .aroundTheClock
            return
        }
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 3, let days = Self.days(words[0]), !days.isEmpty else { return nil }
        let hours = words[1].split(separator: "-").map(String.init)
        guard hours.count == 2, let opens = TimeOfDay(parsing: hours[0]), let closes = TimeOfDay(parsing: hours[1]),
              opens < closes, TimeZone(identifier: words[2]) != nil else { return nil }
        self = .businessHours(days: days, opens: opens, closes: closes, timeZone: words[2])
    }

    private static func days(_ text: String) -> Set<Weekday>? {
        if ["daily", "every-day", "mon-sun"].contains(text.lowercased()) { return Set(Weekday.allCases) }
        var result = Set<Weekday>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(ends.count), let first = Weekday(parsing: ends[0]) else { return nil }
            guard ends.count == 2 else { result.insert(first); continue }
            guard let last = Weekday(parsing: ends[1]) else { return nil }
            var index = first.index
            while true {
                result.insert(Weekday.allCases[index])
                if index == last.index { break }
                index = (index + 1) % 7
            }
        }
        return result
    }

    public var description: String {
        switch self {
        case .aroundTheClock:
            return "24x7"
        case let .businessHours(days, opens, closes, timeZone):
            return "\(Self.describe(days)) \(opens)-\(closes) \(timeZone)"
        }
    }

    private static func describe(_ days: Set<Weekday>) -> String {
        let sorted = days.sorted()
        if sorted.count == 7 { return "Daily" }
        let indices = sorted.map(\.index)
        if let first = indices.first, let last = indices.last, last - first + 1 == indices.count, indices.count > 2 {
            return "\(sorted[0].shortName)-\(sorted[sorted.count - 1].shortName)"
        }
        return sorted.map(\.shortName).joined(separator: ",")
    }
}
