import Foundation

/// A length of time as people write it in preparedness and scenario files (`30d`, `12mo`, `48h`).
///
/// Stored in hours, the unit of every number in `drill`'s JSON. A month is a twelfth of a
/// 365-day year, so `12mo` and `1y` are the same span and retention policies written
/// either way compare equal.
public struct TimeSpan: Hashable, Comparable, Sendable, Codable {
    /// The span in hours.
    public var hours: Double

    /// Creates a span of the given number of hours.
    public init(hours: Double) { self.hours = hours }

    /// A span of zero length.
    public static let zero = TimeSpan(hours: 0)
    /// Hours in a day.
    public static let hoursPerDay = 24.0
    /// Hours in a 365-day year.
    public static let hoursPerYear = 365.0 * 24
    /// Hours in a month: a twelfth of a year.
    public static let hoursPerMonth = hoursPerYear / 12

    /// A span of whole or fractional days.
    public static func days(_ days: Double) -> TimeSpan { TimeSpan(hours: days * hoursPerDay) }
    /// A span of months (a twelfth of a year each).
    public static func months(_ months: Double) -> TimeSpan { TimeSpan(hours: months * hoursPerMonth) }
    /// A span of hours.
    public static func hours(_ hours: Double) -> TimeSpan { TimeSpan(hours: hours) }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.hours < rhs.hours }
    public static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(hours: lhs.hours + rhs.hours) }
    public static func - (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(hours: lhs.hours - rhs.hours) }

    /// The number of whole months when the span is a whole number of months, else `nil`.
    public var wholeMonths: Int? {
        let months = hours / Self.hoursPerMonth
        let rounded = months.rounded()
        return rounded >= 1 && abs(months - rounded) < 1e-9 ? Int(rounded) : nil
    }

    public init(from decoder: any Decoder) throws {
        hours = try decoder.singleValueContainer().decode(Double.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hours)
    }
}

extension TimeSpan {
    private static let units: [(names: [String], hours: Double)] = [
        (["min", "mins", "minute", "minutes"], 1.0 / 60),
        (["h", "hr", "hrs", "hour", "hours"], 1),
        (["d", "day", "days"], hoursPerDay),
        (["w", "wk", "week", "weeks"], 7 * hoursPerDay),
        (["mo", "month", "months"], hoursPerMonth),
        (["y", "yr", "year", "years"], hoursPerYear),
    ]

    /// The longest span any file may name: a century.
    public static let longest = TimeSpan(hours: 100 * hoursPerYear)

    /// Parses `30d`, `12mo`, `48h`, `45min`, `2 weeks`; a leading `+` is accepted for offsets.
    ///
    /// Returns `nil` for anything else, including negative and absurdly long spans.
    public init?(parsing text: String) {
        var body = text.trimmingSpaces
        if body.first == "+" { body = body.dropFirst() }
        let digits = body.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let unit = body.dropFirst(digits.count).trimmingSpaces.lowercased()
        guard !digits.isEmpty, digits.first != ".", let value = Double(digits), value.isFinite,
              let scale = Self.units.first(where: { $0.names.contains(unit) })?.hours
        else { return nil }
        let span = TimeSpan(hours: value * scale)
        guard span <= Self.longest else { return nil }
        self = span
    }

    /// The compact form used in files and tables: `94d`, `12mo`, `38h`, `45min`.
    public var compact: String {
        if hours == 0 { return "0h" }
        for (suffix, scale) in [("y", Self.hoursPerYear), ("mo", Self.hoursPerMonth), ("d", Self.hoursPerDay), ("h", 1.0)] {
            let count = hours / scale
            if count >= 1, abs(count - count.rounded()) < 1e-9 { return "\(Int(count.rounded()))\(suffix)" }
        }
        if hours < 1 { return "\(Int((hours * 60).rounded()))min" }
        return "\(Self.trimmed(hours))h"
    }

    /// The simulated clock's label: `T+02:15`, `T+101:30`.
    public var clockLabel: String {
        let minutes = Int((hours * 60).rounded())
        let h = minutes / 60, m = minutes % 60
        return "T+" + (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }

    /// The spoken form used in reasons: `94 days`, `12 months`, `2 years`, `11 h 40 min`.
    public var spoken: String {
        func plural(_ count: Double, _ unit: String) -> String {
            let number = Self.trimmed(count)
            return number == "1" ? "1 \(unit)" : "\(number) \(unit)s"
        }
        if let months = wholeMonths {
            return months % 12 == 0 && months >= 24 ? plural(Double(months / 12), "year") : plural(Double(months), "month")
        }
        let days = hours / Self.hoursPerDay
        if hours >= 72 || (hours >= 48 && days == days.rounded()) { return plural((days * 10).rounded() / 10, "day") }
        let minutes = Int((hours * 60).rounded())
        if minutes < 60 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    private static func trimmed(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
