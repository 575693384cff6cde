import Foundation

/// What a review report says of the evidence a run was judged against: the files, each judged
/// record's provenance, and per pillar how much of what was judged was verified.
public struct EvidenceSection: Codable, Hashable, Sendable {
    /// One pillar's records, by how they stand against the evidence.
    public struct PillarShare: Codable, Hashable, Sendable {
        /// The pillar.
        public var pillar: Pillar
        /// Records the run's findings in this pillar were judged on.
        public var judged: Int
        /// Of those, records whose every judged fact the evidence verifies.
        public var verified: Int
        /// Records the evidence contradicts (judged on the evidence).
        public var contradicted: Int
        /// Records whose evidence was too old to use.
        public var tooOld: Int
        /// Records with no evidence: judged as declared.
        public var declared: Int

        /// `2 of 3 records verified (1 contradicted)`.
        public var sentence: String {
            guard judged > 0 else { return "no record on file was judged (the needs found none)" }
            var text = "\(verified) of \(judged) record\(judged == 1 ? "" : "s") verified"
            let rest = [(contradicted, "contradicted"), (tooOld, "with evidence too old"), (declared, "declared only")].filter { $0.0 > 0 }
            if !rest.isEmpty { text += " (" + rest.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + ")" }
            return text
        }
    }

    /// One file judged from.
    public struct File: Codable, Hashable, Sendable {
        /// Its path.
        public var path: String
        /// Its format.
        public var format: String?
        /// When it was collected.
        public var collected: Date?
        /// Its SHA-256.
        public var sha256: String
    }

    /// The evidence folder.
    public var folder: String
    /// The files judged from.
    public var files: [File]
    /// Per pillar with findings, how the records judged stand.
    public var pillars: [PillarShare]
    /// The provenance of every fact of the records the findings used.
    public var provenance: [Provenance]

    /// The section for a reviewed run; `nil` when the run was judged on claims alone.
    public init?(_ run: ReviewedRun) {
        guard let evidence = run.transcript.evidence else { return nil }
        folder = evidence.folder
        files = evidence.files.map { File(path: $0.path, format: $0.format, collected: $0.collected, sha256: $0.sha256) }
        var provenance: [Provenance] = []
        for pillar in Pillar.allCases {
            let findings = run.assessment.findings.filter { $0.pillar == pillar }
            var records: [String] = []
            for finding in findings { for record in finding.basis.used where !records.contains(record) { records.append(record) } }
            for record in records {
                for fact in findings.flatMap(\.basis.provenance) where fact.record == record && !provenance.contains(fact) { provenance.append(fact) }
            }
        }
        var shares = JudgedRecords()
        shares.add(run.assessment.findings)
        pillars = shares.pillars
        self.provenance = provenance
    }

    /// The records findings were judged on, per pillar, and how the evidence stands on each:
    /// gathered one assessment after another (a run's, or every scenario's of a check), so that
    /// a report and `drill check` count the same way.
    public struct JudgedRecords: Hashable, Sendable {
        /// Per pillar with findings, the records they used.
        private var used: [Pillar: Set<String>] = [:]
        /// Per pillar, the states of every judged fact of each record its findings name.
        private var states: [Pillar: [String: Set<Provenance.State>]] = [:]

        /// None yet.
        public init() {}

        /// Adds the records an assessment's findings used.
        public mutating func add(_ findings: [Finding]) {
            for finding in findings {
                used[finding.pillar, default: []].formUnion(finding.basis.used)
                for fact in finding.basis.provenance { states[finding.pillar, default: [:]][fact.record, default: []].insert(fact.state) }
            }
        }

        /// Adds records gathered elsewhere.
        public mutating func add(_ other: JudgedRecords) {
            used.merge(other.used) { $0.union($1) }
            states.merge(other.states) { mine, theirs in mine.merging(theirs) { $0.union($1) } }
        }

        /// Per pillar with findings, in pillar order: how many records were judged, and how they stand.
        public var pillars: [PillarShare] {
            Pillar.allCases.compactMap { pillar in
                guard let judged = used[pillar] else { return nil }
                var share = PillarShare(pillar: pillar, judged: judged.count, verified: 0, contradicted: 0, tooOld: 0, declared: 0)
                for record in judged {
                    let states = self.states[pillar]?[record] ?? []
                    if states.contains(.contradicted) { share.contradicted += 1 }
                    else if states.contains(.tooOld) { share.tooOld += 1 }
                    else if !states.isEmpty, states == [.verified] { share.verified += 1 }
                    else { share.declared += 1 }
                }
                return share
            }
        }
    }

    /// The section in Markdown: a heading, the share per pillar, each judged fact, the files.
    public var markdown: [String] {
        var out = ["## Evidence", ""]
        out.append("Judged against \(Markdown.inline(folder)); what the team's own exports say wins over what the preparedness file claims.")
        out.append("")
        for share in pillars { out.append("- **\(share.pillar.rawValue)**: \(share.sentence)") }
        out.append("")
        if !provenance.isEmpty {
            out.append("| Record | Field | Provenance | Declared | Evidence |")
            out.append("|---|---|---|---|---|")
            for fact in provenance {
                let source = [fact.found, fact.file.map { "(\($0)" + (fact.collected.map { ", collected \($0)" } ?? "") + ")" }].compactMap { $0 }.joined(separator: " ")
                out.append("| \(Markdown.cell(fact.record)) | \(fact.field) | **\(fact.state.rawValue)** | \(Markdown.cell(fact.declared)) | \(Markdown.cell(source)) |")
            }
            out.append("")
        }
        for file in files {
            out.append("- \(Markdown.inline(file.path)) (\(file.format ?? "unknown format")" + (file.collected.map { ", collected \(Timestamp8601.string($0))" } ?? "") + "), sha256 `\(file.sha256)`")
        }
        out.append("")
        return out
    }

    /// The section in HTML.
    public var html: HTML {
        let rows: [HTML] = provenance.map { fact in
            let source = [fact.found, fact.file.map { "(\($0)" + (fact.collected.map { ", collected \($0)" } ?? "") + ")" }].compactMap { $0 }.joined(separator: " ")
            let style = fact.state == .verified ? "met" : fact.state == .contradicted ? "unmet" : "partial"
            return "<tr><td>\(fact.record)</td><td>\(fact.field)</td><td><span class=\"badge \(style)\">\(fact.state.rawValue)</span></td><td>\(fact.declared)</td><td>\(source)</td></tr>"
        }
        let shares: [HTML] = pillars.map { "<li><strong>\($0.pillar.rawValue)</strong>: \($0.sentence)</li>" }
        let listed: [HTML] = files.map { file in
            let collected = file.collected.map { ", collected " + Timestamp8601.string($0) } ?? ""
            return "<li><code>\(file.path)</code> (\(file.format ?? "unknown format")\(collected)), sha256 <code>\(file.sha256)</code></li>"
        }
        let table: HTML = provenance.isEmpty ? "" : "<table><thead><tr><th>Record</th><th>Field</th><th>Provenance</th><th>Declared</th><th>Evidence</th></tr></thead><tbody>\(rows)</tbody></table>"
        return "<section><h2>Evidence</h2><p>Judged against <code>\(folder)</code>; what the team's own exports say wins over what the preparedness file claims.</p><ul>\(shares)</ul>\(table)<ul>\(listed)</ul></section>"
    }
}
