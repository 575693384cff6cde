import Foundation
import Testing

/// `-` is standard input or output wherever a command reads or writes one file.
@Suite("- for standard input and output", .serialized)
struct StandardStreamTests {
    @Test("report -o - and compare -o - write to standard output, and no file named -")
    func reportToStandardOutput() throws {
        let (folder, environment) = try JSONContractTests.workspace()
        let report = try DrillProcess.run(["report", "20261126-sl75", "--format", "markdown", "-o", "-"], in: folder, environment: environment)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.hasPrefix("# "), "\(report.stdout.prefix(200))")
        let compared = try DrillProcess.run(["compare", "20261126-sl75", "20261126-a3r5", "--format", "json", "--output", "-"], in: folder, environment: environment)
        #expect(compared.status == 0 && compared.stdout.contains("\"schemaVersion\""))
        // export writes a folder of files: - is refused, not made a folder.
        let export = try DrillProcess.run(["export", "20261126-sl75", "--output", "-"], in: folder, environment: environment)
        #expect(export.status == 64 && export.stderr.contains("drill show RUN --format json"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
    }

    @Test("init --output - prints the template; lint - checks what comes on standard input")
    func initAndLint() throws {
        let folder = try DrillProcess.temporaryFolder()
        let template = try DrillProcess.run(["init", "--output", "-"], in: folder)
        #expect(template.status == 0 && template.stdout.contains("team:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let clean = try DrillProcess.run(["lint", "-"], in: folder, input: template.stdout)
        #expect(clean.status == 0, "\(clean.stderr)")
        let broken = try DrillProcess.run(["lint", "-"], in: folder, input: "team: [unclosed\n")
        #expect(broken.status == 65)
        #expect(broken.stderr.hasPrefix("-:"), "\(broken.stderr)")
    }

    @Test("import - reads one transcript from standard input")
    func importFromStandardInput() throws {
        let folder = try DrillProcess.temporaryFolder()
        let transcripts = DrillProcess.packageRoot.appendingPathComponent("transcripts")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: transcripts.path).first { $0.hasSuffix("sl75.json") })
        let text = try String(contentsOf: transcripts.appendingPathComponent(name), encoding: .utf8)
        let environment = ["DRILL_DB": folder.appendingPathComponent("db.sqlite").path]
        let imported = try DrillProcess.run(["import", "-"], in: folder, environment: environment, input: text)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 20261126-sl75"))
        let bad = try DrillProcess.run(["import", "-"], in: folder, environment: environment, input: "{\"nope\": 1}")
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("-:"), "\(bad.stderr)")
    }
}
