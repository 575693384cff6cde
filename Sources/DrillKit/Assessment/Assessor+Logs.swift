extension Assessor {
    func assessLogs(_ need: Need, _ requirement: LogRequirement, in scenario: Scenario) -> Finding {
        let reachBack = requirement.reachBack ?? scenario.onset
        let reachLabel = requirement.reachBack == nil ? "\(scenario.onsetNoun) began \(reachBack.spoken) before discovery" : "the scenario needs \(reachBack.spoken) of history"
        var gaps: [Gap] = []
        var evidenceLoss = TimeSpan.zero
        var usedSources: [LogSource] = []
        var weakSources: [String] = []
        var uncovered: [EventClass] = []

        // Investigators use, for each event class of each system, the source that serves it best;
        // a source only counts for the systems it records.
        var chosen: [(source: LogSource, system: TeamSystem, events: [EventClass])] = []
        var missing: [TeamSystem: [EventClass]] = [:]
        for system in requirement.systems {
            for event in requirement.events {
                let sources = profile.logs.filter { $0.covers.contains(event) && $0.systems.contains(system) }
                let best = sources.min { a, b in
                    let (ga, gb) = (sourceGaps(a, system, [event], requirement, reachBack: reachBack, reachLabel: reachLabel, in: scenario).gaps.status,
                                    sourceGaps(b, system, [event], requirement, reachBack: reachBack, reachLabel: reachLabel, in: scenario).gaps.status)
                    return (ga, -a.retention.hours) < (gb, -b.retention.hours)
                }
                guard let best else {
                    missing[system, default: []].append(event)
                    uncovered.append(event)
                    evidenceLoss = max(evidenceLoss, reachBack + scenario.investigation)
                    continue
                }
                if let index = chosen.firstIndex(where: { $0.source == best && $0.system == system }) {
                    chosen[index].events.append(event)
                } else {
                    chosen.append((best, system, [event]))
                }
            }
        }
        for system in requirement.systems {
            if let events = missing[system] { gaps.append(Gap(status: .unmet, reason: missingReason(events, system, requirement))) }
        }
        for (source, system, events) in chosen {
            let result = sourceGaps(source, system, events, requirement, reachBack: reachBack, reachLabel: reachLabel, in: scenario)
            usedSources.append(source)
            if !result.gaps.isEmpty { weakSources.append(source.source) }
            gaps += result.gaps
            evidenceLoss = max(evidenceLoss, result.loss)
        }

        let status = gaps.status
        let delay: TimeSpan = switch status {
        case .met: .zero
        case .partial: need.delayIfPartial ?? costs.partialLogs
        case .unmet: need.delayIfUnmet ?? costs.unmetLogs
        }
        var reasons = Self.unique(gaps.reasons)
        let needed = reachBack + scenario.investigation
        let shortest = usedSources.map(\.retention).min()
        if status == .met {
            let names = Self.unique(usedSources.map(\.source)).joined(separator: ", ")
            let events = Self.list(requirement.events.map(\.spoken)).capitalizedFirst
            let verb = requirement.events.count == 1 && !requirement.events[0].isPlural ? "is" : "are"
            let systems = requirement.systems == [.app] ? "" : " on \(Self.list(requirement.systems.map(\.spoken)))"
            let spare = (shortest ?? .zero) - needed
            reasons = ["\(events)\(systems) \(verb) recorded by \(names) with time-zoned timestamps, kept \((shortest ?? .zero).spoken) (\(reachLabel), and the investigation runs \(scenario.investigation.spoken): needs \(needed.spoken) of history, \(spare > .zero ? "\(spare.spoken) to spare" : "none to spare")), stored restricted with access recorded."]
        }
        var fixes: [String] = []
        if !uncovered.isEmpty {
            let systems = requirement.systems == [.app] ? "" : " on \(Self.unique(requirement.systems.map(\.rawValue)).joined(separator: ", "))"
            fixes.append("logs: add a source covering \(Self.unique(uncovered.map(\.rawValue)).joined(separator: ", "))\(systems)")
        }
        if !weakSources.isEmpty { fixes.append("logs[\(Self.unique(weakSources).joined(separator: ", "))]") }
        return Finding(
            needID: need.id, pillar: .logs, status: status, reasons: reasons, delay: delay, evidenceLoss: evidenceLoss,
            fix: status == .met ? nil : fixes.joined(separator: "; "),
            basis: FindingBasis(used: Self.unique(usedSources.map(\.source)), systems: requirement.systems,
                                keptIn: Self.unique(chosen.map { $0.source.place(for: $0.system).description }),
                                marginHours: shortest.map { ($0 - needed).hours }))
    }

    private func missingReason(_ events: [EventClass], _ system: TeamSystem, _ requirement: LogRequirement) -> String {
        let what = Self.list(events.map(\.spoken))
        let elsewhere = profile.logs.filter { source in events.contains { source.covers.contains($0) } }
        guard requirement.systems != [.app] || elsewhere.contains(where: { !$0.systems.contains(system) }) else {
            // Worded as before the systems existed, one class at a time.
            return events.map { "No log source records \($0.spoken)." }.joined(separator: " ")
        }
        let note = elsewhere.isEmpty ? "" : " (" + elsewhere.map { "\($0.source) records \($0.systems.map(\.rawValue).joined(separator: ", "))" }.joined(separator: "; ") + ")"
        return "No log source records \(what) on \(system.spoken)\(note): the investigation needs the events of the system the attacker used."
    }

    private func sourceGaps(_ source: LogSource, _ system: TeamSystem, _ events: [EventClass], _ requirement: LogRequirement,
                            reachBack: TimeSpan, reachLabel: String, in scenario: Scenario) -> (gaps: [Gap], loss: TimeSpan) {
        var gaps: [Gap] = []
        var loss = TimeSpan.zero
        let name = source.source
        let what = Self.list(events.map(\.spoken))
        let needed = reachBack + scenario.investigation
        // Where the entries live decides whether the investigation can read them at all.
        if case let .system(place) = source.place(for: system) {
            if scenario.destroyed.contains(place) {
                loss = needed
                gaps.append(Gap(status: .unmet, reason: "\(name) keeps \(what) in \(place.spoken), destroyed in this scenario: the record is gone with it."))
            } else if scenario.down.contains(place) {
                gaps.append(Gap(status: .partial, reason: "\(name) keeps \(what) in \(place.spoken), down in this scenario: out of reach until it is back."))
            } else if scenario.compromised.contains(place) {
                gaps.append(Gap(status: .partial, reason: "\(name) keeps \(what) in \(place.spoken), which the attacker controls in this scenario: the entries can be wiped or altered (keep a copy in a separate account)."))
            }
        }
        switch source.timestamps {
        case .none:
            gaps.append(Gap(status: .unmet, reason: "\(name) entries carry no timestamps, so \(what) cannot be placed on a timeline."))
        case .withoutZone:
            gaps.append(Gap(status: .partial, reason: "\(name) timestamps carry no time zone, so \(what) must be aligned with other sources by guesswork."))
        case .withZone:
            break
        }
        if source.retention < reachBack {
            loss = max(loss, needed - source.retention)
            gaps.append(Gap(status: .unmet, reason: "\(name) keeps \(what) for \(source.retention.spoken); \(reachLabel), so the first \((reachBack - source.retention).spoken) are already gone at discovery."))
        } else if source.retention < needed {
            loss = max(loss, needed - source.retention)
            gaps.append(Gap(status: .partial, reason: "\(name) keeps \(what) for \(source.retention.spoken); \(reachLabel), so the earliest \(loss.spoken) roll off during a \(scenario.investigation.spoken) investigation unless someone freezes them first."))
        }
        if !source.restricted || !source.accessRecorded {
            let problem = switch (source.restricted, source.accessRecorded) {
            case (false, false): "is readable beyond staff with a business need and nobody records who reads it"
            case (false, true): "is readable beyond staff with a business need"
            default: "records no access to itself"
            }
            gaps.append(Gap(status: .partial, reason: "\(name) (\(source.storage)) \(problem), so its record of \(what) can be challenged or quietly altered."))
        }
        if let window = requirement.detectWithin {
            switch source.review {
            case .none:
                gaps.append(Gap(status: .unmet, reason: "Nobody reviews \(name); the scenario expects detection within \(window.spoken) (the guide's bar is automated analytics or a check every 24–48 h)."))
            case let .manual(every) where every > window:
                gaps.append(Gap(status: .partial, reason: "\(name) is checked by hand every \(every.spoken); the scenario expects detection within \(window.spoken)."))
            case .automated:
                gaps += alertingGaps(source, events, window: window)
            default:
                break
            }
        }
        return (gaps, loss)
    }

    /// Automated review detects only what it alerts on, and only as fast as its alerts travel.
    private func alertingGaps(_ source: LogSource, _ events: [EventClass], window: TimeSpan) -> [Gap] {
        let name = source.source
        let latency = source.alertsWithin ?? costs.automatedDetection
        var gaps: [Gap] = []
        if let alertsOn = source.alertsOn {
            let silent = events.filter { !alertsOn.contains($0) }
            if !silent.isEmpty {
                let on = alertsOn.isEmpty ? "nothing" : Self.list(alertsOn.map(\.spoken))
                gaps.append(Gap(status: .unmet, reason: "\(name)'s automated review alerts on \(on), not on \(Self.list(silent.map(\.spoken))): activity that looks normal runs under the dashboard; the scenario expects detection within \(window.spoken)."))
            }
        } else if edition >= .second {
            gaps.append(Gap(status: .partial, reason: "\(name) is reviewed by automated analytics, but the file does not say what it alerts on, so drill cannot tell it would catch \(Self.list(events.map(\.spoken))) (say alertsOn)."))
        }
        if latency > window {
            let said = source.alertsWithin == nil ? "about \(latency.spoken) (the default; say alertsWithin)" : latency.spoken
            gaps.append(Gap(status: .partial, reason: "\(name)'s automated alerting takes \(said); the scenario expects detection within \(window.spoken)."))
        }
        return gaps
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
