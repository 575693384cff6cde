extension Assessor {
    func assessContact(_ need: Need, _ requirement: ContactRequirement, in scenario: Scenario) -> Finding {
        let role = requirement.role
        let candidates = profile.contacts.filter { $0.role == role }
        guard !candidates.isEmpty else {
            let delay = need.delayIfUnmet ?? costs.missingContact[role] ?? .hours(24)
            return Finding(
                needID: need.id, pillar: .contacts, status: .unmet,
                reasons: ["No \(role.spoken) is on file: finding and engaging one mid-incident takes about \(delay.spoken)."],
                delay: delay, fix: "contacts: add one with role \(role.rawValue)")
        }
        let clock = DiscoveryClock(scenario.discovered, onOrAfter: asOf)
        let assessed = candidates.map { contact in
            (contact, contactGaps(contact, need, requirement, in: scenario, clock: clock))
        }
        // The team calls whoever gets them there soonest with the fewest problems.
        guard let (contact, gaps) = assessed.min(by: { ($0.1.status, $0.1.delay) < ($1.1.status, $1.1.delay) }) else {
            return Finding(needID: need.id, pillar: .contacts, status: .unmet, reasons: [])
        }
        var reasons = gaps.reasons
        if gaps.isEmpty {
            reasons = [positiveReason(contact, requirement, clock: clock)]
        }
        return Finding(
            needID: need.id, pillar: .contacts, status: gaps.status, reasons: reasons, delay: gaps.delay,
            fix: gaps.status == .met ? nil : "contacts[\(role.rawValue)]")
    }

    private func contactGaps(_ contact: Contact, _ need: Need, _ requirement: ContactRequirement, in scenario: Scenario,
                             clock: DiscoveryClock) -> [Gap] {
        var gaps: [Gap] = []
        let name = contact.name
        let callAt = clock.instant(at: requirement.neededAt)
        let answersAt = clock.nextAvailable(contact.availability, from: callAt)
        let wait = clock.offset(of: answersAt) - requirement.neededAt
        let reach = wait + contact.responseTime

        if scenario.platformDown && !contact.storedOffPlatform {
            gaps.append(Gap(
                status: .partial,
                reason: "\(name)'s details are kept only on the platform, which is down in this scenario: digging them out elsewhere costs about \((need.delayIfPartial ?? costs.contactOnlyOnPlatform).spoken).",
                delay: need.delayIfPartial ?? costs.contactOnlyOnPlatform))
        }
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
            reason += late ? "; the scenario needs them within \(requirement.within.spoken)." : ", within the \(requirement.within.spoken) the scenario allows."
            gaps.append(Gap(status: late ? .partial : .met, reason: reason, delay: reach))
        }
        return gaps.filter { $0.status != .met || $0.delay > .zero }
    }

    private func positiveReason(_ contact: Contact, _ requirement: ContactRequirement, clock: DiscoveryClock) -> String {
        let confirmed = contact.confirmed.map { "confirmed \($0)" } ?? "never confirmed"
        return "\(contact.name) (\(contact.availability), \(confirmed)) answers as soon as they are called at T+\(requirement.neededAt.compact), within the \(requirement.within.spoken) the scenario allows."
    }
}
