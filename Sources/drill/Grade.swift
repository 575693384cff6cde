import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill grade RUN`: the facilitator grades free-text answers after the drill.
    struct Grade: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grade",
            abstract: "Grade a run's free-text answers (met, partly, missed, with a comment); grades count in the score.",
            discussion: """
                For each answer: m = met, p = partly, x = missed, then an optional comment; Enter skips it. Grades are stored in the run's transcript with who graded.

                Examples:
                  drill grade 20261126-sl75
                  drill grade 20261126-sl75 --grader Ana --all
                """)

        @OptionGroup var options: DatabaseOption

        @Argument(help: ArgumentHelp("The run's id, or the start of it.", valueName: "run-id"), completion: Completions.runIDs)
        var runID: String

        @Option(help: ArgumentHelp("Who grades (default: the run's facilitator, else your user name).", valueName: "name"))
        var grader: String?

        @Flag(help: "Also offer answers that already have a grade.")
        var all = false

        func run() throws {
            try reportingFailures {
                let database = try options.openDatabase()
                let stored = try StoredRun.loadForCommand(runID, from: database)
                var session = stored.session
                let who = grader ?? stored.run.facilitator ?? AuditIdentity.current.user
                let out = Terminal.standardOutput
                let recorder = DrillRecorder(database: database, runID: stored.run.id, nextSeq: (stored.events.last?.seq ?? 0) + 1)
                let pending = session.freeTextAnswers.filter { all || $0.grade == nil }
                guard !pending.isEmpty else {
                    out.line("Run \(stored.run.id) has no \(all ? "" : "ungraded ")free-text answers.")
                    return
                }
                var graded: [String] = []
                let reader = StandardInput.forPrompts(on: out)
                for (prompt, answer, grade) in pending {
                    out.line()
                    out.paragraph("? \(prompt.question.terminalSafeLine)", .emphasis)
                    if case let .freeText(guidance) = prompt.kind, let guidance {
                        out.paragraph("  A good answer covers: \(guidance.terminalSafeLine)", .dim)
                    }
                    out.line("  → \(answer.actor.map { "\($0.terminalSafeLine): " } ?? "")\(answer.text.terminalSafeLine)")
                    if let grade { out.line(out.styled("  graded \(grade.answer ?? "") by \(grade.actor?.terminalSafeLine ?? "?")", .dim)) }
                    while true {
                        guard let line = reader.readLine(prompt: out.styled("  grade (m = met, p = partly, x = missed, Enter = skip; a comment may follow) > ", .emphasis), on: out) else { break }
                        if !reader.isInteractive { out.line(TerminalText.line(line)) }
                        if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
                        guard let (verdict, comment) = DrillSession.Grade.typed(line) else {
                            out.paragraph("  type m, p or x, then a comment if you like", .warning)
                            continue
                        }
                        do {
                            let range = try session.grade(prompt.id, verdict, by: who, comment: comment)
                            for index in range { try recorder.record(session.events[index]) }
                            graded.append("\(prompt.id): \(verdict.rawValue)")
                            out.paragraph("  ✎ graded \(verdict.rawValue)", .dim)
                        } catch let rejection as AnswerRejection {
                            out.paragraph("  " + rejection.message, .warning)
                            continue
                        }
                        break
                    }
                }
                guard !graded.isEmpty else { return }
                let score = session.score
                try database.regrade(runID: stored.run.id, score: score, detail: "by \(who): " + graded.joined(separator: ", "))
                out.line()
                out.line("\(graded.count) answer\(graded.count == 1 ? "" : "s") graded. Overall now \(score.overall)/100 (response \(score.responsePoints)/\(score.responsePossible)).")
            }
        }
    }
}
