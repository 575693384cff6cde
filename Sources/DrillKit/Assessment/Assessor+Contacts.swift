extension Assessor {
    func assessContact(_ need: Need, _ requirement: ContactRequirement, in scenario: Scenario) -> Finding {
        let role = requirement.role
        let ofRole = profile.contacts.filter { $0.role == role }
        // A need that names a system or vendor is met only by a contact for it.
        let candidates = requirement.covers.map { system in ofRole.filter { $0.systems.contains(system) } } ?? ofRole
        let basisSystems = requirement.covers.map { [$0] } ?? []
        guard !candidates.isEmpty else {
            let delay = need.delayIfUnmet ?? costs.missingContact[role] ?? .hours(24)
            var reason = "No \(role.spoken) is on file"
            if let system = requirement.covers {
                // A vendor need for another system is a need for that vendor's own security route.
                reason = [.platformVendor, .hostingProvider].contains(role) && !role.defaultSystems.contains(system)
                    ? "No security contact at the vendor of \(system.spoken) (\(system.rawValue)) is on file"
                    : reason + " for \(system.spoken) (\(system.rawValue))"
                if !ofRole.isEmpty {
                    let others = ofRole.map { "\($0.name) is for \($0.systems.isEmpty ? "no system in particular" : Self.list($0.systems.map(\.rawValue)))" }
                    reason += "; " + Self.list(others)
                }
            }
            return Finding(
                needID: need.id, pillar: .contacts, status: .unmet,
                reasons: [reason + ": finding and engaging one mid-incident takes about \(delay.spoken)."],
                delay: delay, fix: requirement.covers.map { "contacts: add a \(role.rawValue) for \($0.rawValue)" } ?? "contacts: add one with role \(role.rawValue)",
                basis: FindingBasis(systems: basisSystems))
        }
        let clock = DiscoveryClock(scenario.discovered, onOrAfter: asOf)
        let assessed = candidates.map { contact in
            (contact, contactGaps(contact, need, requirement, in: scenario, clock: clock))
        }
        // The team calls whoever gets them there soonest with the fewest problems.
        guard let (contact, chosenGaps) = assessed.min(by: { ($0.1.status, $0.1.delay) < ($1.1.status, $1.1.delay) }) else {
            return Finding(needID: need.id, pillar: .contacts, status: .unmet, reasons: [])
        }
        var gaps = chosenGaps
        gaps += routeGaps(contact, candidates: candidates, need, requirement, in: scenario)
        if let findingsBy = requirement.findingsBy {
            gaps += findingsGaps(contact, need, requirement, findingsBy: findingsBy, reach: chosenGaps.delay)
        }
        var reasons = gaps.reasons
        if gaps.isEmpty {
            reasons = [positiveReason(contact, requirement, clock: clock)]
        }
        if candidates.count > 1 {
            reasons.append("Of \(candidates.count) \(role.spoken) contacts on file, \(contact.name) gets there soonest.")
        }
        return Finding(
            needID: need.id, pillar: .contacts, status: gaps.status, reasons: reasons, delay: gaps.delay,
            fix: gaps.status == .met ? nil : "contacts[\(role.rawValue)]",
            basis: FindingBasis(used: [contact.name], systems: basisSystems.isEmpty ? contact.systems : basisSystems,
                                keptIn: detailsPlaces(contact).map(\.rawValue),
                                marginHours: gaps.status == .unmet ? nil : (requirement.within - gaps.delay).hours))
    }

    /// Where a contact's details are kept: `storedIn`, else the platform account when `storedOffPlatform` is false.
    private func detailsPlaces(_ contact: Contact) -> [TeamSystem] {
        contact.storedIn ?? (contact.storedOffPlatform ? [] : [.platformAccount])
    }

    private func contactGaps(_ contact: Contact, _ need: Need, _ requirement: ContactRequirement, in scenario: Scenario,
                             clock: DiscoveryClock) -> [Gap] {
        var gaps: [Gap] = []
        let name = contact.name
        let callAt = clock.instant(at: requirement.neededAt)
        let answersAt = clock.nextAvailable(contact.availability, from: callAt)
        let wait = clock.offset(of: answersAt) - requirement.neededAt
        let reach = wait + contact.responseTime

        gaps += detailsGaps(contact, need, in: scenario)
        let policy = profile.policy.contactsConfirmedWithin
        if let confirmed = contact.confirmed {
            if confirmed.adding(policy) < asOf {
                let age = confirmed.wholeMonths(until: asOf)
                gaps.append(Gap(
                    status: .partial,
                    reason: "\(name)'s details were last confirmed on \(confirmed), \(age) months before \(asOf); the policy is \(policy.spoken), so the number may be wrong (about \((need.delayIfPartial ?? costs.staleContact).spoken) to track down current details).",
                    delay: need.delayIfPartial ?? costs.staleContact))
            }
        } else {
            gaps.append(Gap(
                status: .partial,
                reason: "\(name)'s details have never been confirmed (about \((need.delayIfPartial ?? costs.staleContact).spoken) to track down current details).",
                delay: need.delayIfPartial ?? costs.staleContact))
        }
        if reach > .zero {
            let total = reach + gaps.delay
            let late = total > requirement.within
            var reason = ""
            if case let .businessHours(_, _, _, zone) = contact.availability, wait > .zero {
                reason = "\(name) is reachable \(contact.availability); called \(clock.describe(callAt, in: scenario.discovered.timeZone)) \(scenario.discovered.timeZone) (T+\(requirement.neededAt.compact)), they answer \(clock.describe(answersAt, in: zone)) \(zone) (+\(wait.spoken))"
                if contact.responseTime > .zero { reason += " and respond \(contact.responseTime.spoken) later" }
            } else {
                reason = "\(name) responds \(contact.responseTime.spoken) after the call"
            }
            reason += late
                ? "; the scenario needs them within \(requirement.within.spoken) (\((total - requirement.within).spoken) late)."
                : ", within the \(requirement.within.spoken) the scenario allows (\(total == requirement.within ? "no time" : (requirement.within - total).spoken) to spare)."
            gaps.append(Gap(status: late ? .partial : .met, reason: reason, delay: reach))
        }
        return gaps.filter { $0.status != .met || $0.delay > .zero }
    }

    /// Whether the contact's details can be read when the systems they are kept in are down or destroyed.
    private func detailsGaps(_ contact: Contact, _ need: Need, in scenario: Scenario) -> [Gap] {
        let name = contact.name
        let dig = need.delayIfPartial ?? costs.contactOnlyOnPlatform
        // `storedOffPlatform: false` keeps its meaning whatever `storedIn` adds.
        if scenario.platformDown && !contact.storedOffPlatform {
            return [Gap(
                status: .partial,
                reason: "\(name)'s details are kept only on the platform, which is down in this scenario: digging them out elsewhere costs about \(dig.spoken).",
                delay: dig)]
        }
        guard let places = contact.storedIn else {
            // "Off the platform" says nothing about the other systems this scenario takes away.
            let lost = scenario.down.union(scenario.destroyed).subtracting([.platformAccount]).sorted()
            if contact.storedOffPlatform, !lost.isEmpty {
                return [Gap(
                    status: .partial,
                    reason: "\(name)'s details are kept off the platform, but the file does not say where; \(Self.list(lost.map(\.spoken))) \(lost.count == 1 ? "is" : "are") out of reach in this scenario, so drill cannot tell they can be read (say storedIn; about \(dig.spoken) if they must be dug out).",
                    delay: dig)]
            }
            return []
        }
        let reachable = places.filter { !scenario.down.contains($0) && !scenario.destroyed.contains($0) }
        guard reachable.isEmpty, !places.isEmpty else { return [] }
        if places.allSatisfy(scenario.destroyed.contains) {
            let delay = need.delayIfUnmet ?? costs.missingContact[contact.role] ?? .hours(24)
            return [Gap(
                status: .unmet,
                reason: "\(name)'s details are kept only in \(Self.list(places.map(\.spoken))), destroyed in this scenario: they are gone, and finding the contact again takes about \(delay.spoken).",
                delay: delay)]
        }
        return [Gap(
            status: .partial,
            reason: "\(name)'s details are kept only in \(Self.list(places.map(\.spoken))), down in this scenario: digging them out elsewhere costs about \(dig.spoken).",
            delay: dig)]
    }

    /// A vendor that stays silent, and whether the team has a second route to the same people.
    private func routeGaps(_ contact: Contact, candidates: [Contact], _ need: Need, _ requirement: ContactRequirement,
                           in scenario: Scenario) -> [Gap] {
        let systems = requirement.covers.map { [$0] } ?? contact.systems
        let silence = systems.compactMap { scenario.unresponsive[$0] }.max()
        let others = candidates.filter { $0 != contact }
        let routes = others.map(\.name) + (contact.escalation.isEmpty ? [] : ["\(contact.name)'s escalation route"])
        var gaps: [Gap] = []
        if let silence {
            let vendor = Self.list(systems.filter { scenario.unresponsive[$0] != nil }.map(\.spoken))
            if routes.isEmpty {
                gaps.append(Gap(
                    status: .partial,
                    reason: "The vendor for \(vendor) stays silent for \(silence.spoken) in this scenario, and \(contact.name) is the only route to it on file: the team waits it out.",
                    delay: silence))
            } else {
                gaps.append(Gap(
                    status: .met,
                    reason: "The vendor for \(vendor) stays silent for \(silence.spoken) at first; the team escalates through \(Self.list(routes)).",
                    delay: .zero))
            }
        } else if requirement.fallback && routes.isEmpty {
            gaps.append(Gap(
                status: .partial,
                reason: "The scenario needs a second, independent route to the \(role(requirement)) in case \(contact.name) stays silent; only one is on file (add another contact or an escalation channel).",
                delay: need.delayIfPartial ?? costs.staleContact))
        }
        return gaps.filter { $0.status != .met }
    }

    private func role(_ requirement: ContactRequirement) -> String {
        requirement.role.spoken + (requirement.covers.map { " for \($0.spoken)" } ?? "")
    }

    /// When a subcontractor's forensic findings reach the team, against when the scenario needs them.
    private func findingsGaps(_ contact: Contact, _ need: Need, _ requirement: ContactRequirement, findingsBy: TimeSpan,
                              reach: TimeSpan) -> [Gap] {
        if contact.findingsVisible == true { return [] }
        guard let within = contact.reportsWithin else {
            let delay = need.delayIfUnmet ?? costs.silentContract
            return [Gap(
                status: .unmet,
                reason: "\(contact.name)'s contract says nothing about handing over forensic findings, and the team cannot see them directly; the scenario needs them by T+\(findingsBy.compact): expect about \(delay.spoken) of asking.",
                delay: delay)]
        }
        let arrives = requirement.neededAt + reach + within
        if arrives <= findingsBy { return [] }
        return [Gap(
            status: .partial,
            reason: "\(contact.name) must hand over findings within \(within.spoken) of being asked: called at T+\(requirement.neededAt.compact), they arrive at T+\(arrives.compact); the scenario needs them by T+\(findingsBy.compact) (\((arrives - findingsBy).spoken) late).",
            delay: arrives - findingsBy)]
    }

    private func positiveReason(_ contact: Contact, _ requirement: ContactRequirement, clock: DiscoveryClock) -> String {
        let confirmed = contact.confirmed.map { "confirmed \($0)" } ?? "never confirmed"
        return "\(contact.name) (\(contact.availability), \(confirmed)) answers as soon as they are called at T+\(requirement.neededAt.compact), within the \(requirement.within.spoken) the scenario allows."
    }
}
