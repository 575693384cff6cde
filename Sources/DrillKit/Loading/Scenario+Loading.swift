import Foundation
import Yams

extension Scenario {
    /// Loads a scenario file, reporting every problem at once: syntax, types, unknown keys,
    /// durations, duplicate ids, dangling references, unreachable injects.
    public static func load(fileAt url: URL, displayPath: String? = nil, budget: InputBudget = .init()) throws(LoadFailure) -> Scenario {
        let path = displayPath ?? url.path
        let node = try YAMLReader.compose(fileAt: url, displayPath: path, budget: budget)
        return try decode(node, path: path)
    }

    /// Loads a scenario from YAML text.
    public static func load(yaml: String, displayPath: String, budget: InputBudget = .init()) throws(LoadFailure) -> Scenario {
        let node = try YAMLReader.compose(text: yaml, displayPath: displayPath, budget: budget)
        return try decode(node, path: displayPath)
    }

    static let keys = ["id", "title", "kind", "summary", "basedOn", "objectives", "onset", "discovered", "detectedBy",
                       "platformDown", "investigation", "needs", "deadlines", "injects",
                       "down", "destroyed", "compromised", "backupsFailingFor", "unresponsive", "productionSecretsExposed"]

    static func decode(_ node: Node, path: String) throws(LoadFailure) -> Scenario {
        let reader = YAMLReader(path: path)
        var decoder = ScenarioDecoder(reader: reader)
        let scenario = decoder.scenario(node)
        if let scenario { decoder.checkReferences(scenario) }
        guard let scenario, reader.diagnostics.isEmpty else { throw .invalid(reader.diagnostics) }
        return scenario
    }
}

/// Turns a composed scenario file into a `Scenario`, remembering where each id and
/// reference was written so that cross-reference problems point at the right line.
struct ScenarioDecoder {
    let reader: YAMLReader
    private var idNodes: [String: Node] = [:]
    private var references: [(target: String, kind: Reference, node: Node)] = []
    private var branchOrigins: [(from: String, target: String, node: Node)] = []

    enum Reference { case need, inject, deadline, measure }

    init(reader: YAMLReader) { self.reader = reader }

    mutating func scenario(_ node: Node) -> Scenario? {
        if case let .mapping(mapping) = node, let key = mapping.keys.first(where: { $0.string == "team" }), mapping["injects"] == nil {
            reader.error("this is a preparedness file, not a scenario; keep it outside the scenario folder and pass it with --team FILE", at: key)
            return nil
        }
        guard let fields = reader.fields(node, "the scenario", allowed: Scenario.keys) else { return nil }
        let id = fields.required("id").flatMap { reader.identifier($0, "id") }
        let title = fields.required("title").flatMap { reader.text($0, "title") }
        let kind = fields.required("kind").flatMap { reader.word($0, "kind", as: ScenarioKind.self) }
        let summary = fields.required("summary").flatMap { reader.text($0, "summary") }
        let basedOn = fields["basedOn"].flatMap { reader.text($0, "basedOn") }
        let objectives = fields["objectives"].flatMap { reader.list($0, "objectives") }?.compactMap { objective($0) } ?? []
        let onset = fields.required("onset").flatMap { reader.span($0, "onset") }
        let discovered = fields.required("discovered").flatMap { node -> WeeklyMoment? in
            guard let text = reader.string(node, "discovered") else { return nil }
            guard let moment = WeeklyMoment(parsing: text) else {
                reader.error("discovered '\(text)' is not understood; write a weekday, a 24-hour time and an IANA time zone, e.g. 'Saturday 23:40 Europe/Berlin'", at: node)
                return nil
            }
            return moment
        }
        let detectedBy = fields["detectedBy"].flatMap { reader.text($0, "detectedBy") }
        let platformDown = fields["platformDown"].map { reader.bool($0, "platformDown") } ?? false
        let investigation = fields["investigation"].map { reader.span($0, "investigation") } ?? .days(7)
        let down = fields["down"].map { reader.words($0, "down", as: TeamSystem.self) } ?? []
        let destroyed = fields["destroyed"].map { reader.words($0, "destroyed", as: TeamSystem.self) } ?? []
        let compromised = fields["compromised"].map { reader.words($0, "compromised", as: TeamSystem.self) } ?? []
        let backupsFailingFor: TimeSpan?? = fields["backupsFailingFor"].map { reader.span($0, "backupsFailingFor") }
        let secretsExposed = fields["productionSecretsExposed"].map { reader.bool($0, "productionSecretsExposed") } ?? false
        var unresponsive: [TeamSystem: TimeSpan]? = [:]
        if let node = fields["unresponsive"], let entries = reader.fields(node, "unresponsive", allowed: TeamSystem.allCases.map(\.rawValue)) {
            for entry in entries.entries {
                guard let system = TeamSystem(rawValue: entry.key), let span = reader.span(entry.value, "unresponsive.\(entry.key)") else {
                    unresponsive = nil
                    continue
                }
                unresponsive?[system] = span
            }
        }
        let needs = items(fields.required("needs"), "needs", decode: Self.need)
        let deadlines = fields["deadlines"].map { items($0, "deadlines", decode: Self.deadline) } ?? []
        let injects = items(fields.required("injects"), "injects", decode: Self.inject)
        if let node = fields["injects"], injects?.isEmpty == true, reader.diagnostics.isEmpty {
            reader.error("a scenario needs at least one inject", at: node)
        }
        if let node = fields["needs"], needs?.isEmpty == true, reader.diagnostics.isEmpty {
            reader.error("a scenario needs at least one need: what it tests in the team's preparedness", at: node)
        }
        guard let id, let title, let kind, let summary, let onset, let discovered, let platformDown, let investigation,
              let needs, let deadlines, let injects, let down, let destroyed, let compromised, backupsFailingFor != .some(nil),
              let secretsExposed, let unresponsive else { return nil }
        return Scenario(id: id, title: title, kind: kind, summary: summary, basedOn: basedOn, objectives: objectives,
                        onset: onset, discovered: discovered, detectedBy: detectedBy, platformDown: platformDown,
                        investigation: investigation, needs: needs, deadlines: deadlines, injects: injects,
                        down: Set(down), destroyed: Set(destroyed), compromised: Set(compromised),
                        backupsFailingFor: backupsFailingFor ?? nil, unresponsive: unresponsive, productionSecretsExposed: secretsExposed)
    }

    /// Decodes a list of items; each decoder registers its own id, so duplicates are found in file order.
    private mutating func items<Item>(_ node: Node?, _ what: String, decode: (inout ScenarioDecoder, Node) -> Item?) -> [Item]? {
        guard let node, let items = reader.list(node, what) else { return nil }
        return items.compactMap { decode(&self, $0) }
    }

    private mutating func register(_ id: String, at node: Node) {
        if let first = idNodes[id] {
            reader.error("id '\(id)' is already used at line \(first.mark?.line ?? 0); ids must be unique in a scenario", at: node)
        } else {
            idNodes[id] = node
        }
    }

    // MARK: Objectives

    /// Plain text (not measured), or `{ text, measuredBy: [prompt, need and deadline ids] }`.
    private mutating func objective(_ node: Node) -> Objective? {
        if case .scalar = node { return reader.text(node, "an objective").map { Objective($0) } }
        guard let fields = reader.fields(node, "an objective", allowed: ["text", "measuredBy"]) else { return nil }
        let text = fields.required("text").flatMap { reader.text($0, "an objective's text") }
        var measuredBy: [String] = []
        if let listNode = fields["measuredBy"], let list = reader.list(listNode, "measuredBy") {
            if list.isEmpty {
                reader.error("measuredBy must name at least one prompt, need or deadline; leave it out for an objective that is not measured", at: listNode)
            }
            for item in list {
                guard let id = reader.identifier(item, "measuredBy entry") else { continue }
                if measuredBy.contains(id) {
                    reader.error("measuredBy names '\(id)' twice", at: item)
                    continue
                }
                measuredBy.append(id)
                references.append((id, .measure, item))
            }
        }
        guard let text else { return nil }
        return Objective(text, measuredBy: measuredBy)
    }

    // MARK: Needs and deadlines

    private static let needKeys = ["id", "pillar", "why", "delayIfPartial", "delayIfUnmet"]
    private static let pillarKeys: [Pillar: [String]] = [
        .contacts: ["role", "neededAt", "within", "for", "fallback", "findingsBy"],
        .logs: ["events", "reachBack", "detectWithin", "systems"],
        .backups: ["asset", "versionControlled", "restoreBefore", "maxDataLoss", "units", "restoreWithin", "isolated"],
    ]

    private static func need(_ decoder: inout ScenarioDecoder, _ node: Node) -> Need? {
        let reader = decoder.reader
        let pillar: Pillar? = {
            guard case let .mapping(mapping) = node, let value = mapping["pillar"] else { return nil }
            return Pillar(rawValue: value.string ?? "")
        }()
        let allowed = needKeys + (pillar.flatMap { pillarKeys[$0] } ?? pillarKeys.values.flatMap { $0 })
        guard let fields = reader.fields(node, "a need", allowed: allowed) else { return nil }
        let idNode = fields.required("id")
        let id = idNode.flatMap { reader.identifier($0, "need id") }
        if let id, let idNode { decoder.register(id, at: idNode) }
        _ = fields.required("pillar").flatMap { reader.word($0, "pillar", as: Pillar.self) }
        let why = fields["why"].flatMap { reader.text($0, "why") }
        let delayIfPartial = fields["delayIfPartial"].flatMap { reader.span($0, "delayIfPartial") }
        let delayIfUnmet = fields["delayIfUnmet"].flatMap { reader.span($0, "delayIfUnmet") }
        let requirement: Need.Requirement?
        switch pillar {
        case .contacts:
            let role = fields.required("role").flatMap { reader.word($0, "role", as: ContactRole.self) }
            let neededAt = fields["neededAt"].map { reader.offset($0, "neededAt") } ?? .zero
            let within = fields["within"].map { reader.span($0, "within") } ?? .hours(4)
            let covers: TeamSystem?? = fields["for"].map { reader.word($0, "for", as: TeamSystem.self) }
            let fallback = fields["fallback"].map { reader.bool($0, "fallback") } ?? false
            let findingsBy: TimeSpan?? = fields["findingsBy"].map { reader.offset($0, "findingsBy") }
            if let node = fields.entry("findingsBy")?.keyNode, let role, role != .subcontractor {
                reader.error("findingsBy asks for a subcontractor's forensic findings; this need's role is \(role.rawValue)", at: node)
            }
            if let role, let neededAt, let within, let fallback, covers != .some(nil), findingsBy != .some(nil) {
                requirement = .contact(ContactRequirement(role: role, neededAt: neededAt, within: within, covers: covers ?? nil,
                                                          fallback: fallback, findingsBy: findingsBy ?? nil))
            } else { requirement = nil }
        case .logs:
            let events = fields.required("events").flatMap { reader.words($0, "events", as: EventClass.self) }
            if let node = fields["events"], events?.isEmpty == true { reader.error("events must name at least one event class", at: node) }
            let absent: TimeSpan?? = .some(.none)
            let reachBack = fields["reachBack"].map { reader.value($0, orKeyword: "onset") { reader.span($0, "reachBack") } } ?? absent
            let detectWithin = fields["detectWithin"].map { reader.value($0, orKeyword: "") { reader.span($0, "detectWithin") } } ?? absent
            let systems = fields["systems"].map { reader.words($0, "systems", as: TeamSystem.self) } ?? [.app]
            if let node = fields["systems"], systems?.isEmpty == true { reader.error("systems must name at least one system", at: node) }
            if let events, let reachBack, let detectWithin, let systems {
                requirement = .logs(LogRequirement(events: events, reachBack: reachBack, detectWithin: detectWithin, systems: systems))
            } else { requirement = nil }
        case .backups:
            let asset = fields.required("asset").flatMap { reader.word($0, "asset", as: Asset.self) }
            let versionControlled = fields["versionControlled"].map { reader.bool($0, "versionControlled") } ?? false
            let absent: TimeSpan?? = .some(.none)
            let restoreBefore = fields["restoreBefore"].map { reader.value($0, orKeyword: "onset") { reader.span($0, "restoreBefore") } } ?? absent
            let maxDataLoss = fields["maxDataLoss"].map { reader.value($0, orKeyword: "") { reader.span($0, "maxDataLoss") } } ?? absent
            let units: Int?? = fields["units"].map { reader.integer($0, "units", in: 1...10_000_000) }
            let restoreWithin: TimeSpan?? = fields["restoreWithin"].map { reader.span($0, "restoreWithin") }
            let isolated = fields["isolated"].map { reader.bool($0, "isolated") } ?? false
            if let node = fields.entry("units")?.keyNode, fields["restoreWithin"] == nil {
                reader.error("units says how many must be restored; add restoreWithin: how soon after discovery (e.g. 48h)", at: node)
            }
            if let asset, let versionControlled, let restoreBefore, let maxDataLoss, let isolated, units != .some(nil),
               restoreWithin != .some(nil) {
                requirement = .backup(BackupRequirement(asset: asset, versionControlled: versionControlled,
                                                        restoreBefore: restoreBefore, maxDataLoss: maxDataLoss,
                                                        units: units ?? nil, restoreWithin: restoreWithin ?? nil, isolated: isolated))
            } else { requirement = nil }
        case nil:
            requirement = nil
        }
        guard let id, let requirement else { return nil }
        return Need(id: id, requirement: requirement, why: why, delayIfPartial: delayIfPartial, delayIfUnmet: delayIfUnmet)
    }

    private static func deadline(_ decoder: inout ScenarioDecoder, _ node: Node) -> Deadline? {
        let reader = decoder.reader
        guard let fields = reader.fields(node, "a deadline", allowed: ["id", "title", "due", "takes", "needs"]) else { return nil }
        let idNode = fields.required("id")
        let id = idNode.flatMap { reader.identifier($0, "deadline id") }
        if let id, let idNode { decoder.register(id, at: idNode) }
        let title = fields.required("title").flatMap { reader.text($0, "title") }
        let due = fields.required("due").flatMap { reader.span($0, "due") }
        let takes = fields["takes"].map { reader.span($0, "takes") } ?? .zero
        var needs: [String] = []
        if let list = fields["needs"].flatMap({ reader.list($0, "needs") }) {
            for item in list {
                guard let need = reader.identifier(item, "need reference") else { continue }
                needs.append(need)
                decoder.references.append((need, .need, item))
            }
        }
        guard let id, let title, let due, let takes else { return nil }
        return Deadline(id: id, title: title, due: due, takes: takes, needs: needs)
    }

    // MARK: Injects and prompts

    private static func inject(_ decoder: inout ScenarioDecoder, _ node: Node) -> Inject? {
        let reader = decoder.reader
        let keys = ["id", "title", "at", "narrative", "evidence", "consequences", "prompts", "next", "completes"]
        guard let fields = reader.fields(node, "an inject", allowed: keys) else { return nil }
        let idNode = fields.required("id")
        let id = idNode.flatMap { reader.identifier($0, "inject id") }
        if let id, let idNode { decoder.register(id, at: idNode) }
        let title = fields.required("title").flatMap { reader.text($0, "title") }
        let at = fields.required("at").flatMap { reader.offset($0, "at") }
        let narrative = fields.required("narrative").flatMap { reader.text($0, "narrative") }
        let evidence = fields["evidence"].flatMap { reader.list($0, "evidence") }?.compactMap { item -> Evidence? in
            guard let fields = reader.fields(item, "evidence", allowed: ["source", "excerpt"]) else { return nil }
            let source = fields.required("source").flatMap { reader.text($0, "source") }
            let excerpt = fields.required("excerpt").flatMap { reader.text($0, "excerpt") }
            guard let source, let excerpt else { return nil }
            return Evidence(source: source, excerpt: excerpt)
        } ?? []
        let consequences = fields["consequences"].flatMap { reader.list($0, "consequences") }?.compactMap { item -> Consequence? in
            guard let fields = reader.fields(item, "a consequence", allowed: ["need", "when", "narrative"]) else { return nil }
            let need = fields.required("need").flatMap { reader.identifier($0, "need reference") }
            if let need, let node = fields["need"] { decoder.references.append((need, .need, node)) }
            let when = fields.required("when").flatMap { reader.words($0, "when", as: NeedStatus.self) }
            let narrative = fields.required("narrative").flatMap { reader.text($0, "narrative") }
            guard let need, let when, let narrative else { return nil }
            return Consequence(need: need, when: Set(when), narrative: narrative)
        } ?? []
        var prompts: [Prompt] = []
        for item in fields["prompts"].flatMap({ reader.list($0, "prompts") }) ?? [] {
            if let prompt = prompt(&decoder, item, inject: id ?? "") { prompts.append(prompt) }
        }
        let next = fields["next"].flatMap { decoder.branch($0, from: id ?? "", "next") }
        let completes = decoder.deadlineReferences(fields["completes"])
        guard let id, let title, let at, let narrative else { return nil }
        var inject = Inject(id: id, title: title, at: at, narrative: narrative, evidence: evidence, consequences: consequences,
                            prompts: prompts, next: next)
        inject.completes = completes
        return inject
    }

    private mutating func branch(_ node: Node, from inject: String, _ what: String) -> BranchTarget? {
        guard let text = reader.string(node, what) else { return nil }
        if text == "end" { return .end }
        guard let id = reader.identifier(node, what) else { return nil }
        references.append((id, .inject, node))
        branchOrigins.append((inject, id, node))
        return .inject(id)
    }

    private static func prompt(_ decoder: inout ScenarioDecoder, _ node: Node, inject: String) -> Prompt? {
        let reader = decoder.reader
        let keys = ["id", "kind", "question", "options", "expected", "tolerance", "unit", "points", "hint", "explanation", "onCorrect", "onIncorrect", "costIfIncorrect", "role", "needs", "completes"]
        guard let fields = reader.fields(node, "a prompt", allowed: keys) else { return nil }
        let idNode = fields.required("id")
        let id = idNode.flatMap { reader.identifier($0, "prompt id") }
        if let id, let idNode { decoder.register(id, at: idNode) }
        let question = fields.required("question").flatMap { reader.text($0, "question") }
        let points = fields["points"].map { reader.integer($0, "points", in: 0...1000) } ?? 10
        let hint = fields["hint"].flatMap { reader.text($0, "hint") }
        let explanation = fields["explanation"].flatMap { reader.text($0, "explanation") }
        let onCorrect = fields["onCorrect"].flatMap { decoder.branch($0, from: inject, "onCorrect") }
        let onIncorrect = fields["onIncorrect"].flatMap { decoder.branch($0, from: inject, "onIncorrect") }
        let costIfIncorrect = fields["costIfIncorrect"].flatMap { reader.span($0, "costIfIncorrect") }
        let role = fields["role"].flatMap { reader.text($0, "role") }
        var needs: [String] = []
        for item in fields["needs"].flatMap({ reader.list($0, "needs") }) ?? [] {
            guard let need = reader.identifier(item, "need reference") else { continue }
            needs.append(need)
            decoder.references.append((need, .need, item))
        }
        let kindNode = fields.required("kind")
        let kindName = kindNode.flatMap { reader.string($0, "kind") }
        if let kindName, let kindNode, !Prompt.Kind.names.contains(kindName) {
            reader.error("prompt kind '\(kindName)' is not one of: \(Prompt.Kind.names.joined(separator: ", "))", at: kindNode)
        }

        func forbid(_ keys: [String]) {
            for key in keys {
                if let entry = fields.entry(key) {
                    reader.error("'\(key)' does not apply to a \(kindName ?? "") prompt", at: entry.keyNode)
                }
            }
        }
        var kind: Prompt.Kind?
        switch kindName {
        case "single-choice", "multiple-choice":
            forbid(["expected", "tolerance", "unit", "costIfIncorrect"])
            let options = fields.required("options").flatMap { optionsNode -> [Choice]? in
                guard let items = reader.list(optionsNode, "options") else { return nil }
                var seen: [String: Node] = [:]
                let options = items.compactMap { item -> Choice? in
                    guard let option = decoder.option(item, inject: inject) else { return nil }
                    if let first = seen[option.id] {
                        reader.error("option id '\(option.id)' is already used at line \(first.mark?.line ?? 0) in this prompt", at: item)
                    }
                    seen[option.id] = item
                    return option
                }
                if items.count < 2 { reader.error("a choice prompt needs at least two options", at: optionsNode) }
                if !options.isEmpty, !options.contains(where: \.correct) {
                    reader.error("no option is marked 'correct: true'; mark the expected answer", at: optionsNode)
                }
                if kindName == "single-choice", options.filter(\.correct).count > 1 {
                    reader.error("a single-choice prompt has one correct option; use multiple-choice for several", at: optionsNode)
                }
                return options
            }
            if let options { kind = kindName == "single-choice" ? .singleChoice(options) : .multipleChoice(options) }
        case "pick-contact":
            forbid(["options", "tolerance", "unit"])
            if let roles = fields.required("expected").flatMap({ reader.words($0, "expected", as: ContactRole.self) }) {
                kind = .pickContact(expected: roles)
            }
        case "yes-no":
            forbid(["options", "tolerance", "unit"])
            if let node = fields.required("expected") {
                switch node.string?.lowercased() {
                case "yes", "true": kind = .yesNo(expected: true)
                case "no", "false": kind = .yesNo(expected: false)
                default: reader.error("expected for a yes-no prompt must be yes or no, found \(YAMLReader.describe(node))", at: node)
                }
            }
        case "free-text":
            forbid(["options", "tolerance", "unit", "onCorrect", "onIncorrect", "costIfIncorrect"])
            let guidance = fields["expected"].flatMap { reader.text($0, "expected") }
            kind = .freeText(guidance: guidance)
        case "estimate":
            forbid(["options"])
            let expected = fields.required("expected").flatMap { reader.number($0, "expected") }
            let tolerance = fields["tolerance"].map { reader.number($0, "tolerance") } ?? 0
            if let tolerance, tolerance < 0, let node = fields["tolerance"] { reader.error("tolerance must not be negative", at: node) }
            let unit = fields["unit"].flatMap { reader.text($0, "unit") }
            if let expected, let tolerance { kind = .estimate(expected: expected, tolerance: tolerance, unit: unit) }
        default:
            break
        }
        guard let id, let question, let points, let kind else { return nil }
        var prompt = Prompt(id: id, question: question, kind: kind, points: points, hint: hint, explanation: explanation,
                            onCorrect: onCorrect, onIncorrect: onIncorrect, costIfIncorrect: costIfIncorrect)
        prompt.role = role
        prompt.needs = needs
        prompt.completes = decoder.deadlineReferences(fields["completes"])
        return prompt
    }

    private mutating func option(_ node: Node, inject: String) -> Choice? {
        guard let fields = reader.fields(node, "an option", allowed: ["id", "text", "correct", "next", "cost", "completes"]) else { return nil }
        let id = fields.required("id").flatMap { reader.identifier($0, "option id") }
        let text = fields.required("text").flatMap { reader.text($0, "text") }
        let correct = fields["correct"].map { reader.bool($0, "correct") } ?? false
        let next = fields["next"].flatMap { branch($0, from: inject, "next") }
        let cost: TimeSpan?? = fields["cost"].map { reader.span($0, "cost") } ?? .some(.none)
        let completes = deadlineReferences(fields["completes"])
        guard let id, let text, let correct, let cost else { return nil }
        var choice = Choice(id: id, text: text, correct: correct, next: next, cost: cost)
        choice.completes = completes
        return choice
    }

    /// A `completes` list: deadline ids, checked once every deadline is known.
    private mutating func deadlineReferences(_ node: Node?) -> [String] {
        guard let node, let list = reader.list(node, "completes") else { return [] }
        var ids: [String] = []
        for item in list {
            guard let id = reader.identifier(item, "deadline reference") else { continue }
            ids.append(id)
            references.append((id, .deadline, item))
        }
        return ids
    }

    // MARK: Cross-references

    /// Dangling references, branches that run the clock backwards, and unreachable injects.
    func checkReferences(_ scenario: Scenario) {
        let needIDs = Set(scenario.needs.map(\.id))
        let deadlineIDs = Set(scenario.deadlines.map(\.id))
        let injects = Dictionary(scenario.injects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let measurable = needIDs.union(scenario.prompts.map(\.id)).union(scenario.deadlines.map(\.id))
        for (target, kind, node) in references {
            switch kind {
            case .measure where injects[target] != nil:
                reader.error("'\(target)' is an inject; measuredBy names the prompts, needs and deadlines that measure an objective", at: node)
            case .measure where !measurable.contains(target):
                let suggestion = YAMLReader.closest(to: target, in: Array(measurable)).map { "; did you mean '\($0)'?" } ?? ""
                reader.error("no prompt, need or deadline has the id '\(target)'\(suggestion)", at: node)
            case .need where !needIDs.contains(target):
                let suggestion = YAMLReader.closest(to: target, in: Array(needIDs)).map { "; did you mean '\($0)'?" } ?? ""
                reader.error("no need has the id '\(target)'\(suggestion)", at: node)
            case .deadline where !deadlineIDs.contains(target):
                let suggestion = YAMLReader.closest(to: target, in: Array(deadlineIDs)).map { "; did you mean '\($0)'?" } ?? ""
                reader.error("no deadline has the id '\(target)'\(suggestion)", at: node)
            case .inject where injects[target] == nil:
                let suggestion = YAMLReader.closest(to: target, in: Array(injects.keys)).map { "; did you mean '\($0)'?" } ?? ""
                reader.error("no inject has the id '\(target)' (write an inject id or 'end')\(suggestion)", at: node)
            default:
                break
            }
        }
        for (from, target, node) in branchOrigins {
            guard let source = injects[from], let destination = injects[target], destination.at < source.at else { continue }
            reader.error("branch from '\(from)' (at +\(source.at.compact)) to '\(target)' (at +\(destination.at.compact)) would run the clock backwards", at: node)
        }
        for (index, inject) in scenario.injects.enumerated().dropFirst() {
            let previous = scenario.injects[index - 1]
            if previous.next == nil, inject.at < previous.at, let node = idNodes[inject.id] {
                reader.error("inject '\(inject.id)' is at +\(inject.at.compact), earlier than '\(previous.id)' (+\(previous.at.compact)) before it", at: node)
            }
        }
        for id in ScenarioGraph(scenario).unreachable {
            reader.error("inject '\(id)' can never be reached: no branch leads to it and the inject before it always goes elsewhere", at: idNodes[id])
        }
    }
}
