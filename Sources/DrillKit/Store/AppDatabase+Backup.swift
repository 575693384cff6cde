import Foundation
import GRDB

extension AppDatabase {
    /// Copies the database, while it is in use, to a new file at `path` through SQLite's online
    /// backup, and returns the copy opened with the same key, for the caller to verify.
    ///
    /// The copy is one consistent state (a drill writing meanwhile waits, or is copied before or
    /// after its step), made 0600 in a 0700 folder. An existing file is never overwritten.
    public func backup(to path: String) throws(StoreError) -> AppDatabase {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw .writeFailed(path: path, detail: "a file is already there, and a backup never overwrites one")
        }
        try Self.createParentFolder(of: path)
        try Self.createEmptyFile(path)
        do {
            let destination = try DatabaseQueue(path: path, configuration: Self.configuration(path: path))
            try dbWriter.backup(to: destination)
            try destination.close()
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw Self.storeError(error, path: path, writing: true)
        }
        try Self.restrictPermissions(of: path)
        return try AppDatabase.open(path: path, identity: identity, key: key)
    }
}
