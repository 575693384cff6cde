import Crypto
import Foundation

/// What a local log folder shows: how far back its entries reach, whether they carry a zone,
/// the longest silence between them, and who else may read the files.
public struct LogFolderSummary: Hashable, Sendable, Codable {
    /// Files read (plain and gzip-rotated).
    public var files: Int
    /// Lines with a recognised timestamp.
    public var entries: Int
    /// Of those, lines whose time names no zone (syslog, `2026-11-29 08:12:01`).
    public var withoutZone: Int
    /// Lines with no recognised timestamp (continuations, stack traces).
    public var undated: Int
    /// The oldest entry.
    public var oldest: Date?
    /// The newest entry.
    public var newest: Date?
    /// The longest time between two entries, to the minute.
    public var largestGap: TimeSpan?
    /// Files that anyone on the machine may read (beyond their owner and group), relative to the folder.
    public var readableByOthers: [String]

    /// Creates a summary.
    public init(files: Int, entries: Int, withoutZone: Int, undated: Int, oldest: Date?, newest: Date?, largestGap: TimeSpan?,
                readableByOthers: [String]) {
        self.files = files
        self.entries = entries
        self.withoutZone = withoutZone
        self.undated = undated
        self.oldest = oldest
        self.newest = newest
        self.largestGap = largestGap
        self.readableByOthers = readableByOthers
    }
}

/// A local log folder, named by a log source as `path:/var/log/app` (relative paths from the
/// preparedness file's folder): every file in it and its subfolders, plain or gzip-rotated
/// (`app.log`, `app.log.1`, `app.log.2.gz`), read line by line in bounded memory.
///
/// Timestamps are recognised as ``LogTimestamp`` describes. The SHA-256 covers each file's path
/// and the SHA-256 of its content (decompressed), in path order; the collection time is the newest file's
/// modification time. A symlink loop, an unreadable file, a corrupt `.gz` or binary data is a
/// problem naming the file and line, and nothing is judged from the folder.
enum LogFolderReader {
    static let format = "log-folder"
    /// Deepest subfolder read.
    static let maxDepth = 16

    static func read(folder url: URL, id: String, displayPath: String) throws(EvidenceProblemAt) -> (fact: EvidenceFact, sha256: String, collected: Date?) {
        var files: [(relative: String, path: String, mode: mode_t, modified: Date)] = []
        var visited: Set<[UInt64]> = []
        func walk(_ path: String, relative: String, depth: Int) throws(EvidenceProblemAt) {
            var info = stat()
            guard stat(path, &info) == 0 else {
                let reason = errno == ELOOP ? "is a symlink loop" : errno == EACCES ? "cannot be read (permission denied)" : "cannot be read (\(String(cString: strerror(errno))))"
                throw EvidenceProblemAt(displayPath + (relative.isEmpty ? "" : "/" + relative), reason)
            }
            if (info.st_mode & 0o170000) == 0o040000 {
                guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
                    throw EvidenceProblemAt(displayPath + "/" + relative, "is a symlink loop: it leads back to a folder already read")
                }
                guard depth <= maxDepth else { throw EvidenceProblemAt(displayPath + "/" + relative, "is nested deeper than \(maxDepth) folders") }
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                    throw EvidenceProblemAt(displayPath + (relative.isEmpty ? "" : "/" + relative), "cannot be read (permission denied)")
                }
                for name in names.sorted() where !name.hasPrefix(".") {
                    try walk(path + "/" + name, relative: relative.isEmpty ? name : relative + "/" + name, depth: depth + 1)
                }
            } else if (info.st_mode & 0o170000) == 0o100000 {
                let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec))
                files.append((relative, path, info.st_mode, modified))
            }
        }
        try walk(url.path, relative: "", depth: 0)

        var hasher = SHA256()
        var entries = 0, withoutZone = 0, undated = 0
        var oldest: Date?, newest: Date?
        // Minutes with at least one entry: the largest gap in bounded memory, whatever the files' order.
        var minutes: Set<Int32> = []
        for file in files {
            guard let reader = LogLineReader(path: file.path) else {
                throw EvidenceProblemAt(displayPath + "/" + file.relative, "cannot be read (permission denied)")
            }
            let display = displayPath + "/" + file.relative
            hasher.update(data: Data((file.relative + "\u{0}").utf8))
            // A syslog time has no year: the year of the file's last write, or the one before for later months.
            let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: file.modified).year ?? 1970
            while let line = reader.nextLine() {
                if line.contains(0) {
                    throw EvidenceProblemAt(display, "is not a text log: binary data (a NUL byte) on this line", line: reader.lineNumber)
                }
                guard var stamp = LogTimestamp.parse(line, year: year) else {
                    undated += 1
                    continue
                }
                if !stamp.zoned, stamp.date > file.modified.addingTimeInterval(86_400),
                   let earlier = Calendar(identifier: .gregorian).date(byAdding: .year, value: -1, to: stamp.date) {
                    stamp.date = earlier
                }
                entries += 1
                if !stamp.zoned { withoutZone += 1 }
                oldest = min(oldest ?? stamp.date, stamp.date)
                newest = max(newest ?? stamp.date, stamp.date)
                minutes.insert(Int32(clamping: Int((stamp.date.timeIntervalSince1970 / 60).rounded(.down))))
            }
            if let failure = reader.failure {
                throw EvidenceProblemAt(display, "cannot be read past line \(reader.lineNumber): \(failure)")
            }
            hasher.update(data: Data(reader.digest.utf8))
        }
        var largestGap: TimeSpan?
        if minutes.count > 1 {
            let sorted = minutes.sorted()
            var widest: Int32 = 0
            for (a, b) in zip(sorted, sorted.dropFirst()) { widest = max(widest, b - a) }
            largestGap = TimeSpan(hours: Double(widest) / 60)
        }
        let others = files.filter { $0.mode & 0o004 != 0 }.map(\.relative)
        let summary = LogFolderSummary(files: files.count, entries: entries, withoutZone: withoutZone, undated: undated, oldest: oldest,
                                       newest: newest, largestGap: largestGap, readableByOthers: others)
        let sha = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (EvidenceFact(id: id, .logFolder(summary: summary)), sha, files.map(\.modified).max())
    }
}

/// A problem with one file of several read as one piece of evidence (a log folder): the file, and the line when known.
struct EvidenceProblemAt: Error, Sendable {
    var path: String
    var message: String
    var line: Int?

    init(_ path: String, _ message: String, line: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
    }
}
