import Foundation

/// JSON as drill writes it (transcripts, reports, evidence, check, every `--format json`): lowerCamelCase keys sorted, two-space indent, times as
/// ISO 8601 in UTC with milliseconds, spans as hours.
public enum DrillJSON {
    /// Encodes a value.
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp8601.string(date))
        }
        return try encoder.encode(value)
    }

    /// Encodes a value as text, without a final newline.
    public static func string(_ value: some Encodable) throws -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }
}
