import Crypto
import Foundation

/// Reads a JSON export in bounded memory: one pass over the bytes, in 1 MiB pieces, that checks
/// the text is JSON of a sane shape (no nesting deeper than ``maxDepth``, no text longer than
/// ``maxText``, no binary data, nothing cut short) and hands it on in parts a parser can hold.
///
/// An export is one long list (`[ … ]`, or the first list member of the top object:
/// `{"logGroups": [ … ]}`): the parts are the same document with that list holding the next
/// ~``partBytes`` of its items, so a 50 MB export is parsed 4 MiB at a time and each reader sees
/// documents of its own shape. Everything else of the document (before the list) is repeated in
/// each part; no single item or other member may be larger than ``maxItem``.
struct JSONExportStream {
    static let maxDepth = 64
    static let maxText = 1 << 20
    static let partBytes = 4 << 20
    static let maxItem = 16 << 20
    private static let chunk = 1 << 20

    /// Where the export is not JSON drill will read, with the line and column.
    struct Problem: Error, Sendable {
        var message: String
        var line: Int
        var column: Int
    }

    /// Reads `url`, calling `part` with each self-contained JSON document and the line it starts
    /// at; returns the SHA-256 of the file's bytes.
    static func read(_ url: URL, part: (Data, Int) throws -> Void) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var stack: [UInt8] = []
        var document: [UInt8] = []
        document.reserveCapacity(partBytes + (1 << 16))
        var inString = false, escaped = false, textLength = 0
        var line = 1, column = 0
        var listDepth: Int?          // depth of the list streamed in parts, once open
        var prefixLength = 0         // bytes of `document` up to and including that list's `[`
        var partLine = 1
        var done = false             // the top-level value has closed
        var sawValue = false
        func problem(_ message: String) -> Problem { Problem(message: message, line: line, column: column) }
        /// The document so far, with what is open closed.
        func closed() -> Data {
            var text = document
            for open in stack.reversed() { text.append(open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")) }
            return Data(text)
        }

        while let data = try handle.read(upToCount: chunk), !data.isEmpty {
            hasher.update(data: data)
            for byte in data {
                if byte == 0x0A { line += 1; column = 0 } else { column += 1 }
                if inString {
                    textLength += 1
                    if textLength > maxText { throw problem("has a text longer than \(maxText >> 20) MiB: not an export drill reads") }
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    else if byte < 0x20 { throw problem("is not valid JSON: binary data (byte 0x\(String(byte, radix: 16))) inside a text") }
                    document.append(byte)
                    continue
                }
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D:
                    if !done { document.append(byte) }
                    continue
                default:
                    break
                }
                if done { throw problem("is not valid JSON: text after the end of the document") }
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    textLength = 0
                    sawValue = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    stack.append(byte)
                    sawValue = true
                    if stack.count > maxDepth { throw problem("is not valid JSON for an export: nested deeper than \(maxDepth) lists and objects") }
                    // The list to stream: the top-level list, or the first list member of the top object.
                    if listDepth == nil, byte == UInt8(ascii: "["), stack.count == 1 || (stack.count == 2 && stack[0] == UInt8(ascii: "{")) {
                        listDepth = stack.count
                        document.append(byte)
                        prefixLength = document.count
                        continue
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    guard let open = stack.popLast(), open == (byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")) else {
                        throw problem("is not valid JSON: '\(Character(UnicodeScalar(byte)))' closes nothing that is open")
                    }
                    if stack.isEmpty { done = true }
                    if let depth = listDepth, stack.count == depth - 1 { listDepth = -1 } // closed; stream no other list
                case UInt8(ascii: ","):
                    if let depth = listDepth, depth > 0, stack.count == depth {
                        if document.count - prefixLength >= partBytes {
                            try part(closed(), partLine)
                            document.removeSubrange(prefixLength...)
                            partLine = line
                            continue
                        }
                    }
                case UInt8(ascii: ":"):
                    break
                default:
                    guard byte < 0x80, byte >= 0x20, "+-.0123456789eEtruefalsn".utf8.contains(byte) else {
                        throw problem("is not valid JSON: binary data (byte 0x\(String(byte, radix: 16))) where JSON was expected")
                    }
                    sawValue = true
                }
                document.append(byte)
                if document.count > (listDepth == nil ? 0 : prefixLength + partBytes) + maxItem {
                    throw problem("has an item larger than \(maxItem >> 20) MiB: not an export drill reads")
                }
            }
        }
        guard sawValue else { throw problem("is not valid JSON: it is empty") }
        guard !inString, stack.isEmpty else { throw problem("is not valid JSON: it ends before its last text, list or object closes (truncated?)") }
        try part(closed(), partLine)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
