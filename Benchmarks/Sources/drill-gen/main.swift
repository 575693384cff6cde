// drill-gen: builds what the benchmarks measure against.
//
//   drill-gen scenarios --from scenarios --out DIR --count 1000
//       DIR gets `count` valid scenarios: the shipped ones, each copy with its own id, title
//       and onset (so they differ in what a check reports), valid per `drill lint`.
//   drill-gen db --scenarios scenarios --out FILE [--teams 1000] [--runs 100000] [--events 5000000] [--seed 1]
//       A drill database as drill itself would have written it: runs of the shipped scenarios
//       played with DrillSession against 1,000 teams' preparedness files, each answer
//       attributed, notes, grades, hot washes, pauses, findings, scores, audit entries, the
//       full-text index (kept by drill's own triggers) and a valid hash chain per run. One run
//       of the first team has 10,000 events (for the export figure). Writes FILE.json with
//       what the harness needs (a team, runs, counts).
//   drill-gen transcripts --db FILE --out DIR --count 10000
//       The first `count` runs' JSON transcripts, as `drill export --format json` writes them.
import DrillKit
import Foundation
import GRDB

// MARK: - Arguments

/// The command line: `drill-gen COMMAND --name value …`.
enum Arguments {
    static let command = CommandLine.arguments.dropFirst().first ?? ""
    static let options = Array(CommandLine.arguments.dropFirst(2))
}
let command = Arguments.command
guard !command.isEmpty else {
    FileHandle.standardError.write(Data("usage: drill-gen scenarios|db|transcripts [options]\n".utf8))
    exit(64)
}

func option(_ name: String, _ fallback: String? = nil) -> String {
    let arguments = Arguments.options
    if let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count { return arguments[index + 1] }
    guard let fallback else {
        FileHandle.standardError.write(Data("drill-gen \(Arguments.command): --\(name) is required\n".utf8))
        exit(64)
    }
    return fallback
}

func say(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

/// A small, seeded generator, so the same options give the same database.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

// MARK: - Words

let adjectives = ["Amber", "Blue", "Cedar", "Copper", "Crimson", "Delta", "Ember", "Fern", "Granite", "Harbor", "Indigo", "Juniper",
                  "Kestrel", "Linen", "Maple", "North", "Oak", "Pine", "Quartz", "River", "Saffron", "Silver", "Tidal", "Umber",
                  "Violet", "Willow", "Yarrow", "Zephyr", "Basalt", "Coral", "Drift", "Echo"]
let nouns = ["Apps", "Labs", "Software", "Studio", "Works", "Systems", "Digital", "Cloud", "Data", "Health", "Pay", "Learning",
             "Logistics", "Media", "Games", "Tools", "Analytics", "Security", "Commerce", "Mobile", "Robotics", "Energy", "Travel",
             "Foods", "Legal", "Finance", "Insight", "Signal", "Forge", "Harvest", "Compass", "Orbit"]
let people = ["Priya Raman", "Tom Okafor", "Mei Lin", "Sam Whitlock", "Ana Sousa", "Jonas Berg", "Fatima Khan", "Luca Rossi",
              "Grace Njoroge", "Hiro Tanaka", "Olivia Brown", "Mateo García", "Aisha Bello", "Noah Schmidt", "Zoë Dubois",
              "Ravi Patel", "Ingrid Larsen", "Kwame Mensah", "Sofia Ivanova", "Daniel Cohen"]
let roles = ["incident commander", "comms", "scribe", "engineering lead", "legal", "support lead", nil]
let noteTexts = [
    "legal asked about the DPA clock before we call the regulator",
    "nobody knew where the insurer's policy number is kept",
    "the on-call phone list in the wiki is out of date again",
    "we assumed the platform vendor would answer on a weekend; they did not",
    "Dana pointed out the audit log export needs a second admin",
    "restore runbook refers to a bucket that was renamed last year",
    "paused discussion: who owns the customer notification template",
    "escalation to the hosting provider took three tries to find the right portal",
    "log retention question: can we prove what happened 90 days ago",
    "team split on whether to rotate the signing key before the forensic image",
    "facilitator reminded everyone the regulator deadline is 72 hours from awareness",
    "support lead wants a canned reply for customers asking about the breach",
    "CTO unreachable for 20 minutes; deputy took the decision",
    "we need the incident-response retainer number printed, not only in the password manager",
    "timeline reconstruction relies on the CI audit trail which keeps 30 days",
    "question raised about whether backups of secrets are encrypted off-platform",
    "the status page could not be updated because its login is on the downed SSO",
    "agreed to snapshot the compromised instance before any cleanup",
    "someone proposed deleting the rogue admin immediately; evidence first",
    "comms drafted a holding statement in ten minutes",
]
let freeTexts = [
    "Snapshot the disks, revoke the stolen keys, then call the incident-response partner before touching anything else.",
    "Notify the insurer first so the retained responders are covered, then open a case with the platform vendor.",
    "Preserve the audit logs to write-once storage, rotate every credential the contractor had, and rebuild from version control.",
    "Tell affected customers within the contractual window and keep a dated record of every decision we take.",
    "Restore the database from the last verified backup into a separate account and compare row counts before cutover.",
    "Escalate to the legal adviser about the 72-hour notification and start the regulator's form in parallel.",
    "Freeze releases, roll back to the previous signed build, and check the artifact hashes against the registry.",
    "Disable the webhook, rotate its secret, and list every tenant where an admin was created in the last week.",
]
let hotWashTexts = [
    "went-well": ["Roles were clear and the scribe kept a good timeline.", "We found the hosting contact quickly this time.",
                  "Evidence was preserved before cleanup.", "Comms had a holding statement ready early."],
    "to-improve": ["Confirm the insurer's claims line every quarter.", "Extend admin-action log retention to 13 months.",
                   "Test a restore of customer data before the next drill.", "Keep the contact sheet off the platform we sell on."],
    "surprised-us": ["How much of the timeline depended on logs we no longer keep.", "That the vendor portal needs a login we lost.",
                     "How long a restore really takes.", "That nobody had the regulator's reporting form bookmarked."],
]

/// A facilitator's note; some cite a ticket, which makes a rare word to search for.
func noteText(_ rng: inout SplitMix64) -> String {
    let text = rng.pick(noteTexts)
    return rng.chance(0.2) ? text + " (ticket INC-\(Int.random(in: 10_000...99_999, using: &rng)))" : text
}

// MARK: - Scenarios

/// The shipped scenarios' texts, by file name.
func shippedScenarios(_ folder: String) -> [(name: String, text: String)] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    return names.compactMap { name in
        (try? String(contentsOfFile: folder + "/" + name, encoding: .utf8)).map { (name, $0) }
    }
}

/// Rewrites the top-level `id:`, `title:` and `onset:` lines of a scenario.
func variant(of text: String, number: Int, rng: inout SplitMix64) -> (id: String, text: String) {
    var id = ""
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        if line.hasPrefix("id: ") {
            id = line.dropFirst(4) + String(format: "-v%04d", number)
            return "id: " + id
        }
        if line.hasPrefix("title: ") { return line + " (variant \(number))" }
        if line.hasPrefix("onset: "), line.hasSuffix("d"), Int(line.dropFirst(7).dropLast()) != nil {
            return "onset: \(Int.random(in: 3...200, using: &rng))d"
        }
        return String(line)
    }
    return (id, lines.joined(separator: "\n"))
}

func makeScenarios() throws {
    let from = option("from", "scenarios"), out = option("out"), count = Int(option("count", "1000")) ?? 1000
    let shipped = shippedScenarios(from)
    guard !shipped.isEmpty else { say("no scenarios in \(from)"); exit(66) }
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    var rng = SplitMix64(state: 7)
    for number in 1...count {
        let base = shipped[(number - 1) % shipped.count]
        let (id, text) = variant(of: base.text, number: number, rng: &rng)
        try text.write(toFile: "\(out)/\(id).yaml", atomically: false, encoding: .utf8)
    }
    say("wrote \(count) scenarios to \(out)")
}

// MARK: - Teams

/// A team's preparedness file: one of the two example teams, renamed, with its own dates and retentions.
func teamYAML(name: String, base: String, rng: inout SplitMix64) -> String {
    let retentions = ["14d", "30d", "90d", "180d", "400d", "13mo", "2y"]
    return base.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        let trimmed = line.drop { $0 == " " }
        let indent = String(line.prefix(line.count - trimmed.count))
        if line.hasPrefix("team: ") { return "team: \(name)" }
        if trimmed.hasPrefix("confirmed: 20") {
            if rng.chance(0.1) { return indent + "confirmed: never" }
            let day = CalendarDate(daysSinceEpoch: Int.random(in: 19_500...20_400, using: &rng))
            return indent + "confirmed: \(day)"
        }
        if trimmed.hasPrefix("restoreTested: 20") {
            let day = CalendarDate(daysSinceEpoch: Int.random(in: 19_300...20_400, using: &rng))
            return indent + "restoreTested: \(day)"
        }
        if trimmed.hasPrefix("retention: ") { return indent + "retention: " + rng.pick(retentions) }
        return String(line)
    }.joined(separator: "\n")
}

// MARK: - Playing a run

struct PlayedRun {
    var record: RunRecord
    var participants: [ParticipantRecord]
    var findings: [Finding]
    var events: [(seq: Int, recordedAt: Date, event: DrillEvent, hash: String)]
    var audit: [(at: Date, action: String, detail: String)]
}

enum Ending { case finished, paused, killed }

/// An answer the prompt accepts, most often the right one.
func answer(for prompt: Prompt, session: DrillSession, rng: inout SplitMix64) -> String {
    switch prompt.kind {
    case let .singleChoice(options):
        if rng.chance(0.6), let right = options.firstIndex(where: \.correct) { return String(right + 1) }
        return String(Int.random(in: 1...max(1, options.count), using: &rng))
    case let .multipleChoice(options):
        var chosen = options.indices.filter { options[$0].correct ? rng.chance(0.8) : rng.chance(0.2) }
        if chosen.isEmpty { chosen = [Int.random(in: 0..<max(1, options.count), using: &rng)] }
        return chosen.map { String($0 + 1) }.joined(separator: ",")
    case .pickContact:
        return String(Int.random(in: 1...max(1, session.contactChoices.count), using: &rng))
    case let .yesNo(expected):
        return (rng.chance(0.7) ? expected : !expected) ? "yes" : "no"
    case .freeText:
        return rng.pick(freeTexts)
    case let .estimate(expected, tolerance, _):
        let value = rng.chance(0.6) ? expected + Double.random(in: -tolerance...tolerance, using: &rng) : expected * Double.random(in: 0.3...2.5, using: &rng)
        return String(format: "%.0f", value.rounded())
    }
}

func play(scenario: Scenario, yaml: String, team: (name: String, yaml: String, profile: PreparednessProfile), startedAt: Date,
          usedIDs: inout Set<String>, targetEvents: Int, rng: inout SplitMix64) -> PlayedRun {
    let onboarding = rng.chance(0.1)
    let mode: DrillSession.Mode = onboarding ? .onboarding : .drill
    let startedAt = EventChain.storable(startedAt)
    var id = RunRecord.makeID(startedAt: startedAt, using: &rng)
    while usedIDs.contains(id) { id = RunRecord.makeID(startedAt: startedAt, using: &rng) }
    usedIDs.insert(id)
    let facilitator: String? = onboarding ? nil : rng.pick(people)
    var names = onboarding ? [rng.pick(people)] : Array(Set((0..<Int.random(in: 2...5, using: &rng)).map { _ in rng.pick(people) })).sorted()
    if names.isEmpty { names = [rng.pick(people)] }
    let participants = names.enumerated().map { position, name in
        ParticipantRecord(runID: id, name: name, role: onboarding ? "new hire" : (rng.pick(roles) ?? nil), position: position)
    }
    let asOf = CalendarDate(daysSinceEpoch: Int((startedAt.timeIntervalSince1970 / 86_400).rounded(.down)))
    // Judged by the edition of the rules a run started on that day had (as drill replays it):
    // with today's rules, 2,243 of 100,000 older runs stored deadlines that verify, replaying
    // them with their own edition, rightly called altered.
    var session = DrillSession(scenario: scenario, profile: team.profile, asOf: asOf, mode: mode, edition: AssessmentEdition(playedAt: startedAt))
    var record = RunRecord(
        id: id, team: team.name, scenarioID: scenario.id, scenarioTitle: scenario.title, scenarioKind: scenario.kind.rawValue,
        mode: mode.rawValue, facilitator: facilitator, startedAt: startedAt, asOf: asOf, scenarioYAML: yaml,
        preparednessYAML: team.yaml, preparednessSource: "preparedness.yaml")

    let roll = Double.random(in: 0..<1, using: &rng)
    let ending: Ending = roll < 0.93 ? .finished : roll < 0.97 ? .paused : .killed
    let stopAfter = ending == .finished ? Int.max : Int.random(in: 1...4, using: &rng)
    let timed = rng.chance(0.2)
    let pauseOnce = ending == .finished && rng.chance(0.1) ? Int.random(in: 1...3, using: &rng) : -1

    var events: [DrillEvent] = Array(session.events)
    var notesWanted = max(0, targetEvents - 30)
    var answered = 0
    while let prompt = session.pendingPrompt, answered < stopAfter {
        if notesWanted > 0 {
            let notes = targetEvents > 1_000 ? notesWanted : (rng.chance(0.8) ? min(notesWanted, Int.random(in: 1...4, using: &rng)) : 0)
            for _ in 0..<notes {
                events.append(DrillEvent(kind: .note, simulated: session.now, injectID: session.currentInject?.id, promptID: prompt.id,
                                         actor: facilitator ?? names[0], text: noteText(&rng)))
            }
            notesWanted -= notes
        }
        if answered == pauseOnce {
            events.append(DrillEvent(kind: .paused, simulated: session.now, text: "paused by the facilitator"))
            events.append(DrillEvent(kind: .resumed, simulated: session.now, text: "resumed"))
        }
        let actor = prompt.role.flatMap { role in participants.first { $0.role == role }?.name } ?? rng.pick(names)
        let seconds = timed ? (Double.random(in: 20...400, using: &rng) * 10).rounded() / 10 : nil
        var range: Range<Int>?
        for attempt in [answer(for: prompt, session: session, rng: &rng), "1", "yes", "2"] {
            if let accepted = try? session.answer(attempt, by: actor, seconds: seconds) { range = accepted; break }
        }
        guard let range else { break }
        events += session.events[range]
        answered += 1
        if case .freeText = prompt.kind, let facilitator, rng.chance(0.8) {
            let grade = rng.pick(DrillSession.Grade.allCases)
            if let graded = try? session.grade(prompt.id, grade, by: facilitator, comment: rng.chance(0.5) ? "covers the main steps" : "") {
                events += session.events[graded]
            }
        }
    }
    var audit: [(Date, String, String)] = [(startedAt, "run.started", "\(mode.rawValue) of \(scenario.id) for \(team.name)")]
    if session.isFinished && ending == .finished {
        for (question, texts) in hotWashTexts.sorted(by: { $0.key < $1.key }) where rng.chance(0.85) {
            events.append(DrillEvent(kind: .hotWash, simulated: session.now, promptID: question, actor: rng.pick(names), text: rng.pick(texts)))
        }
    } else if ending == .paused || session.pendingPrompt != nil && ending != .killed {
        events.append(DrillEvent(kind: .paused, simulated: session.now, text: "paused by the facilitator"))
    }

    // Wall-clock times: answers take the team a while; everything else follows within milliseconds.
    var clock = startedAt.timeIntervalSince1970
    var chained: [(seq: Int, recordedAt: Date, event: DrillEvent, hash: String)] = []
    chained.reserveCapacity(events.count)
    record.headHash = EventChain.genesis(of: record)
    var previous = record.headHash ?? ""
    for (index, event) in events.enumerated() {
        switch event.kind {
        case .answer: clock += event.seconds ?? Double.random(in: 15...300, using: &rng)
        case .note, .hotWash, .grade: clock += Double.random(in: 10...90, using: &rng)
        case .resumed: clock += Double.random(in: 3_600...86_400, using: &rng)
        default: clock += Double.random(in: 0.002...0.03, using: &rng)
        }
        let at = EventChain.storable(Date(timeIntervalSince1970: clock))
        previous = EventChain.link(previous: previous, seq: index + 1, recordedAt: at, event: event)
        chained.append((index + 1, at, event, previous))
    }
    record.headHash = previous
    let lastAt = chained.last?.recordedAt ?? startedAt
    if session.isFinished && ending == .finished {
        let score = session.score
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        record.status = .finished
        record.endedAt = EventChain.storable(lastAt.addingTimeInterval(1))
        record.overallScore = score.overall
        record.scoreJSON = (try? encoder.encode(score)).map { String(decoding: $0, as: UTF8.self) }
        audit.append((lastAt, "run.finished", "overall \(score.overall)/100"))
    } else if ending == .paused || events.last?.kind == .paused {
        record.status = .paused
        audit.append((lastAt, "run.paused", ""))
    } else {
        record.status = .inProgress
    }
    return PlayedRun(record: record, participants: participants, findings: session.assessment.findings, events: chained,
                     audit: audit.map { (at: $0.0, action: $0.1, detail: $0.2) })
}

// MARK: - Storing

let eventSQL = """
    INSERT INTO event (runID, seq, kind, simulatedHours, recordedAt, injectID, promptID, deadlineID, needID, actor, text, answer,
                       points, maxPoints, met, delayHours, hash, seconds)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    """

func store(_ run: PlayedRun, in db: Database, identity: AuditIdentity) throws {
    try run.record.insert(db)
    for participant in run.participants {
        var participant = participant
        try participant.insert(db)
    }
    for (position, finding) in run.findings.enumerated() {
        try FindingRecord(runID: run.record.id, position: position, finding: finding).insert(db)
    }
    let statement = try db.cachedStatement(sql: eventSQL)
    for item in run.events {
        let e = item.event
        try statement.execute(arguments: [
            run.record.id, item.seq, e.kind.rawValue, e.simulated.hours, item.recordedAt, e.injectID, e.promptID, e.deadlineID, e.needID,
            e.actor, e.text, e.answer, e.points, e.maxPoints, e.met, e.delay?.hours, item.hash, e.seconds,
        ])
    }
    for entry in run.audit {
        var audit = AuditRecord(at: entry.at, action: entry.action, runID: run.record.id, detail: entry.detail, identity: identity)
        try audit.insert(db)
    }
}

func makeDatabase() throws {
    let scenarioFolder = option("scenarios", "scenarios"), out = option("out")
    let teamCount = Int(option("teams", "1000")) ?? 1000
    let runCount = Int(option("runs", "100000")) ?? 100_000
    let eventTarget = Int(option("events", "5000000")) ?? 5_000_000
    var rng = SplitMix64(state: UInt64(option("seed", "1")) ?? 1)
    let started = Date()

    let library = try ScenarioLibrary.load(folder: URL(fileURLWithPath: scenarioFolder), displayPath: scenarioFolder)
    guard !library.scenarios.isEmpty else { say("no scenarios in \(scenarioFolder)"); exit(66) }
    let bases = [ExampleTeam.yaml, (try? String(contentsOfFile: "examples/nightjar-preparedness.yaml", encoding: .utf8)) ?? ExampleTeam.yaml]
    var teams: [(name: String, yaml: String, profile: PreparednessProfile)] = []
    for number in 0..<teamCount {
        let name = "\(adjectives[number % adjectives.count]) \(nouns[(number / adjectives.count) % nouns.count])"
            + (number >= adjectives.count * nouns.count ? " \(number)" : "")
        let yaml = teamYAML(name: name, base: bases[number % bases.count], rng: &rng)
        teams.append((name, yaml, try PreparednessProfile.load(yaml: yaml, displayPath: name)))
    }

    for suffix in ["", "-wal", "-shm"] { unlink(out + suffix) }
    // drill itself creates and migrates the file, so it carries the real schema, id and permissions,
    // with the installation's key: the anchor it signs on creation must be one drill trusts when
    // it opens the file again (with the process's throwaway key, sealing below stopped at
    // "the anchor was signed by key …, which is not trusted here", after every run was stored).
    let key = try InstallationKey.loadOrCreate(in: InstallationKey.defaultFolder(environment: ProcessInfo.processInfo.environment))
    let identity = AuditIdentity(user: "facilitator", host: "drill-bench")
    _ = try AppDatabase.open(path: out, identity: identity, key: key)
    var config = Configuration()
    config.prepareDatabase { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY")
    }
    let queue = try DatabaseQueue(path: out, configuration: config)

    // Runs per team, spread over five years, each team drilling the scenarios in turn.
    let runsPerTeam = runCount / teamCount
    let firstDay = 18_993.0 * 86_400 // 2022-01-01
    let span = 1_780.0 * 86_400
    let meanEvents = eventTarget / max(1, runCount)
    var usedIDs = Set<String>()
    var storedRuns = 0, storedEvents = 0
    var manifest: [String: Any] = [:]
    var longRun = "", sampleRun = ""
    let batch = 250
    var pending: [PlayedRun] = []
    func flush() throws {
        try queue.inTransaction { db in
            for run in pending { try store(run, in: db, identity: identity) }
            return .commit
        }
        pending.removeAll(keepingCapacity: true)
    }
    for runIndex in 0..<runsPerTeam {
        for (teamIndex, team) in teams.enumerated() {
            let long = teamIndex == 0 && runIndex == runsPerTeam - 1
            let scenario = library.scenarios[(teamIndex + runIndex) % library.scenarios.count]
            let at = firstDay + span * (Double(runIndex) + Double.random(in: 0..<0.9, using: &rng)) / Double(runsPerTeam)
            let target = long ? 10_000 : Int.random(in: (meanEvents - 20)...(meanEvents + 20), using: &rng)
            let run = play(scenario: scenario, yaml: library.sources[scenario.id] ?? "", team: team,
                           startedAt: Date(timeIntervalSince1970: at.rounded() + Double(Int.random(in: 0...999, using: &rng)) / 1000),
                           usedIDs: &usedIDs, targetEvents: target, rng: &rng)
            if long { longRun = run.record.id }
            if teamIndex == 1 && runIndex == runsPerTeam / 2 { sampleRun = run.record.id }
            storedRuns += 1
            storedEvents += run.events.count
            pending.append(run)
            if pending.count == batch { try flush() }
        }
        if runIndex % 5 == 4 {
            let rate = Double(storedEvents) / Date().timeIntervalSince(started)
            say("\(storedRuns) runs, \(storedEvents) events (\(Int(rate)) events/s)")
        }
    }
    try flush()
    // The rows went in raw, unsealed: drill seals them, as it seals a database of an earlier
    // drill, the next time it opens the file (below, with the installation's key).
    try queue.write { db in try db.execute(sql: "UPDATE sealing SET pending = 1") }
    try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    try queue.close()
    say("stored \(storedRuns) runs and \(storedEvents) events in \(Int(Date().timeIntervalSince(started))) s")

    // Improvement items are numbered when someone first lists them: do it once, through drill.
    let itemsStarted = Date()
    let database = try AppDatabase.open(path: out, identity: identity, key: key)
    say("sealed \(storedRuns) runs in \(Int(Date().timeIntervalSince(itemsStarted))) s")
    let items = try database.improvementItems()
    say("numbered \(items.count) improvement items in \(Int(Date().timeIntervalSince(itemsStarted))) s")

    manifest["teams"] = teamCount
    manifest["runs"] = storedRuns
    manifest["events"] = storedEvents
    manifest["improvementItems"] = items.count
    manifest["team"] = teams[1].name
    manifest["sampleRun"] = sampleRun
    manifest["longRun"] = longRun
    manifest["seconds"] = Int(Date().timeIntervalSince(started))
    let data = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
    try data.write(to: URL(fileURLWithPath: out + ".json"))
    say(String(decoding: data, as: UTF8.self))
}

// MARK: - Transcripts

func makeTranscripts() throws {
    let path = option("db"), out = option("out"), count = Int(option("count", "10000")) ?? 10_000
    let key = try InstallationKey.loadOrCreate(in: InstallationKey.defaultFolder(environment: ProcessInfo.processInfo.environment))
    let database = try AppDatabase.open(path: path, key: key)
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    // Ordinary runs only: the 10,000-event run is measured on its own.
    let ids = try database.reader.read { db in
        try String.fetchAll(db, sql: "SELECT id FROM run WHERE rowid IN (SELECT rowid FROM run ORDER BY rowid LIMIT ?) ORDER BY id", arguments: [count])
    }
    var bytes = 0, events = 0
    for id in ids {
        let transcript = try RunTranscript(runID: id, from: database)
        let data = transcript.jsonData()
        bytes += data.count
        events += transcript.events.count
        try data.write(to: URL(fileURLWithPath: "\(out)/\(id).json"))
    }
    say("wrote \(ids.count) transcripts (\(bytes) bytes, \(events) events) to \(out)")
    print("\(ids.count) \(bytes) \(events)")
}

switch command {
case "scenarios": try makeScenarios()
case "db": try makeDatabase()
case "transcripts": try makeTranscripts()
default:
    say("unknown command \(command)")
    exit(64)
}
