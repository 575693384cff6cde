import DrillKit
import Foundation
import Testing

@Suite("Signed transcripts: exported with the run's seal, refused when edited, old ones still welcome")
struct TranscriptSignatureTests {
    static let runID = "20261126-abcd"

    func exported(key: InstallationKey) throws -> RunTranscript {
        let database = try AppDatabase.inMemory(key: key)
        try ReviewFixture.play(database, id: Self.runID, startedAt: ReviewFixture.day(0), gaps: true)
        return try RunTranscript(runID: Self.runID, from: database)
    }

    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("drill-signature-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The attacker's script on a transcript: recompute the chain, the head and the seal's hash.
    func rehashed(_ transcript: RunTranscript) -> RunTranscript {
        var edited = transcript
        var previous = edited.genesisHash
        for index in edited.events.indices {
            previous = EventChain.link(previous: previous, seq: edited.events[index].seq, recordedAt: EventChain.storable(edited.events[index].recordedAt),
                                       event: edited.events[index].event)
            edited.events[index].hash = previous
        }
        edited.headHash = previous
        let recomputed = RunSeal(edited.sealContent).hash
        edited.seal?.hash = recomputed
        return edited
    }

    @Test("An exported transcript carries the run's seal, signed by the installation's key, and verifies")
    func signedExport() throws {
        let key = InstallationKey.ephemeral()
        let transcript = try exported(key: key)
        let seal = try #require(transcript.seal)
        #expect(seal.keyId == key.id)
        let loaded = try RunTranscript.load(json: String(decoding: transcript.jsonData(), as: UTF8.self), displayPath: "t.json",
                                            keys: TrustedKeys([key.publicKey]))
        #expect(loaded.signatureVerdict(keys: TrustedKeys([key.publicKey])) == .valid)
    }

    @Test("An answer edited with every plain hash recomputed is refused: the signature does not sign it", arguments: ["text", "participant", "met"])
    func rehashedEditRefused(edit: String) throws {
        let key = InstallationKey.ephemeral()
        var transcript = try exported(key: key)
        switch edit {
        case "text":
            let index = try #require(transcript.events.firstIndex { $0.kind == .answer })
            transcript.events[index].text = "We called the partner at once."
        case "participant":
            transcript.participants = [.init(name: "Mallory", role: "commander")]
        default:
            let index = try #require(transcript.events.firstIndex { $0.kind == .deadline && $0.met == false })
            transcript.events[index].met = true
        }
        let forged = rehashed(transcript)
        #expect(throws: LoadFailure.self) {
            try RunTranscript.load(json: String(decoding: forged.jsonData(), as: UTF8.self), displayPath: "t.json", keys: TrustedKeys([key.publicKey]))
        }
        let problems = forged.problems(keys: TrustedKeys([key.publicKey]))
        // A deadline's outcome follows from the answers, and is named as such; the rest only the signature can tell.
        if edit == "met" {
            #expect(problems.first?.path.first == "events" && problems.first?.path.last == "met", "\(problems)")
        } else {
            #expect(problems.first?.path == ["seal", "signature"], "\(problems)")
        }
    }

    @Test("Even signed by the key's holder, a missed deadline turned met does not follow from the answers")
    func deadlineRecomputed() throws {
        var transcript = try exported(key: .ephemeral())
        let index = try #require(transcript.events.firstIndex { $0.kind == .deadline && $0.met == false })
        transcript.events[index].met = true
        transcript.seal = nil
        let problems = rehashed(transcript).problems()
        #expect(problems.first?.path == ["events", String(index), "met"], "\(problems)")
    }

    @Test("Import refuses a re-hashed transcript, and one signed by an unknown key unless its KEYS file names it")
    func importChecksSignatures() throws {
        let theirs = InstallationKey.ephemeral()
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let transcript = try exported(key: theirs)
        let file = folder.appendingPathComponent("run.json")
        try transcript.jsonData().write(to: file)

        var forged = transcript
        let index = try #require(forged.events.firstIndex { $0.kind == .answer })
        forged.events[index].text = "We called the partner at once."
        let forgedFile = folder.appendingPathComponent("forged.json")
        try rehashed(forged).jsonData().write(to: forgedFile)

        func importing(_ url: URL, keys: TrustedKeys? = nil) throws -> TranscriptImportResult? {
            let database = try AppDatabase.inMemory()
            var result: TranscriptImportResult?
            try database.importTranscripts([TranscriptFile(url: url, displayPath: url.lastPathComponent)], workers: 1, keys: keys) { result = $1 }
            if case .stored = result { #expect(try database.verifyRecords().isIntact) }
            return result
        }
        guard case let .refused(unknown)? = try importing(file) else { Issue.record("an unknown key was accepted"); return }
        #expect(unknown.diagnostics.first?.message.contains("not trusted") == true)

        try (theirs.publicKey.keysLine(comment: "ana@laptop") + "\n").write(to: folder.appendingPathComponent("KEYS"), atomically: true, encoding: .utf8)
        var trusted = TrustedKeys()
        trusted.addKeys(fromFileAt: folder.appendingPathComponent("KEYS"))
        guard case let .stored(run, .imported)? = try importing(file, keys: trusted) else { Issue.record("a trusted transcript was refused"); return }
        #expect(run.signedBy == theirs.id)
        guard case let .refused(failure)? = try importing(forgedFile, keys: trusted) else { Issue.record("a forged transcript was accepted"); return }
        #expect(failure.diagnostics.first?.message.contains("seal.signature") == true, "\(failure.diagnostics)")
    }

    @Test("The shipped sample transcripts, exported before runs were signed, still import and verify, as unsigned")
    func shippedSamples() throws {
        let folder = Fixture.packageRoot.appendingPathComponent("transcripts")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!files.isEmpty)
        let database = try AppDatabase.inMemory()
        var results: [TranscriptImportResult] = []
        try database.importTranscripts(files.map { TranscriptFile(url: folder.appendingPathComponent($0), displayPath: $0) }, workers: 1) { results.append($1) }
        for result in results {
            guard case let .stored(run, .imported) = result else { Issue.record("\(result)"); continue }
            #expect(run.signedBy == nil)
        }
        let report = try database.verifyRecords()
        #expect(report.isIntact, "\(report.allProblems)")
        #expect(report.runs.count == files.count)
        // Exported again, they carry this installation's signature.
        for run in report.runs { #expect(try RunTranscript(runID: run.runId, from: database).seal?.keyId == database.key.id) }
    }

    @Test("What a signature does not prove: a transcript stripped of its seal imports as unsigned, and says so")
    func strippedSeal() throws {
        var transcript = try exported(key: .ephemeral())
        transcript.seal = nil
        let loaded = try RunTranscript.load(json: String(decoding: transcript.jsonData(), as: UTF8.self), displayPath: "t.json", keys: TrustedKeys())
        #expect(loaded.signatureVerdict(keys: TrustedKeys()) == nil)
    }

    @Test("The installation key is made once, 0600 in a 0700 folder, and refused when others can read it")
    func keyFile() throws {
        let folder = try folder().appendingPathComponent("config/drill")
        let first = try InstallationKey.loadOrCreate(in: folder)
        let second = try InstallationKey.loadOrCreate(in: folder)
        #expect(first.id == second.id)
        let path = folder.appendingPathComponent(InstallationKey.fileName).path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int) == 0o700)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: StoreError.self) { try InstallationKey.loadOrCreate(in: folder) }
        #expect(InstallationKey.defaultFolder(environment: ["DRILL_CONFIG_DIR": "/c"]).path == "/c")
        #expect(InstallationKey.defaultFolder(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]).path == "/x/drill")
        #expect(InstallationKey.defaultFolder(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]).path == "/h/.config/drill")
    }
}
