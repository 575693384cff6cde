import ArgumentParser
import DrillKit
import Foundation

extension Drill {
    /// `drill check`: says, without prompting, which scenarios the preparedness would fail, and why.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Assess every scenario against the team's preparedness, without prompting.",
            discussion: """
                Exits 1 with --strict when any need is unmet, 65 when a file is invalid, 66 when one is missing.

                Examples:
                  drill check
                  drill check --team preparedness.yaml --strict
                  drill check dormant-contractor-admin --format json --as-of 2026-11-26
                """)

        @OptionGroup var options: GlobalOptions

        @Option(help: "Output format: text or json.")
        var format: OutputFormat = .text

        @Flag(help: "Exit 1 when any need is unmet.")
        var strict = false

        @OptionGroup var evidenceOptions: EvidenceOptions

        @Flag(name: .customLong("require-evidence"), help: "Count a need met only by records no evidence verifies as partial.")
        var requireEvidence = false

        @Option(name: .customLong("as-of"), help: ArgumentHelp("Judge record ages on this day (default: today, UTC).", valueName: "YYYY-MM-DD"),
                transform: CalendarDate.argument)
        var asOf: CalendarDate?

        @Argument(help: ArgumentHelp("Scenario ids to check (default: all).", valueName: "scenario-id"), completion: Completions.scenarioIDs)
        var scenarioIDs: [String] = []

        func run() throws {
            try reportingFailures {
                let asOf = asOf ?? .today
                let loaded = try options.loadTeam(judgedOn: asOf)
                let (profile, isExample) = (loaded.profile, loaded.isExample)
                var items = ItemsToClose(databasePath: options.databasePath, team: profile.team)
                let wanted = Set(scenarioIDs)
                // The records are held to the team's own exports first, when there are any.
                let evidence = evidenceOptions.judge(loaded, asOf: asOf)
                let assessor = evidence.map { Assessor(evidence: $0.judgement, asOf: asOf, requireEvidence: requireEvidence) }
                    ?? (requireEvidence ? Assessor(evidence: EvidenceJudgement(profile, evidence: [], asOf: asOf), asOf: asOf, requireEvidence: true)
                        : Assessor(profile: profile, asOf: asOf))
                let text = CheckText(terminal: .standardOutput)
                let json = format == .json ? try CheckReport.JSONPieces(team: profile.team, asOf: asOf, evidence: evidence?.report) : nil
                // Each scenario is assessed and written out where it is loaded, and only its
                // written part and its counts come back: memory stays flat in the folder's size.
                let spool = CheckSpool()
                var tally = CheckReport.Tally()
                var judged = EvidenceSection.JudgedRecords()
                let judgedOnEvidence = evidence != nil
                var diagnostics: [Diagnostic] = []
                var found: Set<String> = [] // of the ids asked for, the ones seen
                var failure: (any Error)?
                let progress = ProgressLine("checked", "scenarios")
                try options.streamLibrary(transform: { scenario -> Checked? in
                    guard wanted.isEmpty || wanted.contains(scenario.id) else { return nil }
                    let assessment = assessor.assess(scenario)
                    let result = CheckReport.ScenarioResult(scenario, assessment)
                    var records = EvidenceSection.JudgedRecords()
                    if judgedOnEvidence { records.add(assessment.findings) }
                    return Checked(result: result, records: records, part: Result { try json == nil ? text.block(result).rendered : TerminalText.json(CheckReport.JSONPieces.fragment(result)).rendered })
                }) { entry in
                    defer { progress.advance() }
                    switch entry {
                    case let .problems(problems):
                        diagnostics += problems
                    case .scenario(_, _, nil):
                        break
                    case let .scenario(id, _, checked?):
                        if !wanted.isEmpty { found.insert(id) }
                        tally.add(checked.result)
                        judged.add(checked.records)
                        items.note(checked.result)
                        switch checked.part {
                        case let .success(part): spool.add(id: id, part)
                        case let .failure(error): failure = failure ?? error
                        }
                    }
                }
                progress.clear()
                if let failure { throw failure }
                let unknown = scenarioIDs.filter { !found.contains($0) }
                guard unknown.isEmpty || !diagnostics.isEmpty else {
                    throw CommandFailure(lines: ["error: no scenario with id \(unknown.map { "'\($0.terminalSafeLine)'" }.joined(separator: ", ")) in \(options.scenarios); `drill scenarios` lists them"], code: CommandFailure.missingInput)
                }
                let err = Terminal.standardError
                if isExample && format == .text {
                    err.line(err.styled("Using the embedded example team (no ./preparedness.yaml); write your own with `drill init`.", .dim))
                }
                var out = OutputBuffer(terminal: .standardOutput)
                if json != nil, spool.count == 0 {
                    out.write(try JSONOutput.object(CheckReport(team: profile.team, asOf: asOf, scenarios: [])) + "\n")
                } else if let json {
                    out.write(TerminalText.json(json.opening))
                    var first = true
                    spool.forEachInIDOrder { part in
                        if !first { out.write(TerminalText.json(json.separator)) }
                        first = false
                        out.write(TerminalText(verbatim: part))
                    }
                    out.write(TerminalText.json(Self.closingWithSchemaVersion(json.closing)) + "\n")
                } else {
                    out.write(text.heading(team: profile.team, scenarios: tally.scenarios, asOf: asOf))
                    if let report = evidence?.report { out.write(text.evidence(report, judged: judged.pillars)) }
                    spool.forEachInIDOrder { out.write(TerminalText(verbatim: $0)) }
                    out.write(text.summary(tally))
                }
                out.flush()
                items.close(team: profile.team, asOf: asOf)
                let evidenceProblems = evidence?.report.problems ?? []
                if !diagnostics.isEmpty || !evidenceProblems.isEmpty {
                    throw CommandFailure(lines: CommandFailure(diagnostics).lines + evidenceProblems.map { TerminalText.line($0) },
                                         code: CommandFailure.invalidData)
                }
                if strict && tally.hasUnmetNeed { throw ExitCode(1) }
            }
        }

        /// The streamed report's closing with the contract's `schemaVersion` in its sorted
        /// place, between `scenarios` and `team` (the pieces come from DrillKit, which knows no CLI contract).
        static func closingWithSchemaVersion(_ closing: String) -> String {
            closing.replacingOccurrences(of: "\n  ],\n  \"team\"", with: "\n  ],\n  \"schemaVersion\" : \(JSONOutput.schemaVersion),\n  \"team\"")
        }

        /// What a worker hands back for one scenario: its result, for the counts and the
        /// improvement items, and its part of the report, written (a `TerminalText`'s `rendered`).
        private struct Checked: Sendable {
            let result: CheckReport.ScenarioResult
            /// The records its findings were judged on, with evidence only.
            let records: EvidenceSection.JudgedRecords
            let part: Result<String, any Error>
        }
    }
}

/// The improvement items a check may close: the team's open ones, read before the check when
/// a database already exists (a check never creates one), and the results that find their
/// needs met. Only those results are kept, so memory follows the open items, not the folder.
private struct ItemsToClose {
    private struct NeedKey: Hashable {
        let scenario: String
        let need: String
    }

    private var database: AppDatabase?
    private var open: Set<NeedKey> = []
    private var problem: StoreError?
    private var met: [CheckReport.ScenarioResult] = []

    init(databasePath path: String, team: String) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do throws(StoreError) {
            let database = try AppDatabase.open(path: path, identity: .current, key: GlobalOptions.installationKey(), trusting: GlobalOptions.teamKeys())
            OpenedDatabases.shared.add(database)
            open = Set(try database.improvementItems(team: team).filter { $0.state == .open }.flatMap(\.needs).filter(\.isOpen).map { NeedKey(scenario: $0.scenarioId, need: $0.needId) })
            self.database = database
        } catch {
            problem = error
        }
    }

    /// Keeps the part of a result that can close an open item: its met needs that have one.
    mutating func note(_ result: CheckReport.ScenarioResult) {
        guard !open.isEmpty else { return }
        let needs = result.needs.filter { $0.status == .met && open.contains(NeedKey(scenario: result.id, need: $0.id)) }
        guard !needs.isEmpty else { return }
        var kept = result
        kept.needs = needs
        kept.deadlines = []
        met.append(kept)
    }

    /// Closes the items whose needs the check found met, and says so; a database problem is
    /// a warning and never fails the check.
    func close(team: String, asOf: CalendarDate) {
        let err = Terminal.standardError
        do throws(StoreError) {
            if let problem { throw problem }
            guard let database, !met.isEmpty else { return }
            let closed = try database.closeImprovementItems(checkedBy: CheckReport(team: team, asOf: asOf, scenarios: met), at: Date())
            for item in closed {
                err.line(err.styled("Closed improvement item \(item.label) (\(item.fixKey.terminalSafeLine)): every need it covers is now met.", .good))
            }
        } catch {
            err.line(err.styled("warning: improvement items were not updated: \(error.message.terminalSafeLine)", .warning))
        }
    }
}

/// Collects output and writes it in large pieces rather than one write per scenario.
private struct OutputBuffer {
    let terminal: Terminal
    private var pending = ""

    init(terminal: Terminal) { self.terminal = terminal }

    mutating func write(_ text: TerminalText) {
        pending += text.rendered
        if pending.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !pending.isEmpty else { return }
        terminal.write(TerminalText(verbatim: pending))
        pending = ""
    }
}

/// `text` or `json`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension CalendarDate {
    /// Today in UTC.
    static var today: CalendarDate {
        CalendarDate(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// Parses a command-line date.
    static func argument(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(parsing: text) else { throw ValidationError("'\(text)' is not a date; write YYYY-MM-DD") }
        return date
    }
}
