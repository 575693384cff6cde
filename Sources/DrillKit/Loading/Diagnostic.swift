/// A problem found in an input file, with where it is and a sentence on what would fix it.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Hashable, Sendable, Codable {
        case error, warning
    }

    /// The file, as the user named it.
    public var path: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    /// Error or warning.
    public var severity: Severity
    /// What is wrong, in lower case, without a trailing period.
    public var message: String

    /// Creates a diagnostic.
    public init(path: String, line: Int? = nil, column: Int? = nil, severity: Severity = .error, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `path:line:column: error: message`, the form compilers and editors understand.
    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// Why a file could not be loaded at all.
public enum LoadFailure: Error, Sendable, Equatable {
    /// The file does not exist or cannot be read (exit code 66).
    case missing(path: String, reason: String)
    /// The file exists but its content is invalid (exit code 65).
    case invalid([Diagnostic])
}
