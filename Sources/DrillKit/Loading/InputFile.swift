import Foundation

/// Reads input files within a budget: never more than the size cap, always valid UTF-8.
public enum InputFile {
    /// The file's text, with a UTF-8 byte-order mark dropped.
    ///
    /// - Throws: `LoadFailure.missing` when the file cannot be read, `.invalid` when it is too
    ///   large or not UTF-8 (with the line and column of the first bad byte).
    public static func readText(at url: URL, displayPath: String, budget: InputBudget = .init()) throws(LoadFailure) -> String {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: budget.maxBytes + 1) ?? Data()
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            let reason = !exists ? "no such file" : isDirectory.boolValue ? "is a folder, not a file" : "cannot be read (check its permissions)"
            throw .missing(path: displayPath, reason: reason)
        }
        guard data.count <= budget.maxBytes else { throw tooLarge(displayPath, budget) }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: bytes)
            throw .invalid([Diagnostic(path: displayPath, line: line, column: column, message: "file is not valid UTF-8; save it as UTF-8")])
        }
        return text
    }

    static func tooLarge(_ path: String, _ budget: InputBudget) -> LoadFailure {
        .invalid([Diagnostic(path: path, message: "file is larger than \(budget.maxBytes / 1024) KiB; split it or remove what is not needed")])
    }

    private static func firstInvalidUTF8(in bytes: Data) -> (Int, Int) {
        var line = 1, column = 1, index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            guard length > 0, index + length <= bytes.endIndex,
                  String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil else { return (line, column) }
            if lead == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return (line, column)
    }

}
