import Foundation

extension RunTranscript {
    /// The largest transcript file accepted: far above any real drill, far below trouble.
    public static let maxFileBytes = 16 << 20

    /// Reads a transcript file for `drill import`, and checks that it is a run drill could have recorded.
    ///
    /// Every problem is a ``Diagnostic`` with the line and column in the file: JSON syntax,
    /// unknown or repeated keys, wrong types, and content that does not hold together (see
    /// ``problems(cache:)``).
    ///
    /// Scenarios and preparedness texts already parsed are taken from `cache` (give one cache
    /// to every file of an import: transcripts of one team or scenario share their texts).
    ///
    /// - Throws: `LoadFailure.missing` when the file cannot be read, `.invalid` with every problem found.
    /// With `keys`, a signed transcript must be signed by one of them (see ``problems(cache:keys:)``).
    public static func load(fileAt url: URL, displayPath: String, cache: TranscriptContentCache = .init(),
                            keys: TrustedKeys? = nil) throws(LoadFailure) -> RunTranscript {
        var budget = InputBudget()
        budget.maxBytes = maxFileBytes
        let text = try InputFile.readText(at: url, displayPath: displayPath, budget: budget)
        return try load(json: text, displayPath: displayPath, cache: cache, keys: keys)
    }

    /// Reads a transcript from JSON text (see ``load(fileAt:displayPath:cache:keys:)``).
    public static func load(json text: String, displayPath: String, cache: TranscriptContentCache = .init(),
                            keys: TrustedKeys? = nil) throws(LoadFailure) -> RunTranscript {
        func diagnostic(_ message: String, at position: JSONOutline.Position?) -> Diagnostic {
            Diagnostic(path: displayPath, line: position?.line, column: position?.column, message: message)
        }
        let outline: JSONOutline
        do {
            outline = try JSONOutline(text)
        } catch {
            throw .invalid([diagnostic("not valid JSON: \(error.message)", at: error.position)])
        }
        guard case .object = outline.root else {
            throw .invalid([diagnostic("not a drill transcript: expected a JSON object; `drill export` writes them", at: outline.root.position)])
        }
        guard outline.root.member(CodingKeys.formatVersion.rawValue) != nil else {
            throw .invalid([diagnostic("not a drill transcript (it has no formatVersion); `drill export` writes them", at: outline.root.position)])
        }
        let keyProblems = TranscriptKeys.problems(in: outline.root)
        guard keyProblems.isEmpty else {
            throw .invalid(keyProblems.map { diagnostic($0.message, at: $0.position) })
        }
        let transcript: RunTranscript
        do {
            // Times inside stored evidence are ISO 8601 text, as ``RunEvidence`` writes them.
            transcript = try RunEvidence.decoder.decode(RunTranscript.self, from: Data(text.utf8))
        } catch let error as DecodingError {
            let (path, message) = Self.describe(error)
            throw .invalid([diagnostic(message, at: outline.position(of: path))])
        } catch {
            throw .invalid([diagnostic("could not be read as a transcript: \(error)", at: nil)])
        }
        let problems = transcript.problems(cache: cache, keys: keys)
        guard problems.isEmpty else {
            throw .invalid(problems.map { diagnostic("\($0.pathDescription): \($0.message)", at: outline.position(of: $0.path.map(TranscriptKey.init))) })
        }
        return transcript
    }

    /// A decoding error as the key path it concerns and a sentence.
    private static func describe(_ error: DecodingError) -> ([any CodingKey], String) {
        switch error {
        case let .keyNotFound(key, context):
            let place = context.codingPath.isEmpty ? "the transcript" : TranscriptProblem.describe(context.codingPath)
            return (context.codingPath, "\(place) has no '\(key.stringValue)'; every \(Self.noun(for: context.codingPath)) needs one")
        case let .valueNotFound(_, context):
            return (context.codingPath, "\(TranscriptProblem.describe(context.codingPath)) is null; it needs a value")
        case let .typeMismatch(type, context):
            return (context.codingPath, "\(TranscriptProblem.describe(context.codingPath)) should be \(Self.typeName(type))")
        case let .dataCorrupted(context):
            let path = context.codingPath
            return (path, "\(TranscriptProblem.describe(path)): \(Self.allowedValues(at: path) ?? context.debugDescription)")
        @unknown default:
            return ([], "could not be read as a transcript")
        }
    }

    private static func noun(for path: [any CodingKey]) -> String {
        switch path.first?.stringValue {
        case "events": "event"
        case "findings": "finding"
        case "participants": "participant"
        case "score": "score"
        case "evidence": "evidence file"
        default: "transcript"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text in double quotes"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: String(describing: type).contains("Array") ? "a list" : "an object"
        }
    }

    private static func allowedValues(at path: [any CodingKey]) -> String? {
        let keys = path.map(\.stringValue)
        let allowed: [String]? = switch (keys.first, keys.last) {
        case ("events", "kind"): DrillEvent.Kind.allCases.map(\.rawValue)
        case ("findings", "status"): NeedStatus.allCases.map(\.rawValue)
        case ("findings", "pillar"): Pillar.allCases.map(\.rawValue)
        case ("status", "status"): RunStatus.allCases.map(\.rawValue)
        default: nil
        }
        return allowed.map { "expected one of " + $0.joined(separator: ", ") }
    }
}

/// Something in a decoded transcript that drill could not have recorded.
public struct TranscriptProblem: Hashable, Sendable {
    /// Where: keys and indexes from the root (`events`, 3, `answer`).
    public var path: [String]
    /// What is wrong, in lower case, without a final period.
    public var message: String

    /// Creates a problem.
    public init(_ path: [String], _ message: String) {
        self.path = path
        self.message = message
    }

    /// `events[3].answer`.
    public var pathDescription: String { Self.describe(path.map(TranscriptKey.init)) }

    static func describe(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text.isEmpty ? "the transcript" : text
    }
}

/// A key of a path through a transcript's JSON: a name, or an index written as digits.
struct TranscriptKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ text: String) {
        stringValue = text
        intValue = text.allSatisfy(\.isNumber) && !text.isEmpty ? Int(text) : nil
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(String(intValue)) }
}

extension RunTranscript {
    /// Everything in the transcript that drill could not have recorded: a malformed id, texts
    /// that do not match their hashes, a scenario or preparedness that no longer loads, events
    /// out of order, a broken hash chain, events or findings or a score that do not follow from
    /// the answers. Empty for any run drill stored and exported.
    ///
    /// These are the same checks `drill show` and `drill resume` make when they replay a run,
    /// so an imported run can always be shown, replayed and resumed. Parsed texts are taken
    /// from `cache` when it has them.
    ///
    /// A transcript that carries a seal must match it (whatever `keys`); with `keys`, its
    /// signature must be by one of them. A transcript without a seal (exported before runs were
    /// sealed) is not a problem: ``signatureVerdict(keys:)`` says it is unsigned.
    public func problems(cache: TranscriptContentCache = .init(), keys: TrustedKeys? = nil) -> [TranscriptProblem] {
        var problems: [TranscriptProblem] = []
        func problem(_ path: Any..., message: String) {
            problems.append(TranscriptProblem(path.map { "\($0)" }, message))
        }
        if !Self.isRunID(id) { problem("id", message: "'\(id.prefix(40))' is not a run id; drill writes them as YYYYMMDD-xxxxxxxxxxxx (YYYYMMDD-xxxx in older transcripts)") }
        for (key, value) in [("team", team), ("scenarioId", scenarioId), ("scenarioTitle", scenarioTitle), ("mode", mode),
                             ("preparednessSource", preparednessSource)]
        where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problem(key, message: "is empty")
        }
        if ContentHash.sha256(scenarioYAML) != scenarioHash {
            problem("scenarioHash", message: "does not match scenarioYAML, so the scenario text was changed after the run; export the run again")
        }
        if ContentHash.sha256(preparednessYAML) != preparednessHash {
            problem("preparednessHash", message: "does not match preparednessYAML, so the preparedness text was changed after the run; export the run again")
        }
        if let playedOn, playedOn > Timestamp8601.day(startedAt) {
            problem("playedOn", message: "is \(playedOn), after the day the run was recorded (\(Timestamp8601.day(startedAt))): a drill is recorded on or after the day it is played")
        }
        for (index, participant) in participants.enumerated() where participant.name.trimmingCharacters(in: .whitespaces).isEmpty {
            problem("participants", index, "name", message: "is empty")
        }
        switch status {
        case .finished:
            if endedAt == nil { problem("endedAt", message: "is missing, but the run is finished") }
            if score == nil { problem("score", message: "is missing, but the run is finished") }
        case .inProgress, .paused:
            if score != nil { problem("score", message: "is given, but the run is \(status.rawValue)") }
        }
        var eventsInOrder = true
        for (index, event) in events.enumerated() {
            if event.seq != index + 1 {
                problem("events", index, "seq", message: "is \(event.seq), but events are numbered 1, 2, 3… in order (expected \(index + 1))")
                eventsInOrder = false
            }
            if !event.simulatedHours.isFinite || event.simulatedHours < 0 || event.simulatedHours > TimeSpan.longest.hours {
                problem("events", index, "simulatedHours", message: "must be a number of hours from 0 to \(Int(TimeSpan.longest.hours))")
                eventsInOrder = false
            }
            if let seconds = event.seconds, !seconds.isFinite || seconds < 0 {
                problem("events", index, "seconds", message: "must be a number of seconds from 0 up")
                eventsInOrder = false
            }
            if let delay = event.delayHours, !delay.isFinite || delay < 0 || delay > TimeSpan.longest.hours {
                problem("events", index, "delayHours", message: "must be a number of hours from 0 to \(Int(TimeSpan.longest.hours))")
                eventsInOrder = false
            }
            if !event.kind.isEngineKind, event.text.count > AnswerRejection.maxLength {
                problem("events", index, "text", message: "is \(event.text.count) characters long; drill keeps notes under \(AnswerRejection.maxLength)")
            }
        }
        guard problems.isEmpty, eventsInOrder else { return problems }
        problems += chainProblems()
        guard problems.isEmpty else { return problems }
        // What does not follow from the answers is named first; a seal that no longer matches says only that something changed.
        problems += replayProblems(cache: cache)
        guard problems.isEmpty else { return problems }
        return sealProblems(keys: keys)
    }

    /// Whether a text has the shape of a run id: `YYYYMMDD-` and base32 lower case, twelve
    /// characters as drill writes them now, four as it wrote them before (``RunRecord/idRandomLengths``).
    public static func isRunID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 8, RunRecord.idRandomLengths.contains(parts[1].count),
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              CalendarDate(parsing: "\(parts[0].prefix(4))-\(parts[0].dropFirst(4).prefix(2))-\(parts[0].suffix(2))") != nil
        else { return false }
        return parts[1].allSatisfy { RunRecord.idAlphabet.contains($0) }
    }

    /// The hash the run's chain starts from.
    public var genesisHash: String {
        EventChain.genesis(runID: id, team: team, scenarioID: scenarioId, scenarioHash: scenarioHash, preparednessHash: preparednessHash,
                           preparednessSource: preparednessSource, asOf: asOf, startedAt: startedAt, mode: mode, facilitator: facilitator)
    }

    /// Where the transcript's own hash chain breaks, or `nil` when it holds or carries no hashes.
    public var chainBreak: EventChain.Break? {
        guard headHash != nil || events.contains(where: { $0.hash != nil }) else { return nil }
        return EventChain.check(genesis: genesisHash, events: events.map { ($0.seq, $0.recordedAt, $0.event, $0.hash) }, head: headHash)
    }

    private func sealProblems(keys: TrustedKeys?) -> [TranscriptProblem] {
        guard let seal else { return [] }
        guard RunSeal(sealContent).hash == seal.hash else {
            return [TranscriptProblem(["seal", "hash"], "does not match the transcript's content, so the transcript was changed after it was sealed")]
        }
        switch keys?.verdict(signature: seal.signature, keyID: seal.keyId, message: RunSeal.signedMessage(seal.hash)) {
        case nil, .valid?:
            return []
        case .invalid?:
            return [TranscriptProblem(["seal", "signature"], "is not a signature of this seal by key \(seal.keyId.prefix(40)): the seal was recomputed without the key")]
        case .unknownKey?:
            return [TranscriptProblem(["seal", "keyId"], "names key \(seal.keyId.prefix(40)), which is not trusted here; add its public key (`drill key` prints it where it was made) to \(TrustedKeys.fileName) beside the transcript")]
        }
    }

    private func chainProblems() -> [TranscriptProblem] {
        guard let broken = chainBreak else { return [] }
        let path: [String] = broken.seq.map { ["events", String($0 - 1), "hash"] } ?? ["headHash"]
        return [TranscriptProblem(path, "the hash chain breaks here (\(broken.detail)), so the transcript was changed after it was recorded")]
    }

    /// Replays the answers against the stored scenario and preparedness, as `drill show` would.
    /// Called once the texts are known to match their hashes, which key the cache.
    private func replayProblems(cache: TranscriptContentCache) -> [TranscriptProblem] {
        let scenario: Scenario
        let profile: PreparednessProfile
        var problems: [TranscriptProblem] = []
        switch cache.scenario(yaml: scenarioYAML, hash: scenarioHash) {
        case let .success(loaded): scenario = loaded
        case let .failure(error): return [TranscriptProblem(["scenarioYAML"], "does not load: " + Self.summarise(error.diagnostics))]
        }
        switch cache.profile(yaml: preparednessYAML, hash: preparednessHash) {
        case let .success(loaded): profile = loaded
        case let .failure(error): return [TranscriptProblem(["preparednessYAML"], "does not load: " + Self.summarise(error.diagnostics))]
        }
        if scenario.id != scenarioId { problems.append(TranscriptProblem(["scenarioId"], "is '\(scenarioId.prefix(60))', but scenarioYAML has the id '\(scenario.id)'")) }
        if scenario.title != scenarioTitle { problems.append(TranscriptProblem(["scenarioTitle"], "differs from the title in scenarioYAML")) }
        if scenario.kind.rawValue != scenarioKind { problems.append(TranscriptProblem(["scenarioKind"], "is '\(scenarioKind.prefix(40))', but scenarioYAML has the kind '\(scenario.kind.rawValue)'")) }
        if profile.team != team { problems.append(TranscriptProblem(["team"], "differs from the team named in preparednessYAML")) }
        guard problems.isEmpty else { return problems }

        // Replay exactly as `drill show` and `drill resume` will (``StoredRun`` replays with
        // the same function), from the events as they will be stored.
        let session: DrillSession
        do {
            session = try StoredRun.replay(
                runID: id, mode: mode, asOf: asOf, edition: AssessmentEdition(playedAt: startedAt), scenario: scenario, profile: profile,
                evidence: evidence?.judge(profile, asOf: asOf), events: events.map { event in
                    var stored = event
                    stored.recordedAt = EventChain.storable(event.recordedAt)
                    return stored
                }
            ).session
        } catch {
            switch error {
            case let .mismatch(_, seq, detail):
                let index = events.firstIndex { $0.seq == seq } ?? 0
                return [TranscriptProblem(["events", String(index)], "does not follow from the run's answers: \(detail)")]
            case let .content(_, diagnostics):
                return [TranscriptProblem([], "the stored scenario or preparedness does not load: " + Self.summarise(diagnostics))]
            case let .store(error):
                return [TranscriptProblem([], "could not be replayed: \(error.message)")]
            }
        }
        // Deadlines follow from the clock the answers ran: each stored one must be the one replayed, met or missed alike.
        let replayedDeadlines = session.events.filter { $0.kind == .deadline }
        for (offset, (index, event)) in events.enumerated().filter({ $0.element.kind == .deadline }).enumerated() {
            guard offset < replayedDeadlines.count else {
                problems.append(TranscriptProblem(["events", String(index)], "is a deadline the run's answers do not reach"))
                break
            }
            let replayed = replayedDeadlines[offset]
            if replayed.deadlineID != event.deadlineID || replayed.met != event.met {
                problems.append(TranscriptProblem(["events", String(index), "met"], "differs from the deadline's outcome the run's answers give (\(replayed.met == true ? "met" : "missed"))"))
                break
            }
        }
        let expectedFindings = session.assessment.findings.map(CheckReport.NeedResult.init)
        if findings.count != expectedFindings.count {
            problems.append(TranscriptProblem(["findings"], "lists \(findings.count) needs; the scenario has \(expectedFindings.count)"))
        } else {
            // The verdicts must follow from the run's content; the wording of reasons may differ
            // between versions of drill, and the stored wording stays the record.
            for (index, (stored, expected)) in zip(findings, expectedFindings).enumerated()
            where (stored.id, stored.pillar, stored.status) != (expected.id, expected.pillar, expected.status) {
                problems.append(TranscriptProblem(["findings", String(index)], "(\(stored.id.prefix(40))) differs from what the run's scenario and preparedness give on \(asOf)"))
            }
        }
        if status == .finished {
            if !session.isFinished || !events.contains(where: { $0.kind == .ended }) {
                problems.append(TranscriptProblem(["status"], "is finished, but the run's answers stop before the end of the drill"))
            } else if let score, score != session.score {
                problems.append(TranscriptProblem(["score"], "differs from the score the run's answers earn (overall \(session.score.overall))"))
            }
        }
        return problems
    }

    private static func summarise(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.prefix(3).map { diagnostic in
            (diagnostic.line.map { "line \($0)" + (diagnostic.column.map { ", column \($0)" } ?? "") + ": " } ?? "") + diagnostic.message
        }.joined(separator: "; ")
    }
}

/// The keys each object of a transcript may have.
enum TranscriptKeys {
    struct Problem {
        var message: String
        var position: JSONOutline.Position
    }

    /// `drill show --format json` adds the CLI contract's `schemaVersion` to a transcript; a
    /// transcript saved from it imports like an exported one.
    static let root = RunTranscript.CodingKeys.allCases.map(\.rawValue) + ["schemaVersion"]
    static let event = EventRecord.CodingKeys.allCases.map(\.rawValue)
    static let participant = keys(of: RunTranscript.Participant(name: "n", role: "r"))
    static let finding = keys(of: CheckReport.NeedResult(Finding(needID: "n", pillar: .logs, status: .met, reasons: ["r"], fix: "f")))
    static let seal = keys(of: StoredSeal(hash: "h", keyId: "k", signature: "s"))
    static let score = keys(of: DrillScore(responsePoints: 0, responsePossible: 0, contacts: 0, logs: 0, backups: 0, deadlinesMet: 0, deadlinesTotal: 0))

    /// The keys a value encodes to, when every optional is set.
    private static func keys(of value: some Encodable) -> [String] {
        guard let data = try? JSONEncoder().encode(value),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return object.keys.sorted()
    }

    /// Unknown and repeated keys anywhere in the transcript.
    static func problems(in root: JSONOutline.Node) -> [Problem] {
        var problems = check(root, allowed: Self.root, what: "a transcript")
        if let participants = root.member("participants")?.value, case let .array(items, _) = participants {
            for item in items { problems += check(item, allowed: participant, what: "a participant") }
        }
        if let events = root.member("events")?.value, case let .array(items, _) = events {
            for item in items { problems += check(item, allowed: event, what: "an event") }
        }
        if let findings = root.member("findings")?.value, case let .array(items, _) = findings {
            for item in items { problems += check(item, allowed: finding, what: "a finding") }
        }
        if let score = root.member("score")?.value { problems += check(score, allowed: Self.score, what: "a score") }
        if let seal = root.member("seal")?.value { problems += check(seal, allowed: Self.seal, what: "a seal") }
        return problems
    }

    private static func check(_ node: JSONOutline.Node, allowed: [String], what: String) -> [Problem] {
        guard case let .object(members, _) = node else { return [] }
        var problems: [Problem] = []
        var seen = Set<String>()
        for member in members {
            if !seen.insert(member.key).inserted {
                problems.append(Problem(message: "'\(member.key.prefix(40))' appears twice in \(what); keep one", position: member.keyPosition))
            } else if !allowed.contains(member.key) {
                let suggestion = YAMLReader.closest(to: member.key, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                problems.append(Problem(message: "unknown key '\(member.key.prefix(40))' in \(what)\(suggestion)", position: member.keyPosition))
            }
        }
        return problems
    }
}

extension RunTranscript {
    /// The file name an export gives this run, without extension: the UTC start time first so
    /// files sort by date, then the team, scenario and run id, e.g.
    /// `2026-11-26T1710Z_lighthouse-apps-example_dormant-contractor-admin_20261126-mk6p`.
    public var fileStem: String {
        let time = Timestamp8601.string(startedAt)
        let stamp = String(time.prefix(10)) + "T" + time.dropFirst(11).prefix(5).replacingOccurrences(of: ":", with: "") + "Z"
        return [stamp, Self.slug(team), Self.slug(scenarioId), Self.slug(id)].joined(separator: "_")
    }

    /// Lower-case ASCII letters, digits and single hyphens, at most 40 characters; `x` when nothing is left.
    static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result += "-"
            }
            if result.count >= 40 { break }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "x" : result
    }
}
