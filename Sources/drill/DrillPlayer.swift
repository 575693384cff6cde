import ArgumentParser
import DrillKit
import Foundation

/// Plays a drill in the terminal: shows each step, reads answers, and commits every event
/// before showing the next one, so a killed drill loses nothing it accepted.
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

    private var renderer: DrillRenderer { DrillRenderer(session: session, terminal: out) }

    /// Stores and shows the events not yet stored, then plays until the end or a pause.
    mutating func play() throws -> Outcome {
        try commitAndShow(stored..<session.events.count)
        while let prompt = session.pendingPrompt {
            switch source {
            case let .script(script):
                guard let entry = script.entries[prompt.id] else {
                    try pause("paused: \(script.path) has no answer for prompt '\(prompt.id)'")
                    throw CommandFailure(lines: [script.diagnostic(for: prompt.id, "no answer for prompt '\(prompt.id)' (\(prompt.question.terminalSafeLine)); the run is paused: drill resume \(recorder.runID)").description], code: CommandFailure.invalidData)
                }
                do {
                    try commitAndShow(try session.answer(entry.answer, by: entry.actor ?? defaultActor))
                } catch let rejection as AnswerRejection {
                    try pause("paused: the scripted answer to '\(prompt.id)' was not accepted")
                    throw CommandFailure(lines: [script.diagnostic(for: prompt.id, "answer to '\(prompt.id)' not accepted: \(rejection.message); the run is paused: drill resume \(recorder.runID)").description.terminalSafeLine], code: CommandFailure.invalidData)
                }
            case let .lines(reader):
                out.write(out.styled("> ", .emphasis))
                guard let line = reader.readLine() else {
                    out.line()
                    try pause("paused: end of input")
                    return .paused
                }
                // A pipe does not echo: show what was read so the screen reads like a session.
                if !reader.isInteractive { out.line(line.terminalSafeLine) }
                if try handle(line, prompt: prompt) == .paused { return .paused }
            }
        }
        let score = session.score
        try recorder.database.finishRun(runID: recorder.runID, score: score, endedAt: Date())
        out.write(renderer.debrief(events: session.events, score: score))
        return .finished(score)
    }

    private enum LineResult { case continued, paused }

    private mutating func handle(_ raw: String, prompt: Prompt) throws -> LineResult {
        let line = raw.trimmingCharacters(in: .whitespaces)
        switch line {
        case "?", ":hint":
            out.line(out.styled("  hint: " + (prompt.hint?.terminalSafeLine ?? "no hint for this one; think about what the records above tell you."), .dim))
            return .continued
        case ":pause", ":quit", ":q":
            try pause("paused by the facilitator")
            return .paused
        case ":help":
            out.line(out.styled("  Answer with a number (or several, e.g. 1,3). ? hint · :note TEXT · :pause · @NAME ANSWER answers for a participant.", .dim))
            return .continued
        default:
            break
        }
        if line.hasPrefix(":note") {
            let text = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else {
                out.line(out.styled("  write the note after :note, e.g. :note legal asked about the DPA clock", .warning))
                return .continued
            }
            guard text.count <= AnswerRejection.maxLength else {
                out.line(out.styled("  that note is \(text.count) characters long; keep it under \(AnswerRejection.maxLength)", .warning))
                return .continued
            }
            try recorder.record(DrillEvent(kind: .note, simulated: session.now, injectID: session.currentInject?.id, promptID: prompt.id, actor: facilitatorName, text: text))
            out.line(out.styled("  ✎ noted", .dim))
            return .continued
        }
        if line.hasPrefix(":") {
            out.line(out.styled("  unknown command \(String(line.prefix(20)).terminalSafeLine); :help lists them", .warning))
            return .continued
        }
        var answer = line
        var actor = defaultActor
        if line.hasPrefix("@") {
            let parts = line.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
            guard let name = parts.first, let person = participants.first(where: { $0.name.lowercased() == name.lowercased() }) else {
                let names = participants.map(\.name).joined(separator: ", ")
                out.line(out.styled("  no participant named \(parts.first?.terminalSafeLine ?? ""); " + (names.isEmpty ? "add them with --participant NAME" : "participants: \(names.terminalSafeLine)"), .warning))
                return .continued
            }
            actor = person.name
            answer = parts.count > 1 ? parts[1] : ""
        }
        do {
            try commitAndShow(try session.answer(answer, by: actor))
        } catch let rejection as AnswerRejection {
            out.line(out.styled("  " + rejection.message, .warning))
        }
        return .continued
    }

    private var defaultActor: String? { participants.count == 1 ? participants[0].name : nil }
    private var facilitatorName: String? { facilitator }

    private mutating func commitAndShow(_ range: Range<Int>) throws {
        for index in range {
            let event = session.events[index]
            try recorder.record(event)
            stored = index + 1
            let injectNumber = session.events[...index].filter { $0.kind == .inject }.count
            out.write(renderer.render(event, injectNumber: injectNumber))
        }
    }

    private func pause(_ reason: String) throws {
        try recorder.pause(reason)
        out.line(out.styled("Saved. Continue with: drill resume \(recorder.runID)", .emphasis))
    }
}
