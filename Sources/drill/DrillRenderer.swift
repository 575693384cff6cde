import DrillKit
import Foundation

/// Turns drill events into text for a terminal: headings, the simulated clock, progress,
/// numbered options, evidence set apart. Every piece of scenario, team or answer text is
/// neutralised before it reaches the screen.
struct DrillRenderer {
    let session: DrillSession
    let terminal: Terminal
    var participants: [ParticipantRecord] = []
    /// The width lines are laid out to: the terminal's.
    var width: Int { terminal.width }

    private var scenario: Scenario { session.scenario }

    /// The heading shown when a drill starts or resumes.
    func opening(runID: String, team: String, resumed: Bool) -> TerminalText {
        TextLayout.fitted(openingLines(runID: runID, team: team, resumed: resumed), width: width)
    }

    private func openingLines(runID: String, team: String, resumed: Bool) -> TerminalText {
        var lines: [TerminalText] = []
        lines.append(terminal.styled("\(scenario.title.terminalSafeLine)", .heading))
        lines.append(terminal.styled("\(scenario.kind.rawValue) · team \(team.terminalSafeLine) · run \(runID)\(resumed ? " · resumed" : "")", .dim))
        if !resumed {
            lines += wrap(TerminalText.line(scenario.summary), indent: "")
            lines.append(terminal.styled("Discovered \(scenario.discovered.description.terminalSafeLine)\(scenario.detectedBy.map { " by \($0.terminalSafeLine)" } ?? "").", .dim))
        }
        lines.append(terminal.styled("Type the number of your answer. ? shows a hint, :note TEXT records a note, :pause stops and saves.", .dim))
        return lines.joined(separator: "\n") + "\n"
    }

    /// One event as the team sees it; `injectNumber` is how many injects have been shown up to this one.
    func render(_ event: DrillEvent, injectNumber: Int) -> TerminalText {
        TextLayout.fitted(unfitted(event, injectNumber: injectNumber), width: width)
    }

    private func unfitted(_ event: DrillEvent, injectNumber: Int) -> TerminalText {
        switch event.kind {
        case .inject:
            return inject(event, number: injectNumber)
        case .consequence:
            return wrap(TerminalText.line(event.text), indent: "  ", first: "  ▸ ").map { terminal.styled($0, event.needID == nil ? .emphasis : .warning) }.joined(separator: "\n") + "\n"
        case .prompt:
            return prompt(event)
        case .answer:
            var mark: TerminalText = ""
            switch event.answerOutcome {
            case .expected?: mark = terminal.styled(" ✓", .good)
            case .partly?: mark = terminal.styled(" ~ partly", .warning)
            case .missed?: mark = terminal.styled(" ✗", .bad)
            case nil: break
            }
            if let points = event.points, let max = event.maxPoints { mark += terminal.styled(" \(points)/\(max)", .dim) }
            let who = event.actor.map { "\($0.terminalSafeLine): " } ?? ""
            if let seconds = event.seconds { mark += terminal.styled(" ⏱ \(Self.duration(seconds))", .dim) }
            return "  → \(who)\(event.text.terminalSafeLine)\(mark)\n"
        case .deadline:
            return terminal.styled("  ⏰ \(event.text.terminalSafeLine)", event.met == true ? .good : .bad) + "\n"
        case .note:
            return terminal.styled("  ✎ note\(event.actor.map { " (\($0.terminalSafeLine))" } ?? ""): \(event.text.terminalSafeLine)", .dim) + "\n"
        case .paused, .resumed:
            return terminal.styled("  · \(event.text.terminalSafeLine)", .dim) + "\n"
        case .ended:
            return "\n" + terminal.styled(TerminalText.line(event.text), .heading) + "\n"
        case .grade:
            let who = event.actor.map { " by \($0.terminalSafeLine)" } ?? ""
            let comment = event.text.isEmpty ? "" : ": \(event.text.terminalSafeLine)"
            return terminal.styled("  ✎ graded \(event.answer ?? "")\(who) (\(event.points ?? 0)/\(event.maxPoints ?? 0))\(comment)", event.met == true ? .good : .warning) + "\n"
        case .hotWash:
            let question = HotWash.question(for: event.promptID)
            return "  ◆ \(question.terminalSafeLine) — \(event.actor.map { "\($0.terminalSafeLine): " } ?? "")\(event.text.terminalSafeLine)\n"
        }
    }

    private func inject(_ event: DrillEvent, number: Int) -> TerminalText {
        guard let inject = scenario.injects.first(where: { $0.id == event.injectID }) else { return "\(event.text.terminalSafeLine)\n" }
        var lines: [TerminalText] = [""]
        let heading: TerminalText = "── Inject \(number) of \(scenario.injects.count) · \(event.simulated.clockLabel) · \(session.localTime(at: event.simulated).terminalSafeLine) "
        lines.append(terminal.styled(heading + String(repeating: "─", count: max(3, width - TextLayout.cells(heading))), .dim))
        lines.append(terminal.styled(TerminalText.line(inject.title), .heading))
        lines += wrap(TerminalText.line(inject.narrative), indent: "")
        for evidence in inject.evidence {
            lines.append(terminal.styled("  ┌─ \(evidence.source.terminalSafeLine)", .dim))
            for line in evidence.excerpt.trimmingCharacters(in: .newlines).split(separator: "\n", omittingEmptySubsequences: false) {
                // Log lines keep their spacing: a line wider than the screen goes on, indented, below.
                for (index, piece) in TextLayout.hardWrap(TerminalText.line(line), width: width - 6).enumerated() {
                    lines.append(terminal.styled(index == 0 ? "  │ " : "  │   ", .dim) + piece)
                }
            }
            lines.append(terminal.styled("  └─", .dim))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `1 min 05 s`, `42 s`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole < 60 ? "\(whole) s" : "\(whole / 60) min \(whole % 60 < 10 ? "0" : "")\(whole % 60) s"
    }

    private func prompt(_ event: DrillEvent) -> TerminalText {
        guard let prompt = scenario.prompts.first(where: { $0.id == event.promptID }) else { return "? \(event.text.terminalSafeLine)\n" }
        var lines = wrap(TerminalText.line(prompt.question), indent: "  ", first: terminal.styled("? ", .emphasis)).map { terminal.styled($0, .emphasis) }
        if let role = prompt.role {
            let who = participants.first { Participants.matches($0.role, role) }.map { ": \($0.name.terminalSafeLine)" } ?? ""
            lines.append(terminal.styled("  (for the \(role.terminalSafeLine)\(who))", .dim))
        }
        switch prompt.kind {
        case let .singleChoice(options), let .multipleChoice(options):
            for (index, option) in options.enumerated() {
                lines += wrap(TerminalText.line(option.text), indent: "     ", first: "  \(index + 1)) ")
            }
            if case .multipleChoice = prompt.kind { lines.append(terminal.styled("  (choose all that apply, e.g. 1,3)", .dim)) }
        case .pickContact:
            for (index, contact) in session.contactChoices.enumerated() {
                lines.append("  \(index + 1)) \(contact.name.terminalSafeLine) — \(contact.role.spoken), \(contact.availability.description.terminalSafeLine)")
            }
            lines.append("  \(session.contactChoices.count + 1)) Nobody on file fits")
        case .yesNo:
            lines.append(terminal.styled("  (yes/no)", .dim))
        case let .estimate(_, _, unit):
            lines.append(terminal.styled("  (a number\(unit.map { " of \($0.terminalSafeLine)" } ?? ""))", .dim))
        case .freeText:
            lines.append(terminal.styled("  (free text, one line; the facilitator grades it)", .dim))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The debrief at the end: timeline, findings with reasons, scores, what to fix.
    func debrief(events: [DrillEvent], score: DrillScore) -> TerminalText {
        TextLayout.fitted(debriefLines(events: events, score: score), width: width)
    }

    private func debriefLines(events: [DrillEvent], score: DrillScore) -> TerminalText {
        var lines: [TerminalText] = ["", terminal.styled("══ Debrief ══", .heading), terminal.styled("Timeline", .heading)]
        // Deadlines settle when the clock passes them, so order the timeline by simulated time.
        let timeline = events.enumerated().filter { [.inject, .answer, .grade, .deadline, .note].contains($0.element.kind) }
            .sorted { ($0.element.simulated, $0.offset) < ($1.element.simulated, $1.offset) }.map(\.element)
        for event in timeline {
            let label: String = switch event.kind {
            case .inject: "inject  "
            case .answer: event.met == false ? "answer ✗" : "answer  "
            case .deadline: event.met == true ? "deadline" : "missed  "
            case .grade: "graded  "
            default: "note    "
            }
            let text = event.kind == .grade ? "\(event.promptID ?? ""): \(event.answer ?? "")\(event.text.isEmpty ? "" : " — " + event.text)" : event.text
            let lead: TerminalText = "  \(event.simulated.clockLabel)  \(label)  "
            lines.append(lead + TextLayout.truncated(TerminalText.line(text), width: width - TextLayout.cells(lead)))
        }
        lines.append(terminal.styled("Findings", .heading))
        for finding in session.assessment.findings {
            let mark = switch finding.status {
            case .met: terminal.styled("✓ met    ", .good)
            case .partial: terminal.styled("~ partial", .warning)
            case .unmet: terminal.styled("✗ unmet  ", .bad)
            }
            lines += wrap(TerminalText.line(finding.reason), indent: "              ", first: "  \(mark) \(finding.needID.terminalSafeLine): ")
            // Where each judged fact comes from, when the drill was played against evidence.
            for provenance in finding.basis.provenance {
                lines += wrap(TerminalText.line(provenance.sentence), indent: "                ", first: "              · ")
            }
        }
        let timed = events.filter { $0.kind == .answer && $0.seconds != nil }
        if !timed.isEmpty {
            lines.append(terminal.styled("Time taken", .heading))
            for event in timed {
                lines.append("  \(Self.duration(event.seconds ?? 0).padding(toLength: 12, withPad: " ", startingAt: 0)) \(event.promptID ?? "")\(event.actor.map { " (\($0.terminalSafeLine))" } ?? "")")
            }
        }
        let hotWash = events.filter { $0.kind == .hotWash }
        if !hotWash.isEmpty {
            lines.append(terminal.styled("Hot wash", .heading))
            for event in hotWash {
                let question = HotWash.question(for: event.promptID)
                lines += wrap(TerminalText.line(event.text), indent: "    ", first: "  \(question) \(event.actor.map { "\($0.terminalSafeLine): " } ?? "")")
            }
        }
        lines.append(terminal.styled("Scores", .heading))
        lines += wrap("Overall \(score.overall)/100 · response \(score.responsePoints)/\(score.responsePossible) points · contacts \(score.contacts) · logs \(score.logs) · backups \(score.backups) · deadlines \(score.deadlinesMet) of \(score.deadlinesTotal) met", indent: "  ")
        // What each part is worth and what this run earned: the overall, explained.
        for part in score.explanation {
            let earned = part.earned == part.earned.rounded() ? String(Int(part.earned)) : String(format: "%.1f", part.earned)
            lines += wrap("\(part.part) \(part.rule) = \(earned)", indent: "      ", first: "    ")
        }
        let fixes = session.assessment.findings.filter { $0.fix != nil }
        if !fixes.isEmpty {
            lines.append(terminal.styled("What to fix", .heading))
            for finding in fixes {
                lines += wrap("\(finding.fix?.terminalSafeLine ?? "") (\(finding.needID.terminalSafeLine), \(finding.status.rawValue))", indent: "    ", first: "  - ")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func wrap(_ text: TerminalText, indent: TerminalText, first: TerminalText? = nil) -> [TerminalText] {
        TextLayout.wrap(text, width: width, indent: indent, first: first)
    }
}
