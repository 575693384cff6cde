import Foundation
import GRDB

/// Reading the columns whose Swift type is not a database value of its own: text enums and
/// calendar days, stored as their `Codable` form (the raw value, `YYYY-MM-DD`).
enum RecordColumn {
    /// The enum case whose raw value the column holds; an unknown value is an error naming it.
    static func decode<Value: RawRepresentable>(_ type: Value.Type, _ column: String, in row: Row) throws -> Value
    where Value.RawValue == String {
        let text: String = try row.decode(forColumn: column)
        guard let value = Value(rawValue: text) else { throw corrupt(column, "unknown value '\(text)'") }
        return value
    }

    /// The calendar day the column holds as `YYYY-MM-DD`.
    static func decodeDate(_ column: String, in row: Row) throws -> CalendarDate {
        let text: String = try row.decode(forColumn: column)
        guard let date = CalendarDate(parsing: text) else { throw corrupt(column, "expected a date as YYYY-MM-DD, found '\(text)'") }
        return date
    }

    /// A time as GRDB stores a `Date` (`YYYY-MM-DD HH:MM:SS.SSS`, UTC, the milliseconds
    /// truncated), written without GRDB's `DateFormatter`: its first use loads ICU's calendar and
    /// time zones, 2 M instructions on the way to a drill's first prompt. Only times placed
    /// inside a millisecond (``EventChain/storable(_:)``, as every chained time is) take this
    /// path, where truncating cannot depend on rounding; any other goes through GRDB.
    static func time(_ date: Date?) -> DatabaseValue {
        guard let date else { return .null }
        let scaled = date.timeIntervalSince1970 * 1000
        let whole = scaled.rounded(.down)
        guard (0.1...0.4).contains(scaled - whole), whole >= 0, whole < 253_402_300_800_000 else { return date.databaseValue }
        let text = Timestamp8601.string(Date(timeIntervalSince1970: whole / 1000))
        return "\(text.prefix(10)) \(text.dropFirst(11).prefix(12))".databaseValue
    }

    private static func corrupt(_ column: String, _ message: String) -> UnknownValue {
        UnknownValue(description: "column \(column): \(message)")
    }

    /// A stored value this drill cannot read, named with its column.
    struct UnknownValue: Error, CustomStringConvertible {
        let description: String
    }
}
