import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system chores around the store's files: following a symbolic link to the file it names,
/// and removing what an interrupted creation left behind.
enum StoreFiles {
    /// The file `path` names, symbolic links followed (up to 32 of them), even when the file
    /// they lead to does not exist yet. Drill opens the database where it really is, so that the
    /// `-wal` and `-shm` files SQLite keeps beside it are the ones drill checks and restricts:
    /// through the link's own path, a log not yet checkpointed made the file look cut short.
    /// A link that cannot be read, or a loop, is left as given, for SQLite to report.
    static func resolvingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<32 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { return path }
            current = target.hasPrefix("/") ? target
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(target).path
        }
        return path
    }

    /// The name drill gives a file it builds beside `path` before linking it into place:
    /// `NAME.new-PID-RANDOM`, so that what a killed drill leaves is recognised and removed.
    static func temporaryName(for path: String) -> String {
        path + ".new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Removes the files beside `path` that a drill killed while creating it left behind
    /// (`NAME.new-PID-RANDOM`, and its `-wal`, `-shm` and `-journal`), when that drill's process
    /// is gone; a drill still creating the file keeps its own. Returns the names removed.
    @discardableResult
    static func removeOrphanedTemporaries(of path: String) -> [String] {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let prefix = url.lastPathComponent + ".new-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0, !isRunning(pid) else { continue }
            if unlink(folder.appendingPathComponent(name).path) == 0 { removed.append(name) }
        }
        return removed.sorted()
    }

    /// Whether a process with this id exists (one of another user's counts: its files are left alone).
    static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
