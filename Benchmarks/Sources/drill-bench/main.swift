// drill-bench: timings that have to be taken inside one process.
//
//   drill-bench append --db FILE --floor FILE [--count 300]
//       One answer made durable: a real DrillSession is answered, and the events each answer
//       produces are stored as `drill run` stores them before showing the next step (one
//       `appendEvents` transaction per answer, WAL, synchronous=FULL). The floor is a bare `BEGIN; INSERT; COMMIT` of one row through the
//       SQLite C API into a new file beside it with the same settings. The two alternate, one
//       of each per answer, so that a noisy moment hits both. FILE may be the large database:
//       the runs written are deleted afterwards. Prints one JSON object, milliseconds.
import DrillKit
import Foundation
import GRDB
import GRDBSQLite

func say(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// The command line: `drill-bench COMMAND --name value …`.
enum Arguments {
    static let command = CommandLine.arguments.dropFirst().first ?? ""
    static let options = Array(CommandLine.arguments.dropFirst(2))
}

func option(_ name: String, _ fallback: String? = nil) -> String {
    let arguments = Arguments.options
    if let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count { return arguments[index + 1] }
    guard let fallback else { say("--\(name) is required"); exit(64) }
    return fallback
}

func milliseconds(_ block: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try block()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

func summary(_ samples: [Double]) -> [String: Double] {
    let sorted = samples.sorted()
    func at(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * q))] }
    let mean = sorted.reduce(0, +) / Double(sorted.count)
    let deviation = (sorted.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(sorted.count)).squareRoot()
    return ["median": at(0.5), "p10": at(0.1), "p90": at(0.9), "min": sorted[0], "max": sorted[sorted.count - 1], "mean": mean, "stddev": deviation]
}

/// The floor: a bare insert-and-commit through the C API, WAL and synchronous=FULL.
final class BareSQLite {
    var handle: OpaquePointer?
    var insert: OpaquePointer?

    init(path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else { fatalError("open \(path)") }
        exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
        exec("CREATE TABLE answer (runID TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL, hash TEXT, PRIMARY KEY (runID, seq))")
        guard sqlite3_prepare_v2(handle, "INSERT INTO answer (runID, seq, text, hash) VALUES (?, ?, ?, ?)", -1, &insert, nil) == SQLITE_OK else {
            fatalError("prepare")
        }
    }

    func exec(_ sql: String) {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { fatalError(String(cString: sqlite3_errmsg(handle))) }
    }

    func append(seq: Int, text: String, hash: String) {
        exec("BEGIN IMMEDIATE")
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        sqlite3_bind_text(insert, 1, "20261120-bnch", -1, transient)
        sqlite3_bind_int64(insert, 2, Int64(seq))
        sqlite3_bind_text(insert, 3, text, -1, transient)
        sqlite3_bind_text(insert, 4, hash, -1, transient)
        guard sqlite3_step(insert) == SQLITE_DONE else { fatalError(String(cString: sqlite3_errmsg(handle))) }
        sqlite3_reset(insert)
        exec("COMMIT")
    }

    deinit {
        sqlite3_finalize(insert)
        sqlite3_close(handle)
    }
}

/// Answers a prompt with the first option the session accepts.
func answerSomehow(_ session: inout DrillSession) -> Range<Int>? {
    for attempt in ["1", "yes", "2", "Preserve the evidence, then call the partner."] {
        if let range = try? session.answer(attempt, by: "Priya Raman") { return range }
    }
    return nil
}

func benchAppend() throws {
    let path = option("db"), floorPath = option("floor"), count = Int(option("count", "300")) ?? 300
    // The installation's key: drill-gen sealed the file with it, and drill writes only over an anchor it trusts.
    let key = try InstallationKey.loadOrCreate(in: InstallationKey.defaultFolder(environment: ProcessInfo.processInfo.environment))
    let database = try AppDatabase.open(path: path, identity: AuditIdentity(user: "bench", host: "drill-bench"), key: key)
    let scenarioText = try String(contentsOfFile: "scenarios/dormant-contractor-admin.yaml", encoding: .utf8)
    let scenario = try Scenario.load(yaml: scenarioText, displayPath: "scenario")
    let profile = try ExampleTeam.profile()
    let bare = BareSQLite(path: floorPath)
    let hash = String(repeating: "a", count: 64)
    var perAnswer: [Double] = [], perEvent: [Double] = [], floor: [Double] = [], eventsPerAnswer: [Int] = []
    var runIDs: [String] = []
    var floorSeq = 0
    // 1990-01-01: before any run drill-gen writes.
    let benchStart = Date(timeIntervalSince1970: 631_152_000)
    // Real answer steps: each answer's events (the answer, its consequences, the next inject and
    // prompt) stored as `drill run` stores them, in one `appendEvents` transaction.
    while perAnswer.count < count + 5 {
        var session = DrillSession(scenario: scenario, profile: profile, asOf: CalendarDate(daysSinceEpoch: 20_400))
        var generator = SystemRandomNumberGenerator()
        let runID = "bench-" + RunRecord.makeID(startedAt: Date(), using: &generator)
        runIDs.append(runID)
        try database.createRun(RunRecord(
            id: runID, team: "Benchmark team", scenarioID: scenario.id, scenarioTitle: scenario.title, scenarioKind: scenario.kind.rawValue,
            startedAt: benchStart, asOf: session.asOf, scenarioYAML: scenarioText, preparednessYAML: ExampleTeam.yaml,
            preparednessSource: ExampleTeam.displayPath), participants: [], findings: session.assessment.findings)
        try database.appendEvents(session.events, runID: runID, firstSeq: 1, recordedAt: Date())
        var seq = session.events.count
        while session.pendingPrompt != nil, let range = answerSomehow(&session) {
            let events = Array(session.events[range])
            let a = try milliseconds {
                try database.appendEvents(events, runID: runID, firstSeq: seq + 1, recordedAt: Date())
            }
            seq += events.count
            floorSeq += 1
            let text = events.first?.text ?? "answer"
            let b = milliseconds { bare.append(seq: floorSeq, text: text, hash: hash) }
            perAnswer.append(a)
            perEvent.append(a / Double(events.count))
            eventsPerAnswer.append(events.count)
            floor.append(b)
        }
    }
    // The first few warm the caches of both.
    perAnswer.removeFirst(5); perEvent.removeFirst(5); floor.removeFirst(5); eventsPerAnswer.removeFirst(5)
    // Leave the database as drill would: the runs written are deleted through `drill prune`'s
    // own path, which records each deletion in the ledger and the audit trail, so `drill verify`
    // of the file still passes (deleting rows behind drill's back is tampering, and it said so).
    // They started on a day before any generated run, so that path deletes exactly them.
    let deleted = try database.deleteRuns(startedBefore: benchStart.addingTimeInterval(86_400), reason: "drill-bench append: its own runs")
    guard Set(deleted.map(\.id)) == Set(runIDs) else { throw BenchError("deleted \(deleted.count) runs, wrote \(runIDs.count)") }
    let result: [String: Any] = [
        "count": perAnswer.count, "drill": summary(perAnswer), "perEvent": summary(perEvent), "floor": summary(floor),
        "eventsPerAnswer": Double(eventsPerAnswer.reduce(0, +)) / Double(eventsPerAnswer.count),
    ]
    let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

/// A benchmark that could not leave the database as it found it.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

switch Arguments.command {
case "append": try benchAppend()
default:
    say("usage: drill-bench append --db FILE --floor FILE [--count N]")
    exit(64)
}
