import DrillKit

/// `drill scenarios --format json`: the library, and the problems of the files that did not load.
struct ScenarioList: Encodable {
    /// One scenario at a glance.
    struct Entry: Encodable {
        /// Needs per pillar.
        struct Needs: Encodable {
            var contacts: Int
            var logs: Int
            var backups: Int
        }

        var id: String
        var kind: String
        var title: String
        var needs: Needs
        var injects: Int
        var prompts: Int
        var lengthHours: Double

        init(_ scenario: Scenario) {
            let count = { (pillar: Pillar) in scenario.needs.filter { $0.pillar == pillar }.count }
            id = scenario.id
            kind = scenario.kind.rawValue
            title = scenario.title
            needs = Needs(contacts: count(.contacts), logs: count(.logs), backups: count(.backups))
            injects = scenario.injects.count
            prompts = scenario.prompts.count
            lengthHours = scenario.length.hours
        }
    }

    var scenarios: [Entry]
    var diagnostics: [DiagnosticJSON]
}
