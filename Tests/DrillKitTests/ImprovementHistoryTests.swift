import DrillKit
import Foundation
import GRDB
import Testing

/// One item per fix, reopening with history, accepted risks, notes, and the v11 migration.
@Suite("Improvement items: one per fix, with history")
struct ImprovementHistoryTests {
    /// The review scenario under another id, its contact need under another id: the same fix.
    static let otherScenarioYAML = ReviewFixture.scenarioYAML
        .replacingOccurrences(of: "id: review-test\n", with: "id: review-other\n")
        .replacingOccurrences(of: "{ id: partner,", with: "{ id: ir-partner,")
        .replacingOccurrences(of: "needs: [partner]", with: "needs: [ir-partner]")
        .replacingOccurrences(of: "needs: [partner, trail]", with: "needs: [ir-partner, trail]")

    static func item(_ database: AppDatabase, fix: String, on day: CalendarDate? = nil) throws -> ImprovementItem {
        try #require(try database.improvementItems(on: day).first { $0.fixKey == fix })
    }

    @Test("Gaps that the same change to the same field would close are one item, listing every scenario and run that found them")
    func oneItemPerFix() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20260301-aaaa", startedAt: ReviewFixture.date("2026-03-01"), gaps: true)
        try ReviewFixture.play(database, id: "20260401-bbbb", startedAt: ReviewFixture.date("2026-04-01"), gaps: true, scenarioYAML: Self.otherScenarioYAML)
        let items = try database.improvementItems()
        #expect(items.map(\.fixKey).sorted() == ["contacts[incident-response-partner]", "logs[audit]"])
        let contact = try Self.item(database, fix: "contacts[incident-response-partner]")
        #expect(contact.scenarioIds == ["review-test", "review-other"])
        #expect(contact.needs.map(\.needId) == ["partner", "ir-partner"])
        #expect(contact.seenInRunIds == ["20260301-aaaa", "20260401-bbbb"])
        #expect(contact.history.map(\.kind) == [.opened, .foundAgain])
        #expect(contact.history[1].needs == ["review-other/ir-partner"])
    }

    @Test("A merged item's action asks for what every gap still open under it needs, as each one's latest run states it")
    func mergedActionCoversEveryOpenGap() throws {
        let database = try AppDatabase.inMemory()
        let stricter = Self.otherScenarioYAML.replacingOccurrences(of: "within: 2h", with: "within: 30min")
        try ReviewFixture.play(database, id: "20260301-aaaa", startedAt: ReviewFixture.date("2026-03-01"), gaps: true)
        let first = try Self.item(database, fix: "contacts[incident-response-partner]").action
        #expect(first.contains("within 2 h") && !first.contains("30 min"), "\(first)")
        try ReviewFixture.play(database, id: "20260401-bbbb", startedAt: ReviewFixture.date("2026-04-01"), gaps: true, scenarioYAML: stricter)
        let merged = try Self.item(database, fix: "contacts[incident-response-partner]").action
        #expect(merged.contains("For review-test: ") && merged.contains("within 2 h"), "\(merged)")
        #expect(merged.contains("For review-other: ") && merged.contains("within 30 min"), "\(merged)")
        // Once the first scenario's need is met, the action asks only for what is still open.
        try ReviewFixture.play(database, id: "20260501-cccc", startedAt: ReviewFixture.date("2026-05-01"), gaps: false)
        let open = try Self.item(database, fix: "contacts[incident-response-partner]").action
        #expect(open.contains("within 30 min") && !open.contains("within 2 h") && !open.hasPrefix("For "), "\(open)")
        #expect(try database.verifyRecords().isIntact)
    }

    @Test("A merged backup item asks for the strictest of each part, so one change meets every gap: the samples' configuration item")
    func mergedActionAsksForTheStrictest() throws {
        let database = try AppDatabase.inMemory()
        let folder = Fixture.packageRoot.appendingPathComponent("transcripts")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).filter({ $0.hasSuffix(".json") }).sorted() {
            _ = try database.importTranscript(try RunTranscript.load(fileAt: folder.appendingPathComponent(file), displayPath: file), source: file)
        }
        // dormant-contractor-admin needs a restore to before the intrusion began (94 days back);
        // silent-backup-failure one 30 days back, kept off the platform it takes down.
        let configuration = try Self.item(database, fix: "backups[configuration]")
        #expect(configuration.scenarioIds.sorted() == ["dormant-contractor-admin", "silent-backup-failure"])
        #expect(configuration.action == "Keep configuration in version control, able to restore to a point 94 days before discovery, kept off the platform, and test a restore at least every 12 months.")
        #expect(try database.verifyRecords().isIntact)
    }

    @Test("Log gaps merge into one sentence with every kind of event and system, the longest keeping and the shortest review; contacts stay per scenario")
    func strictestLogsAndContacts() throws {
        let plain = try Scenario.load(yaml: ReviewFixture.scenarioYAML, displayPath: "a")
        let stricter = try Scenario.load(yaml: Self.otherScenarioYAML
            .replacingOccurrences(of: "{ id: trail, pillar: logs, events: [admin-actions] }",
                                  with: "{ id: trail, pillar: logs, events: [authentication, admin-actions], reachBack: 90d, detectWithin: 24h, systems: [cloud-account] }"),
                                      displayPath: "b")
        let policy = try PreparednessProfile.load(yaml: ReviewFixture.preparednessYAML(gaps: true), displayPath: "p").policy
        func gap(_ scenario: Scenario, _ id: String) throws -> CorrectiveAction.Gap {
            CorrectiveAction.Gap(need: try #require(scenario.needs.first { $0.id == id }), status: .unmet, scenario: scenario, policy: policy)
        }
        let logs = try #require(CorrectiveAction.strictest([try gap(plain, "trail"), try gap(stricter, "trail")]))
        let keep = (TimeSpan.days(90) + stricter.investigation).spoken
        #expect(logs.hasPrefix("Record admin actions and sign-ins from the app's backend and the cloud account with"), "\(logs)")
        let single = CorrectiveAction.text(for: try gap(stricter, "trail").need, status: .unmet, in: stricter, policy: policy)
        #expect(single.hasPrefix("Record sign-ins and admin actions from the cloud account with"), "\(single)")
        let plainText = CorrectiveAction.text(for: try gap(plain, "trail").need, status: .unmet, in: plain, policy: policy)
        #expect(plainText.hasPrefix("Record admin actions with"), "the app's backend, the default, goes unsaid: \(plainText)")
        #expect(logs.contains("keep them at least \(keep),") && logs.contains("at least every 24 h"), "\(logs)")
        #expect(CorrectiveAction.strictest([try gap(plain, "partner"), try gap(stricter, "ir-partner")]) == nil)
        #expect(CorrectiveAction.strictest([try gap(plain, "partner"), try gap(stricter, "trail")]) == nil)
    }

    @Test("A backup item's action asks for all the need judges: how many units restored how soon, and keys production does not hold")
    func backupActionNamesScaleTimeAndKeys() throws {
        let folder = Fixture.packageRoot.appendingPathComponent("scenarios")
        func gap(_ file: String, _ id: String) throws -> CorrectiveAction.Gap {
            let path = folder.appendingPathComponent(file + ".yaml")
            let scenario = try Scenario.load(yaml: try String(contentsOf: path, encoding: .utf8), displayPath: file)
            return CorrectiveAction.Gap(need: try #require(scenario.needs.first { $0.id == id }), status: .unmet, scenario: scenario,
                                        policy: try ExampleTeam.profile().policy)
        }
        let tenants = try gap("cleanup-job-deletes-workspaces", "tenant-data-backup")
        let isolated = try gap("unrotated-source-token", "isolated-data-copy")
        let scale = "restoring all 383 units within \(TimeSpan.hours(72).spoken) of discovery"
        let keys = "protected by keys production does not hold"
        let tenantsText = CorrectiveAction.text(for: tenants.need, status: .unmet, in: tenants.scenario, policy: tenants.policy)
        #expect(tenantsText.contains(scale) && !tenantsText.contains(keys), "\(tenantsText)")
        let isolatedText = CorrectiveAction.text(for: isolated.need, status: .unmet, in: isolated.scenario, policy: isolated.policy)
        #expect(isolatedText.contains(keys) && !isolatedText.contains("units"), "\(isolatedText)")
        // One change for both: both terms, and the furthest restore point (7 days, against 2 h).
        let both = try #require(CorrectiveAction.strictest([tenants, isolated]))
        #expect(both.contains(scale) && both.contains(keys) && both.contains("a point \(TimeSpan.days(7).spoken) before discovery"), "\(both)")
    }

    @Test("A merged item stays open until every scenario's need is met, then closes by the run that met the last")
    func closesOnlyWhenEveryNeedIsMet() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20260301-aaaa", startedAt: ReviewFixture.date("2026-03-01"), gaps: true)
        try ReviewFixture.play(database, id: "20260401-bbbb", startedAt: ReviewFixture.date("2026-04-01"), gaps: true, scenarioYAML: Self.otherScenarioYAML)
        try ReviewFixture.play(database, id: "20260501-cccc", startedAt: ReviewFixture.date("2026-05-01"), gaps: false)
        var contact = try Self.item(database, fix: "contacts[incident-response-partner]")
        #expect(contact.state == .open, "review-other's need was last found unmet")
        #expect(contact.needs.map(\.status) == ["met", "unmet"])
        try ReviewFixture.play(database, id: "20260601-dddd", startedAt: ReviewFixture.date("2026-06-01"), gaps: false, scenarioYAML: Self.otherScenarioYAML)
        contact = try Self.item(database, fix: "contacts[incident-response-partner]")
        #expect(contact.state == .closed && contact.closedByRunId == "20260601-dddd")
        #expect(contact.history.map(\.kind) == [.opened, .foundAgain, .needMet, .needMet, .closed])
    }

    @Test("An item closed and found again reopens with its number, owner, due date and history")
    func reopensWithHistory() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20260301-aaaa", startedAt: ReviewFixture.date("2026-03-01"), gaps: true)
        let first = try Self.item(database, fix: "contacts[incident-response-partner]")
        _ = try database.updateImprovementItem(id: first.id, owner: "Priya", dueDate: CalendarDate(year: 2026, month: 6, day: 30))
        try ReviewFixture.play(database, id: "20260601-bbbb", startedAt: ReviewFixture.date("2026-06-01"), gaps: false)
        #expect(try Self.item(database, fix: "contacts[incident-response-partner]").state == .closed)
        try ReviewFixture.play(database, id: "20260901-cccc", startedAt: ReviewFixture.date("2026-09-01"), gaps: true)
        let items = try database.improvementItems()
        #expect(items.count == 2, "no new item: the old ones reopened")
        let again = try Self.item(database, fix: "contacts[incident-response-partner]")
        #expect(again.id == first.id && again.state == .open && again.owner == "Priya" && again.dueDate?.description == "2026-06-30")
        #expect(again.periods.count == 2 && again.timesReopened == 1)
        #expect(again.periods[0].closedAt != nil && again.periods[1].openedRunId == "20260901-cccc")
        #expect(again.history.map(\.kind) == [.opened, .needMet, .closed, .reopened, .updated], "the owner was set today, after the drills")
        #expect(again.history.last { $0.kind == .reopened }?.runId == "20260901-cccc")
        #expect(again.openedRunId == "20260301-aaaa" && again.seenInRunIds == ["20260301-aaaa", "20260901-cccc"])
    }

    @Test("A check that closes an item records the evidence file and SHA-256 its finding rested on")
    func checkClosureKeepsProvenance() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20261124-gaps", startedAt: ReviewFixture.day(0), gaps: true)
        let scenario = try Scenario.load(yaml: ReviewFixture.scenarioYAML, displayPath: "s")
        let fixed = try PreparednessProfile.load(yaml: ReviewFixture.preparednessYAML(gaps: false), displayPath: "p")
        var report = CheckReport(profile: fixed, scenarios: [scenario], asOf: ReviewFixture.asOf)
        let provenance = try JSONDecoder().decode([Provenance].self, from: Data("""
            [{"record": "audit", "pillar": "logs", "field": "retention", "state": "verified", "declared": "400 days",
              "file": "evidence/audit-retention.json", "sha256": "5d41402abc4b2a76b9719d911017c592aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]
            """.utf8))
        let index = try #require(report.scenarios[0].needs.firstIndex { $0.id == "trail" })
        report.scenarios[0].needs[index].basis = FindingBasis()
        report.scenarios[0].needs[index].basis?.provenance = provenance
        let closed = try database.closeImprovementItems(checkedBy: report, at: ReviewFixture.day(2))
        #expect(closed.map(\.fixKey).sorted() == ["contacts[incident-response-partner]", "logs[audit]"])
        let logs = try Self.item(database, fix: "logs[audit]")
        #expect(logs.closedByCheck && logs.closingEvidence.map(\.sha256) == [provenance[0].sha256])
        let closing = try #require(logs.history.last { $0.kind == .needMet })
        #expect(closing.byCheck && closing.evidence.first?.file == "evidence/audit-retention.json")
        #expect(try database.verifyRecords().isIntact)
    }

    @Test("An accepted risk holds until its day, is audited, is not overdue or called out, and the item is open again after")
    func acceptedRisk() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20260301-aaaa", startedAt: ReviewFixture.date("2026-03-01"), gaps: true)
        try ReviewFixture.play(database, id: "20260401-bbbb", startedAt: ReviewFixture.date("2026-04-01"), gaps: true)
        try ReviewFixture.play(database, id: "20260501-cccc", startedAt: ReviewFixture.date("2026-05-01"), gaps: true)
        let item = try Self.item(database, fix: "contacts[incident-response-partner]")
        #expect(item.openAfterTwoDrills)
        _ = try database.updateImprovementItem(id: item.id, owner: nil, dueDate: CalendarDate(year: 2026, month: 5, day: 1))
        // Accepted today (acceptances are recorded when they are made), until a month from now.
        let today = Timestamp8601.day(Date())
        let until = today.adding(days: 30)
        let accepted = try database.acceptRisk(itemID: item.id, reason: "Retainer signed in October", until: until, on: today).get()
        #expect(accepted.status == .riskAccepted && accepted.state == .open && !accepted.openAfterTwoDrills)
        #expect(!accepted.isOverdue(on: today))
        #expect(ReviewWords.state(of: accepted, on: today) == "risk accepted until \(until)")
        #expect(try Self.item(database, fix: "contacts[incident-response-partner]", on: until).isRiskAccepted)
        let after = try Self.item(database, fix: "contacts[incident-response-partner]", on: until.adding(days: 1))
        #expect(after.status == .open && after.openAfterTwoDrills && after.isOverdue(on: until.adding(days: 1)))
        #expect(after.history.map(\.kind).suffix(2) == [.riskAccepted, .acceptanceExpired])
        #expect(ReviewWords.state(of: after, on: until.adding(days: 1)).contains("accepted risk ran out \(until)"))
        #expect(try database.auditEntries(AuditFilter(action: "improvement.risk-accepted")).first?.detail.contains("until \(until)") == true)
        #expect(try database.verifyRecords().isIntact)
    }

    @Test("A closed item cannot be accepted; notes are kept in order and audited; an unknown number is refused")
    func notesAndRefusals() throws {
        let database = try AppDatabase.inMemory()
        try ReviewFixture.play(database, id: "20260301-aaaa", startedAt: ReviewFixture.date("2026-03-01"), gaps: true)
        try ReviewFixture.play(database, id: "20260601-bbbb", startedAt: ReviewFixture.date("2026-06-01"), gaps: false)
        let item = try Self.item(database, fix: "logs[audit]")
        #expect(try database.acceptRisk(itemID: item.id, reason: "x", until: CalendarDate(year: 2099, month: 1, day: 1)!) == .failure(.closed(item.id)))
        _ = try database.addNote(itemID: item.id, text: "Asked the log vendor for 13 months").get()
        let noted = try database.addNote(itemID: item.id, text: "Vendor agreed").get()
        #expect(noted.notes.map(\.text) == ["Asked the log vendor for 13 months", "Vendor agreed"])
        #expect(noted.history.filter { $0.kind == .note }.count == 2)
        #expect(try database.addNote(itemID: 999, text: "x") == .failure(.noSuchItem(999)))
        #expect(try database.auditEntries(AuditFilter(action: "improvement.noted")).count == 2)
        #expect(try database.verifyRecords().isIntact)
    }

    @Test("A backfilled run counts on the day it was played: a check before it in time is not undone by it")
    func backfilledRunsOrderByDayPlayed() throws {
        let database = try AppDatabase.inMemory()
        // Recorded in November, played in March: the June run that met the need comes after it.
        try ReviewFixture.play(database, id: "20260601-bbbb", startedAt: ReviewFixture.date("2026-06-01"), gaps: false)
        try Self.playBackfilled(database, id: "20261101-aaaa", recordedAt: ReviewFixture.date("2026-11-01"), playedOn: "2026-03-01", gaps: true)
        let item = try Self.item(database, fix: "contacts[incident-response-partner]")
        #expect(item.state == .closed && item.closedByRunId == "20260601-bbbb")
        #expect(Timestamp8601.day(item.openedAt).description == "2026-03-01")
        let run = try #require(try database.runs().first { $0.id == "20261101-aaaa" })
        #expect(run.playedOn?.description == "2026-03-01" && run.isBackfilled)
        #expect(try database.verifyRecords().isIntact)
    }

    @Test("A gap that comes to ask for another fix closes its item as superseded, never as met, and opens the other")
    func supersededGap() throws {
        let database = try AppDatabase.inMemory()
        // No source covers admin actions: the fix is to add one.
        let noSource = ReviewFixture.preparednessYAML(gaps: true).replacingOccurrences(of: "covers: [admin-actions]", with: "covers: [app-errors]")
        try Self.playBackfilled(database, id: "20261101-aaaa", recordedAt: ReviewFixture.date("2026-11-01"), playedOn: "2026-03-01", gaps: true,
                                preparedness: noSource)
        // Now it covers them, but for 30 days: the fix is that source's retention.
        try Self.playBackfilled(database, id: "20261102-bbbb", recordedAt: ReviewFixture.date("2026-11-02"), playedOn: "2026-06-01", gaps: true)
        let items = try database.improvementItems()
        let added = try #require(items.first { $0.fixKey.hasPrefix("logs: add a source covering admin-actions") })
        #expect(added.state == .closed && added.supersededBy == "logs[audit]" && added.needs.first?.status == "moved")
        #expect(ReviewWords.state(of: added, on: ReviewFixture.asOf).hasPrefix("superseded: the gap now asks for logs[audit]"))
        let retention = try Self.item(database, fix: "logs[audit]")
        #expect(retention.state == .open && retention.openedRunId == "20261102-bbbb")
    }

    /// A finished run recorded at `recordedAt` for a drill played on `playedOn`.
    static func playBackfilled(_ database: AppDatabase, id: String, recordedAt: Date, playedOn: String, gaps: Bool, preparedness: String? = nil) throws {
        let preparedness = preparedness ?? ReviewFixture.preparednessYAML(gaps: gaps)
        let scenario = try Scenario.load(yaml: ReviewFixture.scenarioYAML, displayPath: "scenario")
        let profile = try PreparednessProfile.load(yaml: preparedness, displayPath: "preparedness")
        var session = DrillSession(scenario: scenario, profile: profile, asOf: ReviewFixture.asOf, edition: AssessmentEdition(playedAt: recordedAt))
        let run = RunRecord(id: id, team: "Review Team", scenarioID: scenario.id, scenarioTitle: scenario.title, scenarioKind: scenario.kind.rawValue,
                            startedAt: recordedAt, asOf: ReviewFixture.asOf, scenarioYAML: ReviewFixture.scenarioYAML, preparednessYAML: preparedness,
                            preparednessSource: "preparedness.yaml", playedOn: CalendarDate(parsing: playedOn))
        try database.createRun(run, participants: [], findings: session.assessment.findings)
        var seq = 0
        for event in session.events {
            seq += 1
            try database.appendEvent(event, runID: id, seq: seq, recordedAt: recordedAt.addingTimeInterval(Double(seq)))
        }
        for answer in ["1", "1", "yes"] where !session.isFinished {
            for index in try session.answer(answer, by: nil) {
                seq += 1
                try database.appendEvent(session.events[index], runID: id, seq: seq, recordedAt: recordedAt.addingTimeInterval(Double(seq)))
            }
        }
        try database.finishRun(runID: id, score: session.score, endedAt: recordedAt.addingTimeInterval(3600))
    }

    @Test("A backfilled run's day played is sealed, exported, and checked on import; a live run's seal is unchanged by it")
    func playedOnIsSealedAndExported() throws {
        let database = try AppDatabase.inMemory(key: ReviewFixture.key)
        try Self.playBackfilled(database, id: "20261101-aaaa", recordedAt: ReviewFixture.date("2026-11-01"), playedOn: "2026-03-01", gaps: true)
        try ReviewFixture.play(database, id: "20261102-bbbb", startedAt: ReviewFixture.date("2026-11-02"), gaps: true)
        let backfilled = try RunTranscript(runID: "20261101-aaaa", from: database)
        #expect(backfilled.playedOn?.description == "2026-03-01")
        #expect(String(decoding: backfilled.jsonData(), as: UTF8.self).contains("\"playedOn\" : \"2026-03-01\""))
        #expect(RunSeal(backfilled.sealContent).digests.last?.field == "playedOn")
        let live = try RunTranscript(runID: "20261102-bbbb", from: database)
        #expect(!String(decoding: live.jsonData(), as: UTF8.self).contains("playedOn"))
        #expect(!RunSeal(live.sealContent).digests.map(\.field).contains("playedOn"))
        #expect(backfilled.problems(keys: nil).isEmpty)

        // Changing the day played breaks the seal; a day after the recording is refused outright.
        var moved = backfilled
        moved.playedOn = CalendarDate(year: 2026, month: 4, day: 1)
        #expect(moved.problems(keys: nil).map(\.path) == [["seal", "hash"]])
        var future = backfilled
        future.playedOn = CalendarDate(year: 2026, month: 12, day: 1)
        #expect(future.problems(keys: nil).contains { $0.path == ["playedOn"] })

        let other = try AppDatabase.inMemory(key: ReviewFixture.key)
        #expect(try other.importTranscript(backfilled, source: "test") == .imported)
        #expect(try other.runs().first?.playedOn?.description == "2026-03-01")
        #expect(try other.verifyRecords().isIntact)
    }

    @Test("A v7 database's items for the same fix merge into the oldest, keeping the newest owner and due date, and still verify")
    func migrationMergesItems() throws {
        let dump = try String(contentsOf: Fixture.packageRoot.appendingPathComponent("Tests/Fixtures/v7-database.sql"), encoding: .utf8)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drill-v11-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("drill.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: dump)
            // The same gap as item 1, found by the paused run: an item of its own before v11.
            try db.execute(sql: """
                INSERT INTO improvementItem VALUES(3,'Lighthouse Apps (example)','drill-test','partner','20261130-mtoi','contacts',
                    'Make the incident-response partner reachable.','Priya','2027-01-31');
                """)
        }
        try queue.close()
        chmod(path, 0o600)

        let database = try AppDatabase.open(path: path)
        let items = try database.improvementItems()
        #expect(items.map(\.id) == [1, 2])
        let contact = try #require(items.first { $0.id == 1 })
        #expect(contact.fixKey == "contacts[incident-response-partner]")
        #expect(contact.owner == "Priya" && contact.dueDate?.description == "2027-01-31")
        #expect(contact.history.contains { $0.kind == .merged && $0.text.hasPrefix("item #3 ") })
        #expect(try database.auditEntries(AuditFilter(action: "schema.migrated")).first?.detail == "applied v8-sealed-records, v10-run-evidence, v11-item-history, v12-search-findings-after-writes, v13-item-action-basis")
        let report = try database.verifyRecords()
        #expect(report.isIntact, "\(report.allProblems)")
    }
}

@Suite("Drill cadence, calendar and CSV")
struct ScheduleExportTests {
    @Test("A preparedness file's cadence loads; without one it is quarterly; one outside 1w–24mo is a located error")
    func cadenceLoads() throws {
        let base = "team: T\n"
        #expect(try PreparednessProfile.load(yaml: base, displayPath: "p").drills.every == .months(3))
        #expect(try PreparednessProfile.load(yaml: base + "drills: {every: 2mo}\n", displayPath: "p").drills.every == .months(2))
        for bad in ["drills: {every: 2d}\n", "drills: {every: 3y}\n", "drills: {often: 2mo}\n", "drills: {}\n"] {
            #expect(throws: LoadFailure.self) { try PreparednessProfile.load(yaml: base + bad, displayPath: "p") }
        }
        do {
            _ = try PreparednessProfile.load(yaml: base + "drills: {every: 2d}\n", displayPath: "p.yaml")
            Issue.record("a two-day cadence loaded")
        } catch {
            guard case let .invalid(diagnostics) = error else { Issue.record("\(error)"); return }
            #expect(diagnostics.first?.description.hasPrefix("p.yaml:2:") == true, "\(diagnostics)")
        }
    }

    @Test("The next drill is due one cadence after the day the last was played")
    func nextDrillByCadence() throws {
        let database = try AppDatabase.inMemory()
        try ImprovementHistoryTests.playBackfilled(database, id: "20261101-aaaa", recordedAt: ReviewFixture.date("2026-11-01"), playedOn: "2026-08-15", gaps: false)
        let runs = try database.runHistory()
        let every2 = try PreparednessProfile.load(yaml: "team: Review Team\ndrills: {every: 2mo}\n", displayPath: "p")
        let schedule = DrillSchedule(team: "Review Team", runs: runs, openItems: [], library: [], profile: every2, today: CalendarDate(year: 2026, month: 11, day: 1)!)
        #expect(schedule.lastDrill?.playedOn.description == "2026-08-15" && schedule.lastDrill?.backfilled == true)
        #expect(schedule.nextDrillDue.description == "2026-10-15" && schedule.due && schedule.daysOverdue == 17)
        let quarterly = DrillSchedule(team: "Review Team", runs: runs, openItems: [], library: [], profile: nil, today: CalendarDate(year: 2026, month: 11, day: 1)!)
        #expect(quarterly.nextDrillDue.description == "2026-11-15" && !quarterly.due && quarterly.cadence == "3mo")
    }

    @Test("CSV quotes commas, quotes and line breaks, ends lines with CRLF, and guards formula cells")
    func csvFields() {
        let table = CSVTable(header: ["a", "b"], rows: [["x,y", "say \"hi\""], ["=SUM(A1)", "line\nbreak"], ["@cmd", "-3"], ["+1", " padded"]])
        #expect(table.text == "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n'=SUM(A1),\"line\nbreak\"\r\n'@cmd,'-3\r\n'+1,\" padded\"\r\n")
    }

    @Test("iCalendar lines are folded at 75 octets without splitting a character, and text is escaped")
    func icsFolding() {
        let long = String(repeating: "é", count: 60)
        let folded = DrillCalendar.fold("DESCRIPTION:" + long)
        for line in folded.components(separatedBy: "\r\n").dropLast() { #expect(line.utf8.count <= 75) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "DESCRIPTION:" + long + "\r\n")
        #expect(DrillCalendar.text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne")
    }
}
