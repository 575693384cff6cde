import Foundation
import Testing

@Suite("The sample transcripts in transcripts/ are what drill writes today", .serialized)
struct SampleTranscriptTests {
    /// The samples, imported together (as the README does) into an empty database and exported again.
    @Test("Imported and exported again, each sample's Markdown is the committed file, and its JSON the committed record plus this installation's seal")
    func samplesInStep() throws {
        let folder = try DrillProcess.temporaryFolder()
        let environment = ["DRILL_DB": folder.appendingPathComponent("db/drill.sqlite").path]
        let samples = DrillProcess.packageRoot.appendingPathComponent("transcripts")
        let imported = try DrillProcess.run(["import", samples.path], in: folder, environment: environment)
        #expect(imported.status == 0, "\(imported.stderr)")
        let exported = try DrillProcess.run(["export", "--all", "--output", "again"], in: folder, environment: environment)
        #expect(exported.status == 0, "\(exported.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".md") || $0.hasSuffix(".json") }.sorted()
        #expect(names.count == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("again").path).sorted() == names)
        for name in names {
            let committed = try String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8)
            let again = try String(contentsOf: folder.appendingPathComponent("again/\(name)"), encoding: .utf8)
            if name.hasSuffix(".md") {
                #expect(again == committed, "\(name) is out of step; regenerate it with drill import transcripts && drill export --all --format markdown --output transcripts")
            } else {
                // The samples were exported before runs were signed and stay unsigned: exported again, they gain this installation's seal.
                var record = try #require(try JSONSerialization.jsonObject(with: Data(again.utf8)) as? [String: Any])
                #expect(record.removeValue(forKey: "seal") != nil)
                let original = try #require(try JSONSerialization.jsonObject(with: Data(committed.utf8)) as? [String: Any])
                #expect(original["seal"] == nil)
                #expect(NSDictionary(dictionary: record) == NSDictionary(dictionary: original), "\(name)")
            }
        }
    }
}
