import DrillKit

/// A problem in an input file, as JSON: where it is, how bad, and what is wrong.
struct DiagnosticJSON: Encodable {
    var path: String
    var line: Int?
    var column: Int?
    var severity: String
    var message: String

    init(_ diagnostic: Diagnostic) {
        path = diagnostic.path
        line = diagnostic.line
        column = diagnostic.column
        severity = diagnostic.severity.rawValue
        message = diagnostic.message
    }

    func encode(to encoder: any Encoder) throws {
        // Line and column are null, not missing, when unknown: every diagnostic has the same keys.
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(severity, forKey: .severity)
        try container.encode(message, forKey: .message)
    }

    private enum CodingKeys: String, CodingKey { case path, line, column, severity, message }
}
