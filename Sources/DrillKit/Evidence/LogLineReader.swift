import Crypto
import CZlib
import Foundation

/// Reads a log file line by line in bounded memory, plain or gzip-compressed alike: zlib's
/// `gzread` inflates a gzip file and passes any other file through unchanged ("transparent"
/// reading, zlib manual: gzopen), so rotated `app.log.2.gz` and live `app.log` read the same way.
///
/// Lines longer than ``maxLine`` bytes are cut there (a timestamp is at the start of a line); the
/// rest of such a line is skipped, so one huge line costs no more memory than a short one.
final class LogLineReader {
    /// The longest part of a line kept.
    static let maxLine = 4096
    private static let chunk = 1 << 16

    private let file: gzFile
    private var buffer = [UInt8](repeating: 0, count: LogLineReader.chunk)
    private var start = 0
    private var end = 0
    private var finished = false
    /// Bytes of (decompressed) content read so far.
    private(set) var bytesRead = 0
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0
    private var hasher = SHA256()

    /// The SHA-256 of the whole content read so far (decompressed), in hexadecimal.
    var digest: String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }

    /// Opens `path`; `nil` when it cannot be opened.
    init?(path: String) {
        guard let file = gzopen(path, "rb") else { return nil }
        gzbuffer(file, 1 << 17)
        self.file = file
    }

    deinit { gzclose(file) }

    /// Why the last read failed (a corrupt or truncated gzip stream), if it did.
    private(set) var failure: String?

    /// The next line without its end, at most ``maxLine`` bytes; `nil` at the end or on failure.
    func nextLine() -> ArraySlice<UInt8>? {
        var line: [UInt8] = []
        var cut = false
        while true {
            if start == end {
                guard !finished else { break }
                let count = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32(Self.chunk)) }
                if count < 0 {
                    var code: Int32 = 0
                    failure = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                    finished = true
                    return nil
                }
                if count == 0 {
                    // A gzip member cut short reads as a clean end with Z_BUF_ERROR pending.
                    var code: Int32 = 0
                    _ = gzerror(file, &code)
                    if code == Z_BUF_ERROR { failure = "the compressed data ends early (a truncated .gz)" }
                    finished = true
                    break
                }
                bytesRead += Int(count)
                buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<Int(count)])) }
                start = 0
                end = Int(count)
            }
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                if !cut { line.append(contentsOf: buffer[start..<min(newline, start + Self.maxLine - line.count)]) }
                start = newline + 1
                lineNumber += 1
                return line[...]
            }
            if !cut {
                let room = Self.maxLine - line.count
                line.append(contentsOf: buffer[start..<min(end, start + room)])
                if end - start >= room { cut = true }
            }
            start = end
        }
        guard failure == nil, !line.isEmpty || cut else { return nil }
        lineNumber += 1
        return line[...]
    }
}
