extension DrillSession {
    /// The needs a decision depends on: those the prompt names, those its inject's consequences
    /// name, and for a pick-contact prompt the contact needs of the expected roles.
    func needs(behind prompt: Prompt, in inject: Inject) -> [Need] {
        // An inject's consequences point at needs nearby; only the gaps among them are worth a lesson.
        let gaps = inject.consequences.map(\.need).filter { assessment.finding($0)?.status != .met }
        var ids = prompt.needs + gaps
        if case let .pickContact(roles) = prompt.kind {
            ids += scenario.needs.filter { need in
                if case let .contact(requirement) = need.requirement { return roles.contains(requirement.role) }
                return false
            }.map(\.id)
        }
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }.compactMap { id in scenario.needs.first { $0.id == id } }
    }

    /// For onboarding: which of the team's own records this decision depends on, with their values.
    func recordsBehind(_ prompt: Prompt, in inject: Inject) -> [String] {
        var lessons: [String] = []
        if case let .pickContact(roles) = prompt.kind {
            for role in roles {
                let contacts = profile.contacts.filter { $0.role == role }
                if contacts.isEmpty {
                    lessons.append("Your records: the team has no \(role.spoken) on file (contacts, role \(role.rawValue)).")
                }
                for contact in contacts {
                    var text = "Your records: your \(role.spoken) is \(contact.name), reachable \(contact.availability)"
                    if let confirmed = contact.confirmed {
                        text += ", last confirmed \(confirmed) (\(Self.age(from: confirmed, to: asOf)))"
                    } else {
                        text += ", never confirmed"
                    }
                    text += contact.storedOffPlatform ? "; kept off the platform." : "; kept only on the platform."
                    lessons.append(text + " Field: contacts[\(role.rawValue)].")
                }
            }
        }
        for need in needs(behind: prompt, in: inject) {
            guard let finding = assessment.finding(need.id) else { continue }
            let field = finding.fix.map { " Field to change: \($0)." } ?? ""
            lessons.append("This depends on \(need.id) (\(need.pillar.rawValue), \(finding.status.rawValue)): \(finding.reason)\(field)")
        }
        return lessons
    }

    static func age(from date: CalendarDate, to today: CalendarDate) -> String {
        let months = date.wholeMonths(until: today)
        if months >= 1 { return "\(months) month\(months == 1 ? "" : "s") ago" }
        let days = date.days(until: today)
        return days == 0 ? "today" : "\(days) day\(days == 1 ? "" : "s") ago"
    }
}
