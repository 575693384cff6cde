/// A day of the week, Monday first as in a working week.
public enum Weekday: String, CaseIterable, Codable, Sendable, Comparable {
    case monday, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Parses `Mon`, `monday`, `Tue`, … (case-insensitive).
    public init?(parsing text: String) {
        let lower = text.lowercased()
        guard lower.count >= 3,
              let match = Weekday.allCases.first(where: { $0.rawValue.hasPrefix(lower) }) else { return nil }
        self = match
    }

    /// `Monday`, `Tuesday`, …
    public var name: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    /// `Mon`, `Tue`, …
    public var shortName: String { String(name.prefix(3)) }

    var index: Int { Weekday.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.index < rhs.index }
}
