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

    private static func corrupt(_ column: String, _ message: String) -> UnknownValue {
        UnknownValue(description: "column \(column): \(message)")
    }

    /// A stored value this drill cannot read, named with its column.
    struct UnknownValue: Error, CustomStringConvertible {
        let description: String
    }
}
