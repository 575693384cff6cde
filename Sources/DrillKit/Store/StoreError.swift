import Foundation

/// Why the run store could not do what was asked, as a value the terminal layer can print.
///
/// Every case has a ``message``: one plain sentence that names the file or run and says what
/// to do next. None of them is a programming error; each can follow from what a user did
/// (pointed `--db` at the wrong file, ran two drills on one run, filled the disk).
public enum StoreError: Error, Equatable, Sendable {
    /// The file exists but is not a drill database (another program's file, or not SQLite at all).
    case notADrillDatabase(path: String)
    /// The database was migrated by a newer drill, whose schema this build does not know.
    case newerSchema(path: String)
    /// The database could not be read: it is damaged, truncated or not readable by this user.
    case unreadable(path: String, detail: String)
    /// The file or its folder could not be created or written.
    case writeFailed(path: String, detail: String)
    /// Another process held the database locked for longer than the busy timeout.
    case busy(path: String)
    /// SQLite would not confirm that each write reaches the disk (`PRAGMA synchronous` is not FULL).
    case notDurable(path: String, synchronous: Int)
    /// No run has this id, nor an id starting with it.
    case runNotFound(String)
    /// More than one run has an id starting with this prefix.
    case ambiguousRun(String, matches: [String])
    /// The database, or its folder, can be written by other users.
    case writableByOthers(path: String, mode: Int, isFolder: Bool)
    /// A run with this id is already stored.
    case runExists(String)
    /// The run already has an event with this sequence number: two writers are recording one run.
    case duplicateEvent(runID: String, seq: Int)
    /// The installation's signing key could not be read or created.
    case keyUnavailable(path: String, detail: String)
    /// What is stored no longer matches what was sealed and signed: a write would vouch for the change.
    case altered(path: String, detail: String)

    /// The problem in one plain sentence that says what to do.
    public var message: String {
        switch self {
        case let .notADrillDatabase(path):
            "\(path) is not a drill database and was left untouched; pass --db to use another file."
        case let .newerSchema(path):
            "\(path) was made by a newer drill; upgrade drill or pass --db to use another file."
        case let .unreadable(path, detail):
            "\(path) could not be read (\(detail)); restore it from a backup or pass --db to use another file."
        case let .writeFailed(path, detail):
            "\(path) could not be written (\(detail)); check that its folder is writable and the disk has room, or pass --db to use another file."
        case let .busy(path):
            "\(path) stayed locked by another drill for more than 30 seconds; let that drill finish or stop it, then try again."
        case let .notDurable(path, synchronous):
            "\(path) would not promise that each answer reaches the disk (PRAGMA synchronous is \(synchronous), not 2); put the database on a local disk with --db."
        case let .runNotFound(id):
            "No stored run has the id '\(id)' or an id starting with it; run `drill runs` to list the stored runs."
        case let .ambiguousRun(prefix, matches):
            "'\(prefix)' starts the ids of \(matches.count) runs (\(Self.listed(matches))); give more of the id."
        case let .writableByOthers(path, mode, isFolder):
            "\(path) can be written by other users (mode \(String(mode, radix: 8))), so its records could have been altered; run `chmod \(isFolder ? "700" : "600") \(path)`, then `drill verify`."
        case let .runExists(id):
            "A run with the id \(id) is already stored; start the drill again to get a fresh id."
        case let .duplicateEvent(runID, seq):
            "Run \(runID) already has an event number \(seq), so another drill is recording the same run; stop one of them and continue with `drill resume \(runID)`."
        case let .altered(path, detail):
            "\(path): \(detail); drill will not write to it, so as not to vouch for the change. Run `drill verify` to see what changed."
        case let .keyUnavailable(path, detail):
            "The signing key \(path) could not be used (\(detail)); fix it, or set DRILL_CONFIG_DIR to a folder drill may keep its key in."
        }
    }

    private static func listed(_ ids: [String]) -> String {
        let shown = ids.prefix(5).joined(separator: ", ")
        return ids.count > 5 ? "\(shown) and \(ids.count - 5) more" : shown
    }
}

extension StoreError: CustomStringConvertible, LocalizedError {
    /// The ``message``.
    public var description: String { message }
    /// The ``message``, for `localizedDescription`.
    public var errorDescription: String? { message }
}
