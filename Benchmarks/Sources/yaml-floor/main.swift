// The floor for `drill lint` over a folder: read and compose every YAML file with Yams,
// one at a time, and nothing else (no decoding into the model, no diagnostics).
import Foundation
import Yams

// `--basic`: without implicit tag resolution (every scalar a string), as drill's reader needs.
let basic = CommandLine.arguments.contains("--basic")
let folder = CommandLine.arguments.dropFirst().first { $0 != "--basic" } ?? "."
let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
var nodes = 0
for name in names.sorted() where name.hasSuffix(".yaml") {
    guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8),
          let node = try? Yams.compose(yaml: text, basic ? .basic : .default) else { continue }
    if case let .mapping(mapping) = node { nodes += mapping.count }
}
print("\(names.count) files, \(nodes) top-level keys")
