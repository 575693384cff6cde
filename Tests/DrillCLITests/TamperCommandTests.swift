import DrillKit
import Foundation
import Testing

@Suite("drill verify and import against tampering, end to end")
struct TamperCommandTests {
    let runs = RunCommandTests()

    func played(_ folder: URL) throws -> String {
        let result = try DrillProcess.run(["run", "drill-test"], in: folder, environment: runs.env(folder), input: RunCommandTests.answers.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try DrillProcess.run(["runs", "--format", "json"], in: folder, environment: runs.env(folder))
        let json = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8))
        let list = (json as? [[String: Any]]) ?? ((json as? [String: Any])?["runs"] as? [[String: Any]]) ?? []
        return try #require((list.first?["id"] ?? list.first?["runId"]) as? String)
    }

    func exportedJSON(_ folder: URL, _ id: String, environment: [String: String]) throws -> URL {
        let exported = try DrillProcess.run(["export", id, "--output", "out", "--format", "json"], in: folder, environment: environment)
        #expect(exported.status == 0, "\(exported.stderr)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path).first { $0.hasSuffix(".json") })
        return folder.appendingPathComponent("out/" + file)
    }

    @Test("Fields a reviewer reads, edited with the sqlite3 CLI, make verify exit 1 and name them", arguments: [
        ("UPDATE run SET overallScore = 99", "overallScore"),
        ("UPDATE run SET scenarioTitle = 'A calm night'", "scenarioTitle"),
        ("INSERT INTO participant (runID, name, position) SELECT id, 'Mallory', 0 FROM run", "participants"),
        ("UPDATE finding SET status = 'met'", "findings"),
        ("UPDATE audit SET detail = 'nothing' WHERE id = 1", "audit entry 1"),
        ("DELETE FROM run", "deleted outside `drill prune`"),
    ])
    func sqlEdits(sql: String, named: String) throws {
        let folder = try runs.workspace()
        _ = try played(folder)
        let database = folder.appendingPathComponent("db/drill.sqlite").path
        #expect(try DrillProcess.run(["verify"], in: folder, environment: runs.env(folder)).status == 0)
        _ = try DrillProcess.runSQLite(database, sql)
        let verify = try DrillProcess.run(["verify"], in: folder, environment: runs.env(folder))
        #expect(verify.status == 1, "\(verify.stdout)")
        #expect(verify.stdout.contains(named), "\(verify.stdout)")
    }

    @Test("A transcript edited with every plain hash recomputed is refused by import (65) and flagged by verify")
    func rehashedTranscript() throws {
        let folder = try runs.workspace()
        let id = try played(folder)
        let url = try exportedJSON(folder, id, environment: runs.env(folder))
        var transcript = try RunTranscript.load(fileAt: url, displayPath: "t.json")
        let index = try #require(transcript.events.firstIndex { $0.kind == .answer })
        transcript.events[index].text = "We called the partner at once."
        var previous = transcript.genesisHash
        for position in transcript.events.indices {
            previous = EventChain.link(previous: previous, seq: transcript.events[position].seq,
                                       recordedAt: EventChain.storable(transcript.events[position].recordedAt), event: transcript.events[position].event)
            transcript.events[position].hash = previous
        }
        transcript.headHash = previous
        let recomputed = RunSeal(transcript.sealContent).hash
        transcript.seal?.hash = recomputed
        try transcript.jsonData().write(to: url)

        let fresh = ["DRILL_DB": folder.appendingPathComponent("db2/drill.sqlite").path]
        let imported = try DrillProcess.run(["import", "out"], in: folder, environment: fresh)
        #expect(imported.status == 65, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stderr.contains("seal.signature"), "\(imported.stderr)")
        let verify = try DrillProcess.run(["verify", "out/" + url.lastPathComponent], in: folder, environment: runs.env(folder))
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("seal.signature"), "\(verify.stdout)")
    }

    @Test("A transcript signed by another installation imports once its key is in KEYS beside it; `drill key` prints the line")
    func keysFile() throws {
        let folder = try runs.workspace()
        let elsewhere = runs.env(folder).merging(["DRILL_CONFIG_DIR": folder.appendingPathComponent("other-config").path]) { $1 }
        let id = try played(folder)
        _ = try exportedJSON(folder, id, environment: runs.env(folder))
        let fresh = elsewhere.merging(["DRILL_DB": folder.appendingPathComponent("db2/drill.sqlite").path]) { $1 }
        let refused = try DrillProcess.run(["import", "out"], in: folder, environment: fresh)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("not trusted"), "\(refused.stderr)")

        let key = try DrillProcess.run(["key", "--comment", "drill tests"], in: folder)
        #expect(key.status == 0)
        #expect(key.stdout.hasPrefix("ed25519 ") && key.stdout.contains("drill tests"))
        try key.stdout.write(to: folder.appendingPathComponent("out/KEYS"), atomically: true, encoding: .utf8)
        let imported = try DrillProcess.run(["import", "out"], in: folder, environment: fresh)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("signed by key"))
        #expect(try DrillProcess.run(["verify"], in: folder, environment: fresh).status == 0)

        // The first installation now verifies the database the other one wrote (its anchor is
        // signed by the other's key) once the other's key is in KEYS in its config folder.
        let shared = runs.env(folder).merging(["DRILL_DB": fresh["DRILL_DB"] ?? ""]) { $1 }
        let untrusted = try DrillProcess.run(["verify"], in: folder, environment: shared)
        #expect(untrusted.status == 1)
        #expect(untrusted.stdout.contains("not trusted"), "\(untrusted.stdout)")
        let otherKey = try DrillProcess.run(["key"], in: folder, environment: elsewhere)
        // Told to trust the other's key for this check alone, verify passes (and records itself).
        let keysFile = folder.appendingPathComponent("other-KEYS")
        try otherKey.stdout.write(to: keysFile, atomically: true, encoding: .utf8)
        let withKeys = try DrillProcess.run(["verify", "--keys", keysFile.path], in: folder, environment: shared)
        #expect(withKeys.status == 0, "\(withKeys.stdout)\(withKeys.stderr)")
        // A config folder of its own, with the first installation's key and KEYS naming the other's.
        let teamConfig = folder.appendingPathComponent("team-config")
        try FileManager.default.createDirectory(at: teamConfig, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(at: DrillProcess.configFolder.appendingPathComponent(InstallationKey.fileName),
                                         to: teamConfig.appendingPathComponent(InstallationKey.fileName))
        try otherKey.stdout.write(to: teamConfig.appendingPathComponent("KEYS"), atomically: true, encoding: .utf8)
        let trusted = try DrillProcess.run(["verify", "--format", "json"], in: folder, environment: shared.merging(["DRILL_CONFIG_DIR": teamConfig.path]) { $1 })
        #expect(trusted.status == 0, "\(trusted.stdout)")
        // And it writes to the shared database again: a drill, then verify.
        #expect(try DrillProcess.run(["verify"], in: folder, environment: shared.merging(["DRILL_CONFIG_DIR": teamConfig.path]) { $1 }).status == 0)
    }

    @Test("With its key lost, a database takes no more writes until verify --adopt-key re-signs its anchor, when nothing else is wrong")
    func lostKey() throws {
        let folder = try runs.workspace()
        let first = runs.env(folder).merging(["DRILL_CONFIG_DIR": folder.appendingPathComponent("lost-config").path]) { $1 }
        let answers = RunCommandTests.answers.joined(separator: "\n") + "\n"
        #expect(try DrillProcess.run(["run", "drill-test"], in: folder, environment: first, input: answers).status == 0)
        let oldKey = try #require(try DrillProcess.run(["key"], in: folder, environment: first).stderr.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        try FileManager.default.removeItem(at: folder.appendingPathComponent("lost-config"))

        let refused = try DrillProcess.run(["run", "drill-test"], in: folder, environment: first, input: answers)
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("not trusted"), "\(refused.stderr)")
        let wrong = try DrillProcess.run(["verify", "--adopt-key", "0000000000000000"], in: folder, environment: first)
        #expect(wrong.status == 1)
        let adopted = try DrillProcess.run(["verify", "--adopt-key", oldKey], in: folder, environment: first)
        #expect(adopted.status == 0, "\(adopted.stdout)\(adopted.stderr)")
        #expect(try DrillProcess.run(["run", "drill-test"], in: folder, environment: first, input: answers).status == 0)
        #expect(try DrillProcess.run(["audit", "--action", "anchor.adopted"], in: folder, environment: first).stdout.contains(oldKey))
    }

    @Test("The shipped sample transcripts import and verify, reported as unsigned")
    func shippedSamples() throws {
        let folder = try runs.workspace()
        let samples = DrillProcess.packageRoot.appendingPathComponent("transcripts").path
        let imported = try DrillProcess.run(["import", samples], in: folder, environment: runs.env(folder))
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("unsigned"))
        let verify = try DrillProcess.run(["verify"], in: folder, environment: runs.env(folder))
        #expect(verify.status == 0, "\(verify.stdout)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: samples).first { $0.hasSuffix(".json") })
        let one = try DrillProcess.run(["verify", samples + "/" + file], in: folder, environment: runs.env(folder))
        #expect(one.status == 0, "\(one.stdout)")
        #expect(one.stdout.contains("unsigned"))
    }
}
