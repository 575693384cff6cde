import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The run store: one SQLite file holding every run, its participants, findings and events.
///
/// Opening migrates the schema, so a value of this type is always ready to use. Each write
/// method is one transaction, committed with `synchronous=FULL` in WAL mode, so an answer that
/// `appendEvent` accepted survives a killed process or a power cut.
///
/// Opening never writes to a file it did not make: an existing file is first read without
/// writing (its first page as bytes, then if its journal may hold more, through a read-only
/// connection), and refused unless it is an SQLite file with no tables, or carries drill's
/// application id. Drill's own file is then checked (schema not newer, not cut short) by the
/// connection that opens it, before that connection writes anything.
/// A zero-byte file counts as empty (SQLite treats it as a new database, and drill itself
/// creates the file empty before SQLite opens it), so it becomes a drill database.
public struct AppDatabase: Sendable {
    /// The application id in the header of every drill database: "DRIL" in ASCII.
    public static let applicationID: Int32 = 0x4452_494C
    /// The `path` of an in-memory database, as it appears in messages.
    public static let inMemoryPath = ":memory:"
    /// The schema's version, kept in the file's `user_version`: how many migrations this build knows.
    /// A file with a higher one was made by a newer drill and is refused.
    public static var schemaVersion: Int32 { Int32(migrator.migrations.count) }

    /// The database file as given, or ``inMemoryPath``.
    public let path: String
    let dbWriter: any DatabaseWriter
    /// Who is acting, for the audit trail.
    public let identity: AuditIdentity
    /// The installation's key, which signs every run's seal and the anchor.
    public let key: InstallationKey
    /// The keys whose anchor a write may extend: this installation's, and those it was told to
    /// trust (the team's other installations). A write never re-signs an anchor it cannot check,
    /// so an edit made without a trusted key is never vouched for by a later write.
    public let trustedKeys: TrustedKeys

    /// The anchor this value signed last, which a later write need not check again.
    let anchorMemo = AnchorMemo()
    /// The seal this value stored at a run's last step, which the next step need not check again
    /// while nothing else has written to the file.
    let stepMemo = StepMemo()

    /// Read-only access for queries the named read methods do not cover.
    public var reader: any DatabaseReader { dbWriter }

    private init(_ dbWriter: any DatabaseWriter, path: String, identity: AuditIdentity, key: InstallationKey,
                 trusting others: TrustedKeys) throws(StoreError) {
        self.dbWriter = dbWriter
        self.path = path
        self.identity = identity
        self.key = key
        var trusted = others
        trusted.add(key.publicKey)
        self.trustedKeys = trusted
        do {
            // Every command opens the store, so the common case (drill's own file, fully
            // migrated and sealed) is settled in one read transaction.
            if try dbWriter.read({ db in try Self.isReady(db, path: path) }) { return }
            // A file refused by the probe never gets here; this guards the in-memory case
            // and a newer drill migrating the file between the probe and now.
            if try dbWriter.read({ try Self.migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerSchema(path: path)
            }
            // Claimed in its own transaction before any table exists, so a drill killed while
            // creating the file leaves one it recognises as its own.
            if try dbWriter.read({ try Int32.fetchOne($0, sql: "PRAGMA application_id") }) != Self.applicationID {
                try dbWriter.write { db in
                    let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                    let objectCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
                    guard applicationID == 0, objectCount == 0 else { throw StoreError.notADrillDatabase(path: path) }
                    try db.execute(sql: "PRAGMA application_id = \(Self.applicationID)")
                }
            }
            let before = try dbWriter.read { try Self.migrator.appliedIdentifiers($0) }
            try Self.migrator.migrate(dbWriter)
            let applied = Self.migrator.migrations.filter { !before.contains($0) }
            try dbWriter.write { db in
                // Rows stored before the file was sealed are sealed as they stand, once.
                try sealExistingRecords(in: db)
                if !before.isEmpty && !applied.isEmpty {
                    try record("schema.migrated", runID: nil, detail: "applied \(applied.joined(separator: ", "))", in: db)
                }
            }
            try dbWriter.write { db in
                // The schema's version in the file's header, where tools other than drill can read it.
                let userVersion = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                if userVersion > Self.schemaVersion { throw StoreError.newerSchema(path: path) }
                if userVersion != Self.schemaVersion { try db.execute(sql: "PRAGMA user_version = \(Self.schemaVersion)") }
            }
            let level = try dbWriter.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } ?? -1
            guard level == 2 else { throw StoreError.notDurable(path: path, synchronous: level) }
        } catch {
            throw Self.storeError(error, path: path, writing: true)
        }
    }

    /// Whether the database is drill's, migrated by this build and durable: nothing left to do
    /// on opening. Throws for a newer schema, a file cut short and a connection that is not durable.
    private static func isReady(_ db: Database, path: String) throws -> Bool {
        guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == applicationID else { return false }
        if try migrator.hasBeenSuperseded(db) { throw StoreError.newerSchema(path: path) }
        guard try migrator.hasCompletedMigrations(db) else { return false }
        guard try Int.fetchOne(db, sql: "SELECT pending FROM sealing") == 0 else { return false }
        let userVersion = try Int32.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if userVersion > schemaVersion { throw StoreError.newerSchema(path: path) }
        guard userVersion == schemaVersion else { return false }
        if path != inMemoryPath { try refuseCutShort(db, path: path) }
        let level = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
        guard level == 2 else { throw StoreError.notDurable(path: path, synchronous: level) }
        return true
    }

    // MARK: - Opening

    /// Opens the database at `path`, creating it and its folder (0700) if missing.
    ///
    /// A symbolic link is followed: the file it leads to is opened, or created where it leads.
    /// Files a drill killed while creating the database left beside it are removed first.
    ///
    /// The file and its `-wal` and `-shm` companions are made 0600 whatever the umask. Throws
    /// ``StoreError/notADrillDatabase(path:)`` for a file drill did not make (leaving it
    /// byte-identical), ``StoreError/newerSchema(path:)`` for one a newer drill migrated, and
    /// ``StoreError/unreadable(path:detail:)`` for a damaged or unreadable one.
    ///
    /// `key` signs every seal and the anchor; the executable passes the installation's key
    /// (``InstallationKey/loadOrCreate(in:)``), and in `others` the keys of the team's other
    /// installations that write to the same file. The default, a key made for this process,
    /// suits tests: what it signs verifies only within the process.
    public static func open(path given: String, identity: AuditIdentity = .unknown, key: InstallationKey = .processDefault,
                            trusting others: TrustedKeys = TrustedKeys()) throws(StoreError) -> AppDatabase {
        // Through a symbolic link, the file it leads to is opened (and created, if missing).
        let path = StoreFiles.resolvingLinks(given)
        StoreFiles.removeOrphanedTemporaries(of: path)
        if try existingFileSize(path) == nil {
            try createParentFolder(of: path)
            try createNew(at: path, identity: identity, key: key, trusting: others)
        }
        // Drill never leaves an empty file behind (it builds a new database aside and links it
        // into place), so an empty file is someone else's: refuse it like any foreign file.
        guard let size = try existingFileSize(path), size > 0 else { throw .notADrillDatabase(path: path) }
        try refuseWritableByOthers(path)
        try probe(path: path)
        try restrictPermissions(of: path)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration(path: path))
        } catch {
            throw storeError(error, path: path, writing: true)
        }
        let database = try AppDatabase(queue, path: path, identity: identity, key: key, trusting: others)
        try restrictPermissions(of: path)
        return database
    }

    /// An empty database in memory, for tests and dry runs.
    public static func inMemory(identity: AuditIdentity = .unknown, key: InstallationKey = .processDefault) throws(StoreError) -> AppDatabase {
        do {
            return try AppDatabase(DatabaseQueue(configuration: configuration(path: nil)), path: inMemoryPath, identity: identity, key: key,
                                   trusting: TrustedKeys())
        } catch let error as StoreError {
            throw error
        } catch {
            throw storeError(error, path: inMemoryPath, writing: true)
        }
    }

    /// Where the database lives unless `--db` says otherwise: `$DRILL_DB`, else
    /// `$XDG_DATA_HOME/drill/drill.sqlite`, else `$HOME/.local/share/drill/drill.sqlite`.
    ///
    /// Empty variables count as unset, and so does a relative `XDG_DATA_HOME`, as the XDG
    /// base directory specification asks.
    public static func defaultPath(environment: [String: String]) -> String {
        if let path = environment["DRILL_DB"], !path.isEmpty { return path }
        let dataHome: URL
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            dataHome = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".local/share", isDirectory: true)
        }
        return dataHome.appendingPathComponent("drill", isDirectory: true).appendingPathComponent("drill.sqlite").path
    }

    static func configuration(path: String?) -> Configuration {
        var config = Configuration()
        config.label = "drill"
        config.foreignKeysEnabled = true
        config.busyMode = .callback(waitWhileBusy)
        config.prepareDatabase { db in
            if let path {
                try restrictPermissions(of: path)
                // Set here rather than with `journalMode = .wal`, which GRDB follows with
                // `synchronous = NORMAL`: an answer must survive a power cut, not only a crash.
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else {
                    throw StoreError.writeFailed(path: path, detail: "SQLite would not switch it to write-ahead logging")
                }
            }
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// How long a write waits for other writers' transactions: at least 30 s. With 8 drills and
    /// an import writing one database while other work kept both cores busy, 10 s was sometimes
    /// not enough for a drill's first step (Scripts/load-drills-import.sh).
    static let busyTimeout: Double = 30

    /// Waits about a millisecond (jittered) while another connection holds the write lock, and
    /// gives up after at least ``busyTimeout`` seconds. SQLite's own timeout backs off to 100 ms
    /// between tries, so a drill could keep missing the short gaps between an import's batches;
    /// polling every millisecond takes the lock in the first gap. Used for every connection.
    @Sendable static func waitWhileBusy(_ tries: Int) -> Bool {
        guard Double(tries) < busyTimeout * 1000 else { return false }
        usleep(useconds_t(UInt32.random(in: 500...1500)))
        return true
    }

    /// Closes the connection. SQLite then copies the write-ahead log into the database file and
    /// removes it (a passive checkpoint first, for when another drill still has the file open),
    /// so the file alone holds every committed run. The value must not be used afterwards.
    public func close() throws(StoreError) {
        guard let queue = dbWriter as? DatabaseQueue else { return }
        do {
            if path != Self.inMemoryPath { try queue.writeWithoutTransaction { _ = try $0.checkpoint(.passive) } }
            try queue.close()
        } catch {
            throw Self.storeError(error, path: path, writing: true)
        }
    }

    // MARK: - Access

    /// Runs `updates` in one transaction, turning any failure into a ``StoreError``.
    func write<T>(_ updates: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try dbWriter.write(updates)
        } catch {
            throw Self.storeError(error, path: path, writing: true)
        }
    }

    /// Runs `value` in a read transaction, turning any failure into a ``StoreError``.
    func read<T>(_ value: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try dbWriter.read(value)
        } catch {
            throw Self.storeError(error, path: path, writing: false)
        }
    }

    static func storeError(_ error: any Error, path: String, writing: Bool) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            let detail = String(describing: error)
            return writing ? .writeFailed(path: path, detail: detail) : .unreadable(path: path, detail: detail)
        }
        let detail = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        if [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN].contains(error.resultCode), diskIsFull(near: path) {
            return .writeFailed(path: path, detail: "the disk is full")
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path)
        case .SQLITE_NOTADB:
            return .notADrillDatabase(path: path)
        case .SQLITE_CORRUPT:
            return .unreadable(path: path, detail: detail)
        default:
            return writing ? .writeFailed(path: path, detail: detail) : .unreadable(path: path, detail: detail)
        }
    }
}

// MARK: - Files

extension AppDatabase {
    /// What a read-only look at an existing file found.
    private enum ProbeVerdict {
        case drill, empty, foreign, newer
    }

    /// What the first bytes of an existing file say about it.
    private enum HeaderVerdict {
        /// Not an SQLite file at all.
        case notSQLite
        /// Another program's database.
        case foreign
        /// An SQLite database with no schema and no application id: free to adopt.
        case empty
        /// Carries drill's application id.
        case drill
        /// Carries drill's application id and a schema version newer than this build's.
        case newer
        /// No application id, and a `-wal` or `-journal` beside it may hold more than the file shows.
        case undecided
    }

    /// The SQLite header's magic string.
    private static let sqliteMagic = Array("SQLite format 3\0".utf8)

    /// Whether the file system holding `path` has no room left for another page.
    static func diskIsFull(near path: String) -> Bool {
        var info = statvfs()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard statvfs(folder, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 64 * 1024
    }

    /// The size of the file at `path`, `nil` when nothing is there.
    private static func existingFileSize(_ path: String) throws(StoreError) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .unreadable(path: path, detail: lastErrorText())
        }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw .notADrillDatabase(path: path) }
        return Int(info.st_size)
    }

    /// Looks at an existing file without writing to it, and throws unless drill may.
    ///
    /// Most files are judged from their first page alone, read as bytes: SQLite is not involved,
    /// so nothing appears beside another program's file (a read-only connection to a WAL
    /// database leaves `-wal` and `-shm` files behind). Drill's own files, and those whose
    /// journal may hold more than the file shows, are then read through SQLite, read-only.
    private static func probe(path: String) throws(StoreError) {
        switch try inspectHeader(path) {
        case .notSQLite, .foreign: throw .notADrillDatabase(path: path)
        case .newer: throw .newerSchema(path: path)
        // Drill's own file is checked by the connection that opens it, before any write.
        case .empty, .drill: return
        case .undecided: try probeWithSQLite(path: path)
        }
    }

    /// Reads the database header (100 bytes) and the first page's b-tree header, which lists the schema.
    private static func inspectHeader(_ path: String) throws(StoreError) -> HeaderVerdict {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, detail: "it could not be opened for reading")
        }
        defer { try? handle.close() }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try handle.read(upToCount: 108) ?? Data())
        } catch {
            throw .unreadable(path: path, detail: error.localizedDescription)
        }
        guard bytes.count == 108, bytes.starts(with: sqliteMagic) else { return .notSQLite }
        let applicationID = Int32(bitPattern: bytes[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        let userVersion = Int32(bitPattern: bytes[60..<64].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        if applicationID == Self.applicationID { return userVersion > schemaVersion ? .newer : .drill }
        guard applicationID == 0 else { return .foreign }
        if FileManager.default.fileExists(atPath: path + "-wal") || FileManager.default.fileExists(atPath: path + "-journal") {
            return .undecided
        }
        // Page 1 holds the root of sqlite_master: a leaf (0x0D) with no cells means no tables, indexes or views.
        let cellCount = Int(bytes[103]) << 8 | Int(bytes[104])
        return bytes[100] == 0x0D && cellCount == 0 ? .empty : .foreign
    }

    /// Looks at an existing file through a read-only connection, and throws unless drill may write to it.
    private static func probeWithSQLite(path: String) throws(StoreError) {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        let verdict: ProbeVerdict
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            verdict = try queue.read { db -> ProbeVerdict in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let objectCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
                if applicationID == 0 && objectCount == 0 { return .empty }
                guard applicationID == Self.applicationID else { return .foreign }
                if try migrator.hasBeenSuperseded(db) { return .newer }
                try refuseCutShort(db, path: path)
                return .drill
            }
            try queue.close()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notADrillDatabase(path: path)
        } catch {
            throw storeError(error, path: path, writing: false)
        }
        switch verdict {
        case .drill, .empty: return
        case .foreign: throw .notADrillDatabase(path: path)
        case .newer: throw .newerSchema(path: path)
        }
    }

    /// Refuses a file shorter than its header says, before anything is written to it. Comparing
    /// the sizes costs nothing, where a quick_check would read every page of a large store on
    /// every command (`drill verify` runs the full check).
    private static func refuseCutShort(_ db: Database, path: String) throws {
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
        let pageCount = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        var info = stat()
        guard stat(path, &info) == 0, access(path + "-wal", F_OK) != 0 else { return }
        let fileSize = Int(info.st_size)
        if fileSize < pageSize * pageCount {
            throw StoreError.unreadable(path: path, detail: "it is \(fileSize) bytes long but its header describes \(pageSize * pageCount); it was cut short")
        }
    }

    /// Creates the missing folders above `path`, each 0700.
    static func createParentFolder(of path: String) throws(StoreError) {
        var missing: [URL] = []
        var folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL
        while !FileManager.default.fileExists(atPath: folder.path) {
            missing.append(folder)
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        for folder in missing.reversed() {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                // Another drill may have made it meanwhile; only a folder that is still missing is a failure.
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
                    throw .writeFailed(path: folder.path, detail: "the folder could not be created: \(error.localizedDescription)")
                }
            }
            // mkdir applies the umask; chmod does not.
            guard chmod(folder.path, 0o700) == 0 else {
                throw .writeFailed(path: folder.path, detail: "its permissions could not be set to 0700: \(lastErrorText())")
            }
        }
    }

    /// Builds a new, migrated database next to `path` and links it into place, so that no other
    /// drill ever sees a half-made file; if another drill got there first, its file is kept.
    private static func createNew(at path: String, identity: AuditIdentity, key: InstallationKey, trusting others: TrustedKeys) throws(StoreError) {
        let temporary = StoreFiles.temporaryName(for: path)
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) }
        }
        try createEmptyFile(temporary)
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: configuration(path: temporary))
            _ = try AppDatabase(queue, path: path, identity: identity, key: key, trusting: others)
            // Closing the last connection checkpoints and removes the write-ahead log.
            try queue.close()
        } catch {
            throw storeError(error, path: path, writing: true)
        }
        guard link(temporary, path) == 0 || errno == EEXIST else {
            throw .writeFailed(path: path, detail: "the new database could not be put in place: \(lastErrorText())")
        }
    }

    /// Refuses a database, or a folder holding it, that other users can write: anyone could have altered it.
    private static func refuseWritableByOthers(_ path: String) throws(StoreError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        for (item, isFolder) in [(path, false), (folder, true)] {
            var info = stat()
            guard stat(item, &info) == 0 else { continue }
            let mode = Int(info.st_mode) & 0o7777
            let sticky = mode & 0o1000 != 0
            if mode & 0o022 != 0 && !(isFolder && sticky) {
                throw .writableByOthers(path: item, mode: mode & 0o777, isFolder: isFolder)
            }
        }
    }

    /// Creates `path` empty and 0600, so the file is never readable by others, even for a moment.
    static func createEmptyFile(_ path: String) throws(StoreError) {
        #if canImport(Glibc)
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        #elseif canImport(Musl)
        let descriptor = Musl.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        #else
        let descriptor = Darwin.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        #endif
        if descriptor >= 0 {
            #if canImport(Glibc)
            _ = Glibc.close(descriptor)
            #elseif canImport(Musl)
            _ = Musl.close(descriptor)
            #else
            _ = Darwin.close(descriptor)
            #endif
        } else if errno != EEXIST {
            throw .writeFailed(path: path, detail: "the file could not be created: \(lastErrorText())")
        }
    }

    /// Makes the database file and its `-wal` and `-shm` companions 0600.
    ///
    /// SQLite gives the companions it creates later the database file's own permissions, so
    /// restricting the file once restricts them too; this re-applies it to those that exist.
    static func restrictPermissions(of path: String) throws(StoreError) {
        for file in [path, path + "-wal", path + "-shm"] where chmod(file, 0o600) != 0 {
            let code = errno
            if code == ENOENT && file != path { continue }
            throw .writeFailed(path: file, detail: "its permissions could not be set to 0600: \(lastErrorText(code))")
        }
    }

    private static func lastErrorText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
