import DrillKit
import Foundation
import Testing
import Yams

/// The JSON Schemas in `schemas/` against the files drill ships and the loaders: every shipped
/// file validates, a file with every key the loader accepts validates, an unknown key fails.
/// Validation is python3's `jsonschema` (draft 2020-12); the YAML is turned into JSON here, by
/// YAML 1.2's core schema as editors read it (`yes` is text, `true` a boolean).
@Suite("JSON Schemas for scenario and preparedness files")
struct SchemaTests {
    static let schemas = Fixture.packageRoot.appendingPathComponent("schemas")

    /// Whether python3 with `jsonschema` can be run; the validating tests are skipped without it.
    static let validatorAvailable: Bool = {
        guard let result = try? python(["-c", "import jsonschema; jsonschema.Draft202012Validator"]) else { return false }
        return result.status == 0
    }()

    static let skipReason: Comment = "needs python3 with the jsonschema package (pip install jsonschema, or apt-get install python3-jsonschema)"

    static let validator = """
        import json, sys, jsonschema
        validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
        for path in sys.argv[2:]:
            for error in sorted(validator.iter_errors(json.load(open(path))), key=str):
                print(path.rsplit("/", 1)[-1] + ": /" + "/".join(map(str, error.absolute_path)) + ": " + error.message)
        """

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The problems the schema finds in each YAML text, one line each; empty when all are valid.
    static func problems(schema: String, documents: [(name: String, yaml: String)]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for document in documents {
            let node = try #require(try Yams.compose(yaml: document.yaml), "\(document.name)")
            let file = folder.appendingPathComponent(document.name + ".json")
            try json(node).write(to: file, atomically: true, encoding: .utf8)
            paths.append(file.path)
        }
        let result = try python(["-c", validator, schemas.appendingPathComponent(schema).path] + paths)
        #expect(result.status == 0, "\(result.output)")
        return result.output.split(separator: "\n").map(String.init)
    }

    /// A composed YAML node as JSON text, with YAML 1.2 core-schema types for plain scalars.
    static func json(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar):
            let text = scalar.string
            guard scalar.style == .plain || scalar.style == .any else { return quoted(text) }
            if ["true", "True", "TRUE", "false", "False", "FALSE"].contains(text) { return text.lowercased() }
            if ["", "~", "null", "Null", "NULL"].contains(text) { return "null" }
            if text.range(of: #"^[-+]?[0-9]+$"#, options: .regularExpression) != nil, let value = Int(text) { return String(value) }
            if text.range(of: #"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil,
               let value = Double(text) { return String(value) }
            return quoted(text)
        case let .mapping(mapping):
            return "{" + mapping.map { key, value in quoted(key.string ?? "") + ":" + json(value) }.joined(separator: ",") + "}"
        case let .sequence(sequence):
            return "[" + sequence.map(json).joined(separator: ",") + "]"
        case let .alias(alias):
            return quoted("*\(alias)")
        }
    }

    static func quoted(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
        let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        return String(array.dropFirst().dropLast())
    }

    static func shippedScenarios() throws -> [(name: String, yaml: String)] {
        let folder = Fixture.packageRoot.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try files.map { ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test("Both schemas are valid draft 2020-12 schemas", .enabled(if: validatorAvailable, skipReason))
    func schemasAreValid() throws {
        for name in ["scenario.schema.json", "preparedness.schema.json"] {
            let result = try Self.python(["-c", "import json, sys, jsonschema; jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))",
                                          Self.schemas.appendingPathComponent(name).path])
            #expect(result.status == 0, "\(name): \(result.output)")
        }
    }

    @Test("Every shipped scenario, and every skeleton drill new writes, validates", .enabled(if: validatorAvailable, skipReason))
    func shippedScenariosValidate() throws {
        let scenarios = try Self.shippedScenarios()
        #expect(scenarios.count >= 17)
        let skeletons = ScenarioKind.allCases.map { ("skeleton-\($0.rawValue)", ScenarioSkeleton.yaml(id: "new-one", kind: $0)) }
        #expect(try Self.problems(schema: "scenario.schema.json", documents: scenarios + skeletons) == [])
    }

    @Test("The example preparedness files validate", .enabled(if: validatorAvailable, skipReason))
    func examplesValidate() throws {
        let nightjar = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("examples/nightjar-preparedness.yaml"), encoding: .utf8)
        #expect(try Self.problems(schema: "preparedness.schema.json", documents: [("nightjar", nightjar), ("example-team", ExampleTeam.yaml)]) == [])
    }

    @Test("A file with every key the loaders accept is valid to both", .enabled(if: validatorAvailable, skipReason))
    func everyKey() throws {
        _ = try Scenario.load(yaml: Self.everyScenarioKey, displayPath: "every.yaml")
        _ = try PreparednessProfile.load(yaml: Self.everyPreparednessKey, displayPath: "every-team.yaml")
        #expect(try Self.problems(schema: "scenario.schema.json", documents: [("every", Self.everyScenarioKey)]) == [])
        #expect(try Self.problems(schema: "preparedness.schema.json", documents: [("every-team", Self.everyPreparednessKey)]) == [])
    }

    @Test("An unknown key fails the schema, as it fails the loader", .enabled(if: validatorAvailable, skipReason))
    func unknownKeys() throws {
        let scenario = Self.everyScenarioKey.replacingOccurrences(of: "    title: Start\n", with: "    titel: Start\n")
        #expect(throws: LoadFailure.self) { try Scenario.load(yaml: scenario, displayPath: "typo.yaml") }
        let scenarioProblems = try Self.problems(schema: "scenario.schema.json", documents: [("typo", scenario)])
        #expect(scenarioProblems.contains { $0.contains("/injects/0") && $0.contains("'titel' was unexpected") }, "\(scenarioProblems)")

        let team = Self.everyPreparednessKey.replacingOccurrences(of: "    storedOffPlatform: true\n", with: "    storedOfPlatform: true\n")
        #expect(throws: LoadFailure.self) { try PreparednessProfile.load(yaml: team, displayPath: "typo-team.yaml") }
        let teamProblems = try Self.problems(schema: "preparedness.schema.json", documents: [("typo-team", team)])
        #expect(teamProblems.contains { $0.contains("'storedOfPlatform' was unexpected") }, "\(teamProblems)")
    }

    @Test("A wrong value fails the schema: a duration without a unit, an unknown system", .enabled(if: validatorAvailable, skipReason))
    func wrongValues() throws {
        let scenario = Self.everyScenarioKey
            .replacingOccurrences(of: "backupsFailingFor: 9d", with: "backupsFailingFor: 9")
            .replacingOccurrences(of: "down: [cloud-account]", with: "down: [cloud]")
        let problems = try Self.problems(schema: "scenario.schema.json", documents: [("wrong", scenario)])
        #expect(problems.contains { $0.contains("/backupsFailingFor") }, "\(problems)")
        #expect(problems.contains { $0.contains("/down") }, "\(problems)")
    }

    /// A scenario with every key the loader accepts, top level, needs of each pillar, a
    /// deadline, an inject with evidence and consequences, and prompts of every kind.
    static let everyScenarioKey = """
        id: every-key
        title: Every key
        kind: app-compromise
        summary: Every key the loader accepts.
        basedOn: Nothing real.
        objectives:
          - Use every key.
          - { text: Call the partner in time., measuredBy: [call, partner, told] }
        onset: 30d
        discovered: Saturday 23:40 Europe/Berlin
        detectedBy: a customer
        platformDown: false
        investigation: 7d
        down: [cloud-account]
        destroyed: [workstations]
        compromised: source-control
        backupsFailingFor: 9d
        unresponsive: { email-provider: 5d }
        productionSecretsExposed: true
        needs:
          - id: partner
            pillar: contacts
            role: subcontractor
            neededAt: +1h
            within: 4h
            for: support-tools
            fallback: true
            findingsBy: +48h
            why: Their findings decide the scope.
            delayIfPartial: 6h
            delayIfUnmet: 24h
          - id: trail
            pillar: logs
            events: [admin-actions, authentication]
            reachBack: 90d
            detectWithin: 48h
            systems: [app, identity-provider]
          - id: data
            pillar: backups
            asset: customer-data
            versionControlled: false
            restoreBefore: onset
            maxDataLoss: 24h
            units: 40
            restoreWithin: 48h
            isolated: true
        deadlines:
          - id: told
            title: Told
            due: 72h
            takes: 2h
            needs: [partner]
        injects:
          - id: start
            at: +0h
            title: Start
            narrative: It starts.
            evidence:
              - source: an email
                excerpt: Something odd.
            consequences:
              - need: trail
                when: [unmet, partial]
                narrative: No trail.
            prompts:
              - id: choose
                kind: single-choice
                question: What first?
                options:
                  - { id: act, text: Act, correct: true, next: later }
                  - { id: wait, text: Wait, cost: 6h }
                points: 20
                hint: Act.
                explanation: Acting is right.
                role: incident-commander
                needs: [partner]
              - id: several
                kind: multiple-choice
                question: Which?
                options:
                  - { id: a, text: A, correct: true }
                  - { id: b, text: B }
              - id: call
                kind: pick-contact
                question: Whom?
                expected: [subcontractor, incident-response-partner]
                onCorrect: later
                onIncorrect: end
                costIfIncorrect: 2h
              - id: tell
                kind: yes-no
                question: Tell them?
                expected: yes
              - id: note
                kind: free-text
                question: Write it.
                expected: What happened.
              - id: hours
                kind: estimate
                question: How many hours?
                expected: 24
                tolerance: 6
                unit: hours
            next: later
          - id: later
            at: +6h
            title: Later
            narrative: It goes on.
        """

    /// A preparedness file with every key the loader accepts.
    static let everyPreparednessKey = """
        team: Every Key Ltd
        policy:
          contactsConfirmedWithin: 12mo
          restoreTestedWithin: 6mo
        contacts:
          - role: subcontractor
            name: Support Co
            channels:
              - email: soc@support.example
              - phone: "+44 20 7946 0321"
            availability: Mon-Fri 09:00-17:30 Europe/London
            responseTime: 2h
            confirmed: 2026-01-10
            storedOffPlatform: true
            notes: Contract 2025-07.
            for: [support-tools]
            storedIn: [workstations]
            escalation:
              - portal: https://support.example/urgent
            reportsWithin: 72h
            findingsVisible: true
            evidence: review:Support Co
        logs:
          - source: audit
            covers: [admin-actions, authentication]
            timestamps: with-zone
            retention: 400d
            storage: A separate account
            restricted: true
            accessRecorded: true
            review: automated
            systems: [app, identity-provider]
            storedIn: separate-account
            alertsOn: [authentication]
            alertsWithin: 15min
            evidence: cloudwatch:/every/audit
        backups:
          - asset: customer-data
            kind: snapshot
            location: Snapshots in another account
            every: 24h
            reachBack: 35d
            offPlatform: true
            restoreTest: { on: 2026-03-01, units: 4, took: 50min, parallel: 2 }
            monitored: true
            keys: separate
            storedIn: separate-account
            evidence: aws-backup:RDS
          - asset: app-source-code
            kind: version-control
            location: GitHub
            every: continuous
            reachBack: unlimited
            restoreTested: never
            offPlatform: true
        """
}
