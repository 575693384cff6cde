import ArgumentParser
import DrillKit
import Foundation

/// `--scenarios DIR`: where the scenario library is.
struct ScenarioFolderOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Scenario folder.", valueName: "dir"), completion: .directory)
    var scenarios: String = "scenarios"

    /// Loads the scenario library; problems in individual files come back as diagnostics.
    func loadLibrary() throws(CommandFailure) -> ScenarioLibrary {
        do {
            return try ScenarioLibrary.load(folder: URL(fileURLWithPath: scenarios), displayPath: scenarios)
        } catch {
            throw CommandFailure(error, hint: "pass --scenarios DIR to name the scenario folder")
        }
    }

    /// Loads the scenario folder one file at a time (`ScenarioLibrary.stream`): each scenario
    /// goes to `transform` on any thread, and what it makes of it, or the file's problems, to
    /// `body` in file order.
    func streamLibrary<Value: Sendable>(transform: @escaping @Sendable (Scenario) -> Value,
                                        _ body: (ScenarioLibrary.Entry<Value>) -> Void) throws(CommandFailure) {
        do {
            try ScenarioLibrary.stream(folder: URL(fileURLWithPath: scenarios), displayPath: scenarios, transform: transform, body)
        } catch {
            throw CommandFailure(error, hint: "pass --scenarios DIR to name the scenario folder")
        }
    }
}

/// `--team FILE`: the team's preparedness.
struct TeamOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Preparedness file (default: ./preparedness.yaml, else the embedded example team).", valueName: "file"),
            completion: Completions.yamlFile)
    var team: String?

    /// The team's preparedness, its exact text, and where it came from.
    struct LoadedTeam {
        var profile: PreparednessProfile
        var yaml: String
        var source: String
        var isExample: Bool { source == ExampleTeam.displayPath }
    }

    /// The team's preparedness: `--team`, else `./preparedness.yaml`, else the embedded example team.
    /// Records dated after `judgedOn` are refused.
    func loadTeam(judgedOn: CalendarDate? = nil) throws(CommandFailure) -> LoadedTeam {
        let path = team ?? (FileManager.default.fileExists(atPath: "preparedness.yaml") ? "preparedness.yaml" : nil)
        do {
            guard let path else {
                return LoadedTeam(profile: try ExampleTeam.profile(), yaml: ExampleTeam.yaml, source: ExampleTeam.displayPath)
            }
            let text = try InputFile.readText(at: URL(fileURLWithPath: path), displayPath: path)
            return LoadedTeam(profile: try PreparednessProfile.load(yaml: text, displayPath: path, datesNotAfter: judgedOn), yaml: text, source: path)
        } catch {
            throw CommandFailure(error, hint: "write one with `drill init`")
        }
    }
}

/// `--db PATH`: the database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Database file (default: $DRILL_DB, else ~/.local/share/drill/drill.sqlite).", valueName: "path"),
            completion: .file())
    var db: String?

    /// The database path: `--db`, else `$DRILL_DB`, else the user's data folder.
    var databasePath: String { db ?? AppDatabase.defaultPath(environment: ProcessEnvironment.values) }

    /// Opens (creating on first use) the database, with the installation's signing key.
    ///
    /// A command that only reads passes `creating: false`: where no database exists it reads an
    /// empty one in memory, so listing runs on a fresh machine leaves no file behind.
    /// `extra` are further keys whose anchor a write may extend (`verify --keys`).
    func openDatabase(creating: Bool = true, trusting extra: TrustedKeys = TrustedKeys()) throws(CommandFailure) -> AppDatabase {
        try Self.openDatabase(at: databasePath, creating: creating, trusting: extra)
    }

    /// Opens the database at `path` as ``openDatabase(creating:trusting:)`` does; it is closed (its
    /// write-ahead log checkpointed into the file) when the command ends.
    static func openDatabase(at path: String, creating: Bool = true, trusting extra: TrustedKeys = TrustedKeys()) throws(CommandFailure) -> AppDatabase {
        do {
            // Nothing is stored in an empty database in memory, so it needs no lasting key either.
            let database = !creating && !FileManager.default.fileExists(atPath: path)
                ? try AppDatabase.inMemory(identity: .current)
                : try AppDatabase.open(path: path, identity: .current, key: installationKey(), trusting: teamKeys().adding(extra))
            OpenedDatabases.shared.add(database)
            return database
        } catch {
            throw CommandFailure(error)
        }
    }

    /// The installation's signing key, created in the config folder on first use.
    static func installationKey() throws(StoreError) -> InstallationKey {
        try InstallationKey.loadOrCreate(in: InstallationKey.defaultFolder(environment: ProcessEnvironment.values))
    }

    /// The public keys in `KEYS` in the config folder: the team's other installations, whose
    /// signatures over a shared database this one trusts and extends.
    static func teamKeys() -> TrustedKeys {
        var keys = TrustedKeys()
        keys.addKeys(fromFileAt: InstallationKey.defaultFolder(environment: ProcessEnvironment.values).appendingPathComponent(TrustedKeys.fileName))
        return keys
    }

    /// The keys whose signatures count: the installation's own, those in `KEYS` in the config
    /// folder (the keys of the team's other installations, which sign what they write to a
    /// shared database), and those in a `KEYS` file in each of `folders`.
    static func trustedKeys(own key: InstallationKey, besides folders: [URL]) -> TrustedKeys {
        var keys = teamKeys()
        keys.add(key.publicKey)
        for folder in Set(folders) { keys.addKeys(fromFileAt: folder.appendingPathComponent(TrustedKeys.fileName)) }
        return keys
    }
}

/// The databases this process opened, closed when its command ends: closing checkpoints the
/// write-ahead log into the database file, so a backup or sync of `drill.sqlite` alone holds
/// every run a command wrote.
final class OpenedDatabases: @unchecked Sendable {
    static let shared = OpenedDatabases()
    // Read and written under `lock` only.
    private let lock = NSLock()
    private var databases: [AppDatabase] = []

    func add(_ database: AppDatabase) { lock.withLock { databases.append(database) } }

    /// Closes every database opened so far; a failure to close leaves the log for SQLite's next open.
    func closeAll() {
        let all = lock.withLock { () -> [AppDatabase] in
            defer { databases = [] }
            return databases
        }
        for database in all { try? database.close() }
    }
}

/// All three for the commands that use all three (a drill, `check`, `due`): each command
/// takes only the options it acts on, so its help lists no option it would ignore.
struct GlobalOptions: ParsableArguments {
    @OptionGroup var folder: ScenarioFolderOption
    @OptionGroup var teamOption: TeamOption
    @OptionGroup var database: DatabaseOption

    typealias LoadedTeam = TeamOption.LoadedTeam

    var scenarios: String { folder.scenarios }
    var team: String? { teamOption.team }
    var databasePath: String { database.databasePath }

    func loadLibrary() throws(CommandFailure) -> ScenarioLibrary { try folder.loadLibrary() }

    func streamLibrary<Value: Sendable>(transform: @escaping @Sendable (Scenario) -> Value,
                                        _ body: (ScenarioLibrary.Entry<Value>) -> Void) throws(CommandFailure) {
        try folder.streamLibrary(transform: transform, body)
    }

    func loadTeam(judgedOn: CalendarDate? = nil) throws(CommandFailure) -> LoadedTeam { try teamOption.loadTeam(judgedOn: judgedOn) }

    func openDatabase(creating: Bool = true, trusting extra: TrustedKeys = TrustedKeys()) throws(CommandFailure) -> AppDatabase {
        try database.openDatabase(creating: creating, trusting: extra)
    }

    // The database's keys live with `DatabaseOption`; these name them where commands hold all three options.
    static func openDatabase(at path: String, creating: Bool = true, trusting extra: TrustedKeys = TrustedKeys()) throws(CommandFailure) -> AppDatabase {
        try DatabaseOption.openDatabase(at: path, creating: creating, trusting: extra)
    }

    static func installationKey() throws(StoreError) -> InstallationKey { try DatabaseOption.installationKey() }

    static func teamKeys() -> TrustedKeys { DatabaseOption.teamKeys() }

    static func trustedKeys(own key: InstallationKey, besides folders: [URL]) -> TrustedKeys {
        DatabaseOption.trustedKeys(own: key, besides: folders)
    }
}

extension AuditIdentity {
    /// The OS user and host running this process. The user is the name of the account the
    /// process runs as (its real user id) from the system's user database, not `$USER` or
    /// `$LOGNAME`, which anyone can set to anything; an id with no entry is recorded as `uid N`.
    static var current: AuditIdentity {
        AuditIdentity(user: accountName(of: getuid()), host: ProcessInfo.processInfo.hostName)
    }

    /// The name the system's user database gives `uid`, through `getpwuid_r` (no shared buffer).
    static func accountName(of uid: uid_t) -> String {
        var buffer = [CChar](repeating: 0, count: 16_384)
        let name = buffer.withUnsafeMutableBufferPointer { storage -> String? in
            var entry = passwd()
            var found: UnsafeMutablePointer<passwd>?
            guard let base = storage.baseAddress, getpwuid_r(uid, &entry, base, storage.count, &found) == 0, found != nil,
                  let name = entry.pw_name else { return nil }
            return String(cString: name)
        }
        guard let name, !name.isEmpty else { return "uid \(uid)" }
        return name
    }
}
