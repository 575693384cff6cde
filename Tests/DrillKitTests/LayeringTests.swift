import Foundation
import Testing

/// DrillKit's folders are layers, and data flows one way through them: a file names only types
/// declared in its own folder or an earlier one. Store keeps rows and queries (no transcript,
/// report or item types); Review builds on everything before it.
@Suite("DrillKit's layers")
struct LayeringTests {
    static let order = ["Model", "Presentation", "Loading", "Evidence", "Assessment", "Engine", "Store", "Review"]
    static let sources = Fixture.packageRoot.appendingPathComponent("Sources/DrillKit")

    /// The top-level types each folder declares.
    static func declarations() throws -> [String: String] {
        var declared: [String: String] = [:]
        let pattern = try Regex(#"(?m)^(?:public |internal |private |fileprivate )?(?:final )?(?:struct|enum|class|protocol|typealias|actor) (\w+)"#)
        for folder in order {
            for (_, text) in try files(in: folder) {
                for match in text.matches(of: pattern) {
                    if let name = match.output[1].substring, declared[String(name)] == nil { declared[String(name)] = folder }
                }
            }
        }
        return declared
    }

    /// Each Swift file of a folder, with comment lines removed.
    static func files(in folder: String) throws -> [(name: String, code: String)] {
        let url = sources.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".swift") }.sorted().map { name in
            let text = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
            let code = text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            return ("\(folder)/\(name)", code)
        }
    }

    @Test("Every folder of DrillKit is one of the layers, in order")
    func foldersAreLayers() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { !$0.hasPrefix(".") }
        #expect(Set(folders) == Set(Self.order), "add a new folder to LayeringTests.order, at its place in the flow")
    }

    @Test("No file names a type of a later layer (Loading → Assessment → Engine → Store → Review)")
    func dataFlowsOneWay() throws {
        let declared = try Self.declarations()
        #expect(declared["RunTranscript"] == "Review" && declared["EventRecord"] == "Store" && declared["DrillEvent"] == "Engine",
                "the scan found the types where they are declared: \(declared.count) types")
        var violations: [String] = []
        for (index, folder) in Self.order.enumerated() {
            let later = Set(Self.order[(index + 1)...])
            let names = declared.filter { later.contains($0.value) }
            for (file, code) in try Self.files(in: folder) {
                for (name, layer) in names.sorted(by: { $0.key < $1.key }) where code.contains(name) {
                    let word = try Regex("\\b\(name)\\b")
                    if code.contains(word) { violations.append("\(file) names \(name), declared in \(layer)") }
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }
}
