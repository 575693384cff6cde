import ArgumentParser
import DrillKit
import Foundation

/// Plays a drill in the terminal: shows each step, reads answers, and commits each step's
/// events (one transaction) before showing any of them, so a killed drill loses nothing it
/// accepted and never leaves half a step.
struct DrillPlayer {
    /// Where answers come from.
    enum AnswerSource {
        /// Typed or piped, one line per answer.
        case lines(any LineReader)
        /// Written in advance, by prompt id.
        case script(AnswerScript)
    }

    /// How the drill stopped.
    enum Outcome {
        case finished(DrillScore)
        case paused
    }

    var session: DrillSession
    let recorder: DrillRecorder
    let source: AnswerSource
    let participants: [ParticipantRecord]
    let facilitator: String?
    let out: Terminal
    /// How many events of `session` are already stored.
    var stored: Int
    /// How many of them are already shown (a new run's opening is stored with the run, then shown here).
    var shown: Int
    /// Seconds allowed per prompt in a timed drill.
    var timeBox: Double?

    /// Who answers when nobody says (`:as NAME` sets it).
    private var speaker: String?
    /// When the pending prompt was put to the team (in this process: a resume restarts the clock).
    private var askedAt = Date()

    init(session: DrillSession, recorder: DrillRecorder, source: AnswerSource, participants: [ParticipantRecord],
         facilitator: String?, out: Terminal, stored: Int, shown: Int? = nil, timeBox: Double? = nil) {
        self.session = session
        self.recorder = recorder
        self.source = source
        self.participants = participants
        self.facilitator = facilitator
        self.out = out
        self.stored = stored
        self.shown = shown ?? stored
        self.timeBox = timeBox
    }

    private var renderer: DrillRenderer { DrillRenderer(session: session, terminal: out, participants: participants) }

    /// Stores and shows the events not yet stored, then plays until the end or a pause.
    mutating func play() throws -> Outcome {
        try commitAndShow(stored..<session.events.count)
        askedAt = Date()
        showTimeBox()
        while let prompt = session.pendingPrompt {
            switch source {
            case let .script(script):
                guard let entry = script.entries[prompt.id] else {
                    try pause("paused: \(script.path) has no answer for prompt '\(prompt.id)'")
                    throw CommandFailure([script.diagnostic(for: prompt.id, "no answer for prompt '\(prompt.id)' (\(prompt.question)); the run is paused: drill resume \(recorder.runID)")])
                }
                do {
                    try commitAndShow(try session.answer(entry.answer, by: entry.actor ?? defaultActor(for: prompt)))
                } catch let rejection as AnswerRejection {
                    try pause("paused: the scripted answer to '\(prompt.id)' was not accepted")
                    throw CommandFailure([script.diagnostic(for: prompt.id, "answer to '\(prompt.id)' not accepted: \(rejection.message); the run is paused: drill resume \(recorder.runID)")])
                }
            case let .lines(reader):
                guard let line = read(reader) else {
                    try pause("paused: end of input")
                    return .paused
                }
                if try handle(line, prompt: prompt, reader: reader) == .paused { return .paused }
            }
        }
        // The run is marked finished once the hot wash is over: killed during it, the run is
        // still in progress, and `drill resume` asks the questions not yet answered.
        try hotWash()
        let score = session.score
        try recorder.database.finishRun(runID: recorder.runID, score: score, endedAt: Date())
        out.write(renderer.debrief(events: session.events + recordedHotWash, score: score))
        return .finished(score)
    }

    private enum LineResult { case continued, paused }

    /// The next line, or `nil` at end of input. A line over ``InputLine/limit`` bytes was never
    /// held whole: it is refused, saying so, and the prompt asked again.
    private mutating func read(_ reader: any LineReader, prompt text: TerminalText = "> ") -> String? {
        while true {
            guard let input = reader.readCappedLine(prompt: out.styled(text, .emphasis), on: out) else {
                out.line()
                return nil
            }
            // A pipe does not echo: show what was read so the screen reads like a session,
            // but not a line too long to be an answer: its start and its length say enough.
            if !reader.isInteractive { out.line(TerminalText.line(Self.echo(input))) }
            if input.isCut {
                out.paragraph("  that line is \(input.byteCount) bytes long and was not kept; answers are at most \(AnswerRejection.maxLength) characters", .warning)
                continue
            }
            return input.text
        }
    }

    /// A piped line as the screen shows it: whole up to the answer cap, else its first 60 characters and its length.
    static func echo(_ input: InputLine) -> String {
        if !input.isCut, input.text.count <= AnswerRejection.maxLength { return input.text }
        let length = input.isCut ? "\(input.byteCount) bytes" : "\(input.text.count) characters"
        return String(input.text.prefix(60)) + "… (\(length))"
    }

    private mutating func handle(_ raw: String, prompt: Prompt, reader: any LineReader) throws -> LineResult {
        let line = raw.trimmingCharacters(in: .whitespaces)
        switch line {
        case "?", ":hint":
            out.paragraph("  hint: " + (prompt.hint?.terminalSafeLine ?? "no hint for this one; think about what the records above tell you."), .dim)
            return .continued
        case ":pause", ":quit", ":q":
            try pause("paused by the facilitator")
            return .paused
        case ":help":
            out.paragraph("  Answer with a number (or several, e.g. 1,3). ? hint · :note TEXT · :as NAME (who speaks) · @NAME ANSWER · :pause", .dim)
            return .continued
        default:
            break
        }
        if line.hasPrefix(":note") {
            let text = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                out.paragraph("  write the note after :note, e.g. :note legal asked about the DPA clock", .warning)
                return .continued
            }
            guard text.count <= AnswerRejection.maxLength else {
                out.paragraph("  that note is \(text.count) characters long; keep it under \(AnswerRejection.maxLength)", .warning)
                return .continued
            }
            try recorder.record(DrillEvent(kind: .note, simulated: session.now, injectID: session.currentInject?.id, promptID: prompt.id, actor: facilitator, text: text))
            out.paragraph("  ✎ noted", .dim)
            return .continued
        }
        if line.hasPrefix(":as") {
            let name = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
            guard let person = participant(named: name) else {
                out.paragraph("  " + unknownParticipant(name), .warning)
                return .continued
            }
            speaker = person.name
            out.paragraph("  answers are now \(person.name.terminalSafeLine)'s", .dim)
            return .continued
        }
        if line.hasPrefix(":") {
            out.paragraph("  unknown command \(String(line.prefix(20)).terminalSafeLine); :help lists them", .warning)
            return .continued
        }
        var answer = line
        var actor = defaultActor(for: prompt)
        if line.hasPrefix("@") {
            let parts = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
            guard let person = participant(named: parts.first ?? "") else {
                out.paragraph("  " + unknownParticipant(parts.first ?? ""), .warning)
                return .continued
            }
            actor = person.name
            answer = parts.count > 1 ? parts[1] : ""
        }
        let seconds = timeBox == nil ? nil : (Date().timeIntervalSince(askedAt) * 10).rounded() / 10
        do {
            try commitAndShow(try session.answer(answer, by: actor, seconds: seconds))
        } catch let rejection as AnswerRejection {
            out.paragraph("  " + rejection.message, .warning)
            return .continued
        }
        if let seconds, let timeBox, seconds > timeBox {
            out.paragraph("  ⏱ over the \(DrillRenderer.duration(timeBox)) time box by \(DrillRenderer.duration(seconds - timeBox))", .warning)
        }
        if case .freeText = prompt.kind, facilitator != nil {
            if try gradeNow(prompt, reader: reader) == .paused { return .paused }
        }
        askedAt = Date()
        showTimeBox()
        return .continued
    }

    /// The facilitator grades a free-text answer on the spot, or leaves it for `drill grade`.
    private mutating func gradeNow(_ prompt: Prompt, reader: any LineReader) throws -> LineResult {
        if case let .freeText(guidance) = prompt.kind, let guidance {
            out.paragraph("  A good answer covers: \(guidance.terminalSafeLine)", .dim)
        }
        while true {
            guard let line = read(reader, prompt: "  grade (m = met, p = partly, x = missed, Enter = later; a comment may follow) > ") else {
                try pause("paused: end of input")
                return .paused
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { return .continued }
            guard let (grade, comment) = DrillSession.Grade.typed(line) else {
                out.paragraph("  type m, p or x (then a comment if you like), or just Enter to grade later with `drill grade`", .warning)
                continue
            }
            do {
                try commitAndShow(try session.grade(prompt.id, grade, by: facilitator, comment: comment))
                return .continued
            } catch let rejection as AnswerRejection {
                out.paragraph("  " + rejection.message, .warning)
            }
        }
    }

    /// Lessons learned, asked after the drill: typed, piped, or from the answers file. Questions
    /// answered before the drill was stopped (`drill resume`) are not asked again. An answer over
    /// ``AnswerRejection/maxLength`` characters is refused with the cap stated, never cut short
    /// (a scripted one pauses the run, as a refused scripted answer does).
    private mutating func hotWash() throws {
        var announced = false
        let answeredBefore = Set(recordedHotWash.compactMap(\.promptID))
        for (id, question) in HotWash.questions where !answeredBefore.contains(id) {
            var text: String?
            var actor = speaker ?? (participants.count == 1 ? participants[0].name : nil)
            switch source {
            case let .script(script):
                text = script.entries[id]?.answer
                actor = script.entries[id]?.actor ?? actor
                if let text, text.count > AnswerRejection.maxLength {
                    try pause("paused: the scripted hot-wash answer to '\(id)' was not accepted")
                    throw CommandFailure([script.diagnostic(for: id, "the hot-wash answer to '\(id)' is \(text.count) characters long; keep it under \(AnswerRejection.maxLength); the run is paused: drill resume \(recorder.runID)")])
                }
            case let .lines(reader):
                if !announced {
                    out.line()
                    out.paragraph("Hot wash — lessons learned (Enter skips; @NAME TEXT attributes an answer)", .heading)
                    out.paragraph("  each answer up to \(AnswerRejection.maxLength) characters", .dim)
                    announced = true
                }
                while text == nil {
                    // End of input skips the rest, as Enter does, and the drill ends.
                    guard let line = read(reader, prompt: "\(question) > ") else { return }
                    var value = line.trimmingCharacters(in: .whitespaces)
                    if value.hasPrefix("@") {
                        let parts = value.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
                        if let person = participant(named: parts.first ?? "") {
                            actor = person.name
                            value = parts.count > 1 ? parts[1] : ""
                        }
                    }
                    guard value.count <= AnswerRejection.maxLength else {
                        out.paragraph("  that answer is \(value.count) characters long and was not kept; keep it under \(AnswerRejection.maxLength) (Enter skips)", .warning)
                        continue
                    }
                    text = value
                }
            }
            guard let text, !text.isEmpty else { continue }
            let event = DrillEvent(kind: .hotWash, simulated: session.now, promptID: id, actor: actor, text: text)
            try recorder.record(event)
            recordedHotWash.append(event)
        }
    }

    /// The hot wash's answers so far: those stored before a resume, then this process's.
    var recordedHotWash: [DrillEvent] = []

    private func defaultActor(for prompt: Prompt) -> String? {
        if let role = prompt.role, let person = participants.first(where: { Participants.matches($0.role, role) }) { return person.name }
        return speaker ?? (participants.count == 1 ? participants[0].name : nil)
    }

    private func participant(named name: String) -> ParticipantRecord? {
        participants.first { $0.name.lowercased() == name.lowercased() }
            ?? participants.first { $0.name.lowercased().hasPrefix(name.lowercased()) && !name.isEmpty }
    }

    private func unknownParticipant(_ name: String) -> String {
        let names = participants.map(\.name).joined(separator: ", ")
        return "no participant named \(name.terminalSafeLine); " + (names.isEmpty ? "add them with --participant NAME" : "participants: \(names.terminalSafeLine)")
    }

    private func showTimeBox() {
        guard let timeBox, session.pendingPrompt != nil else { return }
        out.paragraph("  ⏱ \(DrillRenderer.duration(timeBox)) to answer", .dim)
    }

    /// Stores the events in `range` (one step, one transaction), then shows every event not shown yet.
    private mutating func commitAndShow(_ range: Range<Int>) throws {
        try recorder.record(contentsOf: Array(session.events[range]))
        stored = range.upperBound
        let unseen = min(shown, range.lowerBound)..<range.upperBound
        var injectNumber = session.events[..<unseen.lowerBound].filter { $0.kind == .inject }.count
        for event in session.events[unseen] {
            if event.kind == .inject { injectNumber += 1 }
            out.write(renderer.render(event, injectNumber: injectNumber))
        }
        shown = range.upperBound
    }

    private func pause(_ reason: String) throws {
        try recorder.pause(reason)
        out.paragraph("Saved. Continue with: drill resume \(recorder.runID)", .emphasis)
    }
}
