import Foundation

/// An answer understood: its canonical form, how it is shown, what it earns and where it leads.
struct InterpretedAnswer {
    var canonical: String
    var shown: String
    var correct: Bool?
    var points: Int?
    var maxPoints: Int?
    var branch: BranchTarget?
    var cost: TimeSpan = .zero
    var narration: [String] = []
    /// Deadlines the chosen options set about.
    var completes: [String] = []
}

extension DrillSession {
    /// Checks an answer against the prompt without changing anything; the terminal uses it to re-prompt.
    public func validate(_ input: String, for prompt: Prompt) -> AnswerRejection? {
        do {
            _ = try interpret(input, for: prompt)
            return nil
        } catch {
            return error
        }
    }

    func interpret(_ raw: String, for prompt: Prompt) throws(AnswerRejection) -> InterpretedAnswer {
        let input = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !input.isEmpty else { throw AnswerRejection("type an answer (or ? for a hint)") }
        guard input.count <= AnswerRejection.maxLength else {
            throw AnswerRejection("that answer is \(input.count) characters long; keep it under \(AnswerRejection.maxLength)")
        }
        switch prompt.kind {
        case let .singleChoice(options):
            let choice = try Self.option(input, in: options)
            return InterpretedAnswer(
                canonical: choice.id, shown: choice.text, correct: choice.correct, points: choice.correct ? prompt.points : 0,
                maxPoints: prompt.points, branch: choice.next ?? (choice.correct ? prompt.onCorrect : prompt.onIncorrect),
                cost: choice.cost ?? .zero, completes: choice.completes)

        case let .multipleChoice(options):
            let parts = input.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            var chosen: [Choice] = []
            for part in parts {
                let choice = try Self.option(part, in: options)
                if !chosen.contains(choice) { chosen.append(choice) }
            }
            chosen.sort { a, b in (options.firstIndex(of: a) ?? 0) < (options.firstIndex(of: b) ?? 0) }
            let expected = options.filter(\.correct)
            let hits = chosen.filter(\.correct).count, misses = chosen.count - hits
            let exact = hits == expected.count && misses == 0
            let earned = expected.isEmpty ? 0 : max(0, hits - misses) * prompt.points / expected.count
            return InterpretedAnswer(
                canonical: chosen.map(\.id).joined(separator: ","), shown: chosen.map(\.text).joined(separator: "; "),
                correct: exact, points: earned, maxPoints: prompt.points,
                branch: chosen.compactMap(\.next).first ?? (exact ? prompt.onCorrect : prompt.onIncorrect),
                cost: chosen.compactMap(\.cost).reduce(.zero, +), completes: chosen.flatMap(\.completes))

        case let .pickContact(roles):
            return try pickContact(input, expected: roles, prompt: prompt)

        case let .yesNo(expected):
            let value: Bool
            switch input.lowercased() {
            case "y", "yes": value = true
            case "n", "no": value = false
            default: throw AnswerRejection("answer yes or no (y/n)")
            }
            let correct = value == expected
            return InterpretedAnswer(
                canonical: value ? "yes" : "no", shown: value ? "Yes" : "No", correct: correct, points: correct ? prompt.points : 0,
                maxPoints: prompt.points, branch: correct ? prompt.onCorrect : prompt.onIncorrect,
                cost: correct ? .zero : prompt.costIfIncorrect ?? .zero)

        case let .estimate(expected, tolerance, unit):
            let numeric = input.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "," }.replacingOccurrences(of: ",", with: "")
            guard let value = Double(numeric), value.isFinite, !numeric.isEmpty else {
                throw AnswerRejection("answer with a number\(unit.map { " of \($0)" } ?? "")")
            }
            let correct = abs(value - expected) <= tolerance
            return InterpretedAnswer(
                canonical: Self.number(value), shown: Self.number(value) + (unit.map { " \($0)" } ?? ""), correct: correct,
                points: correct ? prompt.points : 0, maxPoints: prompt.points,
                branch: correct ? prompt.onCorrect : prompt.onIncorrect, cost: correct ? .zero : prompt.costIfIncorrect ?? .zero)

        case .freeText:
            // Graded by the facilitator; it earns nothing until then and counts toward nothing.
            return InterpretedAnswer(canonical: input, shown: input, correct: nil, points: nil, maxPoints: nil, branch: nil)
        }
    }

    private static func option(_ input: String, in options: [Choice]) throws(AnswerRejection) -> Choice {
        if let number = Int(input), (1...options.count).contains(number) { return options[number - 1] }
        if let match = options.first(where: { $0.id == input.lowercased() }) { return match }
        throw AnswerRejection("choose a number from 1 to \(options.count)")
    }

    private func pickContact(_ input: String, expected roles: [ContactRole], prompt: Prompt) throws(AnswerRejection) -> InterpretedAnswer {
        let contacts = contactChoices
        let noneNumber = contacts.count + 1
        let lower = input.lowercased()
        var index: Int?
        if let number = Int(lower), (1...noneNumber).contains(number) {
            index = number == noneNumber ? nil : number - 1
        } else if lower.hasPrefix("contact:"), let number = Int(lower.dropFirst(8)), (1...contacts.count).contains(number) {
            index = number - 1
        } else if lower != "none" {
            throw AnswerRejection("choose a number from 1 to \(noneNumber) (\(noneNumber) = nobody on file fits)")
        }
        let teamHasRole = contacts.contains { roles.contains($0.role) }
        guard let index else {
            let correct = !teamHasRole
            var narration: [String] = []
            if let role = roles.first, !teamHasRole {
                let cost = costs.missingContact[role] ?? .hours(24)
                let found = discoveryClock.describe(discoveryClock.instant(at: now + cost), in: scenario.discovered.timeZone)
                narration.append("You have no \(role.spoken) on file. Finding and engaging one takes until \(found) (+\(cost.spoken)).")
            } else {
                narration.append("You call nobody, although your team has \(roles.map(\.spoken).joined(separator: " or ").withIndefiniteArticle) on file.")
            }
            return InterpretedAnswer(
                canonical: "none", shown: "Nobody on file fits", correct: correct, points: correct ? prompt.points : 0,
                maxPoints: prompt.points, branch: correct ? prompt.onCorrect : prompt.onIncorrect,
                cost: correct ? .zero : prompt.costIfIncorrect ?? .zero, narration: narration)
        }
        let contact = contacts[index]
        let correct = roles.contains(contact.role)
        return InterpretedAnswer(
            canonical: "contact:\(index + 1)", shown: "\(contact.name) (\(contact.role.spoken))", correct: correct,
            points: correct ? prompt.points : 0, maxPoints: prompt.points, branch: correct ? prompt.onCorrect : prompt.onIncorrect,
            cost: correct ? .zero : prompt.costIfIncorrect ?? .zero, narration: [call(contact)])
    }

    /// What happens when the team calls a contact now: when they answer, and what stands in the way.
    func call(_ contact: Contact) -> String {
        let zone = scenario.discovered.timeZone
        let instant = discoveryClock.instant(at: now)
        let answers = discoveryClock.nextAvailable(contact.availability, from: instant)
        let wait = discoveryClock.offset(of: answers) - now
        var text = "You call \(contact.name) (\(contact.availability))"
        if wait <= .zero {
            let response = contact.responseTime > .zero ? ": they pick up and act within \(contact.responseTime.spoken)." : ": they answer straight away."
            text += response
        } else {
            var theirZone = zone
            if case let .businessHours(_, _, _, contactZone) = contact.availability { theirZone = contactZone }
            text += ". It is \(discoveryClock.describe(instant, in: zone)) \(zone); they answer \(discoveryClock.describe(answers, in: theirZone)) \(theirZone) (+\(wait.spoken))."
        }
        if scenario.platformDown && !contact.storedOffPlatform {
            text += " Their details were kept only on the platform, which is down: someone digs them out of an old email first."
        }
        if let confirmed = contact.confirmed {
            if confirmed.adding(profile.policy.contactsConfirmedWithin) < asOf {
                text += " Their details were last confirmed on \(confirmed); the first number you try is out of date."
            }
        } else {
            text += " Their details were never confirmed; the first number you try is out of date."
        }
        return text
    }
}
