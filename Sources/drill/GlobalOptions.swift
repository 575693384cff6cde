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
    var databasePath: String { db ?? AppDatabase.defaultPath(environment: ProcessInfo.processInfo.environment) }

    /// Opens (creating on first use) the database.
    func openDatabase() throws(CommandFailure) -> AppDatabase {
        do {
            return try AppDatabase.open(path: databasePath, identity: .current)
        } catch {
            throw CommandFailure(error)
        }
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

    func openDatabase() throws(CommandFailure) -> AppDatabase { try database.openDatabase() }
}

extension AuditIdentity {
    /// The OS user and host running this process.
    static var current: AuditIdentity {
        let environment = ProcessInfo.processInfo.environment
        var user = environment["USER"] ?? environment["LOGNAME"] ?? ""
        if user.isEmpty, let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            user = String(cString: name)
        }
        if user.isEmpty { user = "uid \(geteuid())" }
        return AuditIdentity(user: user, host: ProcessInfo.processInfo.hostName)
    }
}
