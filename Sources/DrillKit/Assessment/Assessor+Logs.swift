extension Assessor {
    func assessLogs(_ need: Need, _ requirement: LogRequirement, in scenario: Scenario) -> Finding {
        let reachBack = requirement.reachBack ?? scenario.onset
        let reachLabel = requirement.reachBack == nil ? "\(scenario.onsetNoun) began \(reachBack.spoken) before discovery" : "the scenario needs \(reachBack.spoken) of history"
        var gaps: [Gap] = []
        var evidenceLoss = TimeSpan.zero
        var usedSources: [LogSource] = []
        var weakSources: [String] = []
        var uncovered: [EventClass] = []

        // Investigators use, for each event class, the source that serves it best.
        var chosen: [(source: LogSource, events: [EventClass])] = []
        for event in requirement.events {
            let sources = profile.logs.filter { $0.covers.contains(event) }
            let best = sources.min { a, b in
                let (ga, gb) = (sourceGaps(a, [event], requirement, reachBack: reachBack, reachLabel: reachLabel, in: scenario).gaps.status,
                                sourceGaps(b, [event], requirement, reachBack: reachBack, reachLabel: reachLabel, in: scenario).gaps.status)
                return (ga, -a.retention.hours) < (gb, -b.retention.hours)
            }
            guard let best else {
                gaps.append(Gap(status: .unmet, reason: "No log source records \(event.spoken)."))
                uncovered.append(event)
                evidenceLoss = max(evidenceLoss, reachBack + scenario.investigation)
                continue
            }
            if let index = chosen.firstIndex(where: { $0.source == best }) {
                chosen[index].events.append(event)
            } else {
                chosen.append((best, [event]))
            }
        }
        for (source, events) in chosen {
            let result = sourceGaps(source, events, requirement, reachBack: reachBack, reachLabel: reachLabel, in: scenario)
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
        if status == .met {
            let names = Self.unique(usedSources.map(\.source)).joined(separator: ", ")
            let shortest = usedSources.map(\.retention).min() ?? .zero
            reasons = ["\(Self.list(requirement.events.map(\.spoken)).capitalizedFirst) are recorded by \(names) with time-zoned timestamps, kept \(shortest.spoken) (\(reachLabel), and the investigation runs \(scenario.investigation.spoken)), stored restricted with access recorded."]
        }
        var fixes: [String] = []
        if !uncovered.isEmpty { fixes.append("logs: add a source covering \(uncovered.map(\.rawValue).joined(separator: ", "))") }
        if !weakSources.isEmpty { fixes.append("logs[\(Self.unique(weakSources).joined(separator: ", "))]") }
        return Finding(
            needID: need.id, pillar: .logs, status: status, reasons: reasons, delay: delay, evidenceLoss: evidenceLoss,
            fix: status == .met ? nil : fixes.joined(separator: "; "))
    }

    private func sourceGaps(_ source: LogSource, _ events: [EventClass], _ requirement: LogRequirement, reachBack: TimeSpan,
                            reachLabel: String, in scenario: Scenario) -> (gaps: [Gap], loss: TimeSpan) {
        var gaps: [Gap] = []
        var loss = TimeSpan.zero
        let name = source.source
        let what = Self.list(events.map(\.spoken))
        switch source.timestamps {
        case .none:
            gaps.append(Gap(status: .unmet, reason: "\(name) entries carry no timestamps, so \(what) cannot be placed on a timeline."))
        case .withoutZone:
            gaps.append(Gap(status: .partial, reason: "\(name) timestamps carry no time zone, so \(what) must be aligned with other sources by guesswork."))
        case .withZone:
            break
        }
        let needed = reachBack + scenario.investigation
        if source.retention < reachBack {
            loss = needed - source.retention
            gaps.append(Gap(status: .unmet, reason: "\(name) keeps \(what) for \(source.retention.spoken); \(reachLabel), so the first \((reachBack - source.retention).spoken) are already gone at discovery."))
        } else if source.retention < needed {
            loss = needed - source.retention
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
            case .automated where costs.automatedDetection > window:
                gaps.append(Gap(status: .partial, reason: "\(name)'s automated alerting takes about \(costs.automatedDetection.spoken); the scenario expects detection within \(window.spoken)."))
            default:
                break
            }
        }
        return (gaps, loss)
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
