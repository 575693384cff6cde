import ArgumentParser
import DrillKit
import Foundation

/// Where the team's evidence is, and how old it may be.
struct EvidenceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Evidence folder: exports of the team's own tools (default: evidence/ beside the preparedness file).", valueName: "dir"))
    var evidence: String?

    @Option(name: .customLong("evidence-max-age"), help: ArgumentHelp("Evidence collected longer ago than this is reported but not used (default 90d).", valueName: "duration"),
            transform: { text in
                guard let span = TimeSpan(parsing: text), span > .zero else { throw ValidationError("'\(text)' is not a duration such as 90d or 3mo") }
                return span
            })
    var maxAge: TimeSpan = .days(90)

    /// The folder to read: `--evidence`, else `evidence/` beside the team file; none for the embedded example team.
    func folder(for team: TeamOption.LoadedTeam) -> (url: URL, display: String, base: URL)? {
        let teamFolder = team.isExample ? "." : (team.source as NSString).deletingLastPathComponent
        let base = URL(fileURLWithPath: teamFolder.isEmpty ? "." : teamFolder)
        if let evidence {
            // The embedded team has no folder of its own: its paths (path:evidence/…) start beside the evidence folder, as a team's do.
            let exampleBase = URL(fileURLWithPath: evidence).deletingLastPathComponent()
            return (URL(fileURLWithPath: evidence), evidence, team.isExample ? exampleBase : base)
        }
        guard !team.isExample else { return nil }
        let display = teamFolder.isEmpty ? "evidence" : teamFolder + "/evidence"
        return (base.appendingPathComponent("evidence"), display, base)
    }

    /// Reads the evidence for a team and holds its profile to it; `nil` when there is no folder to read.
    func judge(_ team: TeamOption.LoadedTeam, asOf: CalendarDate) -> (files: [EvidenceFile], judgement: EvidenceJudgement, report: EvidenceReport)? {
        guard let (url, display, base) = folder(for: team) else { return nil }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        let named = team.profile.contacts.contains { !$0.evidence.isEmpty } || team.profile.logs.contains { !$0.evidence.isEmpty }
            || team.profile.backups.contains { !$0.evidence.isEmpty }
        guard exists || named || evidence != nil else { return nil }
        let files = EvidenceFolder.read(for: team.profile, folder: url, displayPath: display, base: base)
        let judgement = EvidenceJudgement(team.profile, evidence: files, asOf: asOf, maxAge: maxAge)
        return (files, judgement, EvidenceReport(folder: display, files: files, judgement: judgement))
    }
}
