import Foundation
import Yams

extension PreparednessProfile {
    /// Loads a preparedness file, reporting every problem at once. With `datesNotAfter`, a
    /// confirmation or restore test dated after that day is an error (lint and check pass the
    /// judging day; a stored run's text is loaded without it, as it was accepted then).
    public static func load(fileAt url: URL, displayPath: String? = nil, budget: InputBudget = .init(),
                            datesNotAfter: CalendarDate? = nil) throws(LoadFailure) -> PreparednessProfile {
        let path = displayPath ?? url.path
        let node = try YAMLReader.compose(fileAt: url, displayPath: path, budget: budget)
        return try decode(node, path: path, datesNotAfter: datesNotAfter)
    }

    /// Loads preparedness from YAML text (the embedded example team, tests).
    public static func load(yaml: String, displayPath: String, budget: InputBudget = .init(),
                            datesNotAfter: CalendarDate? = nil) throws(LoadFailure) -> PreparednessProfile {
        let node = try YAMLReader.compose(text: yaml, displayPath: displayPath, budget: budget)
        return try decode(node, path: displayPath, datesNotAfter: datesNotAfter)
    }

    static let keys = ["team", "policy", "contacts", "logs", "backups", "drills"]

    static func decode(_ node: Node, path: String, datesNotAfter: CalendarDate? = nil) throws(LoadFailure) -> PreparednessProfile {
        let reader = YAMLReader(path: path)
        let profile = PreparednessDecoder(reader: reader, notAfter: datesNotAfter).profile(node)
        guard let profile, reader.diagnostics.isEmpty else { throw .invalid(reader.diagnostics) }
        return profile
    }
}

/// Turns a composed preparedness file into a profile, collecting diagnostics on the way.
struct PreparednessDecoder {
    let reader: YAMLReader
    /// The judging day: records dated after it are errors.
    var notAfter: CalendarDate?

    /// A date that must not lie after the judging day.
    private func pastDate(_ node: Node, _ what: String) -> CalendarDate? {
        guard let date = reader.date(node, what) else { return nil }
        if let notAfter, date > notAfter {
            reader.error("\(what) \(date) is after \(notAfter), the day the records are judged on; a record cannot be dated in the future (a typo, or a plan that has not happened yet)", at: node)
            return nil
        }
        return date
    }

    func profile(_ node: Node) -> PreparednessProfile? {
        guard let fields = reader.fields(node, "the preparedness file", allowed: PreparednessProfile.keys) else { return nil }
        let team = fields.required("team").flatMap { reader.text($0, "team") }
        let policy = fields["policy"].map(policy) ?? PreparednessPolicy()
        let contacts = fields["contacts"].flatMap { reader.list($0, "contacts") }?.compactMap(contact) ?? []
        let logs = fields["logs"].flatMap { reader.list($0, "logs") }?.compactMap(logSource) ?? []
        let backups = fields["backups"].flatMap { reader.list($0, "backups") }?.compactMap(backup) ?? []
        let drills = fields["drills"].map(cadence) ?? DrillCadence()
        guard let team, let policy, let drills else { return nil }
        return PreparednessProfile(team: team, policy: policy, contacts: contacts, logs: logs, backups: backups, drills: drills)
    }

    /// `drills: {every: 3mo}`.
    private func cadence(_ node: Node) -> DrillCadence? {
        guard let fields = reader.fields(node, "drills", allowed: ["every"]) else { return nil }
        guard let value = fields.required("every") else { return nil }
        guard let span = reader.span(value, "drills.every") else { return nil }
        guard span >= DrillCadence.shortest, span <= DrillCadence.longest else {
            reader.error("drills.every '\(span.compact)' is outside what drill plans for; write a cadence from 1w to 24mo, such as 3mo (quarterly) or 2mo", at: value)
            return nil
        }
        return DrillCadence(every: span)
    }

    private func policy(_ node: Node) -> PreparednessPolicy? {
        guard let fields = reader.fields(node, "policy", allowed: ["contactsConfirmedWithin", "restoreTestedWithin"]) else { return nil }
        var policy = PreparednessPolicy()
        if let value = fields["contactsConfirmedWithin"] {
            guard let span = reader.span(value, "contactsConfirmedWithin") else { return nil }
            policy.contactsConfirmedWithin = span
        }
        if let value = fields["restoreTestedWithin"] {
            guard let span = reader.span(value, "restoreTestedWithin") else { return nil }
            policy.restoreTestedWithin = span
        }
        return policy
    }

    private func contact(_ node: Node) -> Contact? {
        let keys = ["role", "name", "channels", "availability", "responseTime", "confirmed", "storedOffPlatform", "notes",
                    "for", "storedIn", "escalation", "reportsWithin", "findingsVisible", "evidence"]
        guard let fields = reader.fields(node, "a contact", allowed: keys) else { return nil }
        let role = fields.required("role").flatMap { reader.word($0, "role", as: ContactRole.self) }
        let name = fields.required("name").flatMap { reader.text($0, "name") }
        let channels = fields["channels"].flatMap { reader.list($0, "channels") }?.compactMap(channel)
        let availability = fields.required("availability").flatMap { node -> Availability? in
            guard let text = reader.string(node, "availability") else { return nil }
            guard let availability = Availability(parsing: text) else {
                reader.error("availability '\(text)' is not understood; write 24x7, or days, hours and an IANA time zone such as 'Mon-Fri 09:00-17:30 Europe/London'", at: node)
                return nil
            }
            return availability
        }
        let responseTime = fields["responseTime"].map { reader.span($0, "responseTime") } ?? .zero
        let confirmed = fields.required("confirmed").flatMap { reader.value($0, orKeyword: "never") { pastDate($0, "confirmed") } }
        let offPlatform = fields.required("storedOffPlatform").flatMap { reader.bool($0, "storedOffPlatform") }
        let covers: [TeamSystem]?? = fields["for"].map { reader.words($0, "for", as: TeamSystem.self) }
        let storedIn: [TeamSystem]?? = fields["storedIn"].map { reader.words($0, "storedIn", as: TeamSystem.self) }
        let escalation = fields["escalation"].flatMap { reader.list($0, "escalation") }?.compactMap(channel) ?? []
        let reportsWithin: TimeSpan?? = fields["reportsWithin"].map { reader.span($0, "reportsWithin") }
        let findingsVisible: Bool?? = fields["findingsVisible"].map { reader.bool($0, "findingsVisible") }
        guard let role, let name, let availability, let responseTime, let confirmed,
              let offPlatform, covers != .some(nil), storedIn != .some(nil), reportsWithin != .some(nil),
              findingsVisible != .some(nil) else { return nil }
        if channels?.isEmpty ?? true {
            reader.error("contact '\(name)' lists no channels; give at least one way to reach them (phone, email, portal, …)", at: node)
        }
        if role != .subcontractor, let node = fields.entry("reportsWithin")?.keyNode ?? fields.entry("findingsVisible")?.keyNode {
            reader.error("reportsWithin and findingsVisible describe a subcontractor's contract; contact '\(name)' has role \(role.rawValue)", at: node)
        }
        var contact = Contact(role: role, name: name, channels: channels ?? [], availability: availability, responseTime: responseTime,
                              confirmed: confirmed, storedOffPlatform: offPlatform, covers: covers ?? nil, storedIn: storedIn ?? nil,
                              escalation: escalation, reportsWithin: reportsWithin ?? nil, findingsVisible: findingsVisible ?? nil)
        contact.evidence = evidenceIDs(fields["evidence"])
        return contact
    }

    private func channel(_ node: Node) -> Channel? {
        let kinds = Channel.Kind.allCases.map(\.rawValue)
        guard let fields = reader.fields(node, "a channel", allowed: kinds) else { return nil }
        guard fields.entries.count == 1, let entry = fields.entries.first, let kind = Channel.Kind(rawValue: entry.key) else {
            if !fields.entries.isEmpty || reader.diagnostics.isEmpty {
                reader.error("a channel is one key, its kind (\(kinds.joined(separator: ", "))), and the address, e.g. 'phone: +44 20 7946 0321'", at: node)
            }
            return nil
        }
        return reader.text(entry.value, entry.key).map { Channel(kind: kind, address: $0) }
    }

    private func logSource(_ node: Node) -> LogSource? {
        let keys = ["source", "covers", "timestamps", "retention", "storage", "restricted", "accessRecorded", "review",
                    "systems", "storedIn", "alertsOn", "alertsWithin", "evidence"]
        guard let fields = reader.fields(node, "a log source", allowed: keys) else { return nil }
        let source = fields.required("source").flatMap { reader.text($0, "source") }
        let covers = fields.required("covers").flatMap { reader.words($0, "covers", as: EventClass.self) }
        let timestamps = fields.required("timestamps").flatMap { reader.word($0, "timestamps", as: LogSource.Timestamps.self) }
        let retention = fields.required("retention").flatMap { reader.span($0, "retention") }
        let storage = fields.required("storage").flatMap { reader.text($0, "storage") }
        let restricted = fields.required("restricted").flatMap { reader.bool($0, "restricted") }
        let accessRecorded = fields.required("accessRecorded").flatMap { reader.bool($0, "accessRecorded") }
        let review = fields.required("review").flatMap(review)
        let systems = fields["systems"].map { reader.words($0, "systems", as: TeamSystem.self) } ?? [.app]
        if let node = fields["systems"], systems?.isEmpty == true { reader.error("systems must name at least one system", at: node) }
        let storedIn: RecordPlace?? = fields["storedIn"].map(place)
        let alertsOn: [EventClass]?? = fields["alertsOn"].map { reader.words($0, "alertsOn", as: EventClass.self) }
        let alertsWithin: TimeSpan?? = fields["alertsWithin"].map { reader.span($0, "alertsWithin") }
        guard let source, let covers, let timestamps, let retention, let storage, let restricted, let accessRecorded, let review,
              let systems, storedIn != .some(nil), alertsOn != .some(nil), alertsWithin != .some(nil) else { return nil }
        if review != .automated, let node = fields.entry("alertsOn")?.keyNode ?? fields.entry("alertsWithin")?.keyNode {
            reader.error("alertsOn and alertsWithin describe automated review; log source '\(source)' is reviewed \(review)", at: node)
        }
        var log = LogSource(source: source, covers: covers, timestamps: timestamps, retention: retention, storage: storage,
                            restricted: restricted, accessRecorded: accessRecorded, review: review, systems: systems,
                            storedIn: storedIn ?? nil, alertsOn: alertsOn ?? nil, alertsWithin: alertsWithin ?? nil)
        log.evidence = evidenceIDs(fields["evidence"])
        return log
    }

    private func review(_ node: Node) -> LogSource.Review? {
        guard let text = reader.string(node, "review") else { return nil }
        switch text {
        case "automated": return .automated
        case "none": return LogSource.Review.none
        default:
            let words = text.split(separator: " ", maxSplits: 1)
            if words.count == 2, words[0] == "every", let span = TimeSpan(parsing: String(words[1])), span > .zero {
                return .manual(every: span)
            }
            reader.error("review '\(text)' is not understood; write automated, none, or every 24h (checked by hand)", at: node)
            return nil
        }
    }

    /// The kinds of evidence id an entry may name, each with what follows the colon.
    static let evidenceKinds = ["cloudwatch", "cloudtrail", "gcloud-logging", "path", "aws-backup", "restic", "pgbackrest", "wal-g", "review",
                                "pagerduty", "git"]

    /// `evidence: KIND:ID` or a list of them; an unknown kind is an error.
    private func evidenceIDs(_ node: Node?) -> [String] {
        guard let node else { return [] }
        let items: [Node]
        if case .scalar = node { items = [node] } else { items = reader.list(node, "evidence") ?? [] }
        return items.compactMap { item in
            guard let text = reader.text(item, "evidence") else { return nil }
            let kind = text.prefix { $0 != ":" }
            guard text.contains(":"), Self.evidenceKinds.contains(String(kind)), text.count > kind.count + 1 else {
                reader.error("evidence '\(text.prefix(80))' is not KIND:ID with a kind of \(Self.evidenceKinds.joined(separator: ", ")) (e.g. cloudwatch:/aws/app/audit)", at: item)
                return nil
            }
            return text
        }
    }

    /// A system's name, or `separate-account`.
    private func place(_ node: Node) -> RecordPlace? {
        guard let text = reader.string(node, "storedIn") else { return nil }
        guard let place = RecordPlace(rawValue: text) else {
            reader.error("storedIn '\(text)' is not one of: \(RecordPlace.words.joined(separator: ", "))", at: node)
            return nil
        }
        return place
    }

    private func restoreTestRecord(_ node: Node) -> RestoreTest? {
        guard let fields = reader.fields(node, "restoreTest", allowed: ["on", "units", "took", "parallel"]) else { return nil }
        let on = fields.required("on").flatMap { pastDate($0, "restoreTest.on") }
        let units = fields["units"].map { reader.integer($0, "restoreTest.units", in: 1...10_000_000) } ?? 1
        let took: TimeSpan?? = fields["took"].map { reader.span($0, "restoreTest.took") }
        let parallel = fields["parallel"].map { reader.integer($0, "restoreTest.parallel", in: 1...100_000) } ?? 1
        guard let on, let units, let parallel, took != .some(nil) else { return nil }
        return RestoreTest(on: on, units: units, took: took ?? nil, parallel: parallel)
    }

    private func backup(_ node: Node) -> Backup? {
        let keys = ["asset", "kind", "location", "every", "reachBack", "restoreTested", "offPlatform",
                    "restoreTest", "monitored", "keys", "storedIn", "evidence"]
        guard let fields = reader.fields(node, "a backup", allowed: keys) else { return nil }
        let asset = fields.required("asset").flatMap { reader.word($0, "asset", as: Asset.self) }
        let kind = fields.required("kind").flatMap { reader.word($0, "kind", as: Backup.Kind.self) }
        let location = fields.required("location").flatMap { reader.text($0, "location") }
        let every = fields.required("every").flatMap { reader.value($0, orKeyword: "continuous") { reader.span($0, "every") } }
        let unlimited: TimeSpan?? = kind == .versionControl ? .some(.none) : .none
        let reachBack = fields["reachBack"].map { reader.value($0, orKeyword: "unlimited") { reader.span($0, "reachBack") } } ?? unlimited
        if fields["reachBack"] == nil, kind != nil, kind != .versionControl {
            reader.error("a \(kind?.rawValue ?? "") backup needs 'reachBack': how far back a restore can go (e.g. 35d)", at: node)
        }
        let restoreTest: RestoreTest?? = fields["restoreTest"].map(restoreTestRecord)
        // `restoreTest` carries its own date; `restoreTested` stays the short form.
        let tested: CalendarDate?? = restoreTest != nil && fields["restoreTested"] == nil ? .some(nil)
            : fields.required("restoreTested").flatMap { reader.value($0, orKeyword: "never") { pastDate($0, "restoreTested") } }
        if let node = fields.entry("restoreTested")?.keyNode, restoreTest != nil {
            reader.error("give either restoreTested or restoreTest (which has its own 'on' date), not both", at: node)
        }
        let offPlatform = fields.required("offPlatform").flatMap { reader.bool($0, "offPlatform") }
        let monitored: Bool?? = fields["monitored"].map { reader.bool($0, "monitored") }
        let backupKeys: Backup.Keys?? = fields["keys"].map { reader.word($0, "keys", as: Backup.Keys.self) }
        let storedIn: RecordPlace?? = fields["storedIn"].map(place)
        guard let asset, let kind, let location, let every, let reachBack, let tested, let offPlatform, restoreTest != .some(nil),
              monitored != .some(nil), backupKeys != .some(nil), storedIn != .some(nil) else { return nil }
        var backup = Backup(asset: asset, kind: kind, location: location, every: every, reachBack: reachBack, restoreTested: tested,
                            offPlatform: offPlatform, restoreTest: restoreTest ?? nil, monitored: monitored ?? nil, keys: backupKeys ?? nil,
                            storedIn: storedIn ?? nil)
        backup.evidence = evidenceIDs(fields["evidence"])
        return backup
    }
}
