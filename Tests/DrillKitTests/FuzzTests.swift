import DrillKit
import Foundation
import Testing

/// Random inputs, from a fixed seed so that any failure repeats: the loaders and the sanitiser
/// must never crash, and must keep their promises on every input.
@Suite("Fuzzing the loaders and the sanitiser")
struct FuzzTests {
    /// Small random edits of a valid file: drop, insert, duplicate or swap.
    static func mutate(_ text: String, using generator: inout FuzzRandom) -> String {
        var scalars = Array(text.unicodeScalars)
        let edits = Int.random(in: 1...4, using: &generator)
        let alphabet: [Unicode.Scalar] = [":", "-", " ", "\n", "\t", "[", "]", "{", "}", "&", "*", "!", "|", ">", "#", "'", "\"", "\u{1B}", "\u{0}", "é", "\u{202E}", "7", "h"]
        for _ in 0..<edits where !scalars.isEmpty {
            let index = Int.random(in: 0..<scalars.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: scalars.remove(at: index)
            case 1: scalars.insert(alphabet.randomElement(using: &generator) ?? " ", at: index)
            case 2:
                let end = min(scalars.count, index + Int.random(in: 1...40, using: &generator))
                scalars.insert(contentsOf: scalars[index..<end], at: index)
            default:
                let other = Int.random(in: 0..<scalars.count, using: &generator)
                scalars.swapAt(index, other)
            }
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }

    static func checkDiagnostics(_ error: LoadFailure, lineCount: Int) {
        for diagnostic in error.diagnostics {
            #expect(!diagnostic.message.isEmpty)
            if let line = diagnostic.line { #expect((1...lineCount + 1).contains(line), "\(diagnostic)") }
            if let column = diagnostic.column { #expect(column >= 1) }
        }
    }

    @Test("Mutated scenarios load or fail with located diagnostics, never a crash")
    func scenarioMutations() throws {
        let folder = Fixture.packageRoot.appendingPathComponent("scenarios")
        let sources = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        var generator = FuzzRandom(seed: 42)
        for round in 0..<600 {
            let source = sources[round % sources.count]
            let mutated = Self.mutate(source, using: &generator)
            do {
                _ = try Scenario.load(yaml: mutated, displayPath: "fuzz.yaml")
            } catch {
                Self.checkDiagnostics(error, lineCount: mutated.split(separator: "\n", omittingEmptySubsequences: false).count)
            }
        }
    }

    @Test("Mutated preparedness files load or fail with located diagnostics, never a crash")
    func preparednessMutations() {
        var generator = FuzzRandom(seed: 7)
        for _ in 0..<600 {
            let mutated = Self.mutate(ExampleTeam.yaml, using: &generator)
            do {
                _ = try PreparednessProfile.load(yaml: mutated, displayPath: "fuzz.yaml")
            } catch {
                Self.checkDiagnostics(error, lineCount: mutated.split(separator: "\n", omittingEmptySubsequences: false).count)
            }
        }
    }

    @Test("Random scalars: the sanitiser leaves nothing that steers a terminal, changes nothing harmless, and is idempotent")
    func sanitiserProperties() {
        var generator = FuzzRandom(seed: 99)
        let steering: Set<UInt32> = Set((0x00...0x1F).filter { $0 != 0x0A && $0 != 0x09 } + (0x7F...0x9F) + [0x061C, 0x200E, 0x200F] + (0x202A...0x202E) + (0x2066...0x2069))
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                let pick = Int.random(in: 0..<4, using: &generator)
                let value: UInt32 = switch pick {
                case 0: UInt32.random(in: 0...0x9F, using: &generator)
                case 1: [0x061C, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069].randomElement(using: &generator) ?? 0x202E
                case 2: UInt32.random(in: 0x20...0x7E, using: &generator)
                default: UInt32.random(in: 0xA0...0x2FFF, using: &generator)
                }
                if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) }
            }
            let safe = text.terminalSafe
            #expect(!safe.unicodeScalars.contains { steering.contains($0.value) })
            #expect(safe.terminalSafe == safe)
            if !text.unicodeScalars.contains(where: { steering.contains($0.value) }) { #expect(safe == text) }
            #expect(!text.terminalSafeLine.contains("\n"))
        }
    }

    @Test("Random text never crashes the value parsers, and what they accept is in range")
    func valueParsers() {
        var generator = FuzzRandom(seed: 5)
        let pieces = ["1", "2", "12", "0.5", "-", "+", ".", "h", "d", "mo", "min", "y", "w", " ", "Mon", "Fri", ":", "09", "30", "UTC", "x", "e9", "1e400"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            if let span = TimeSpan(parsing: text) { #expect(span >= .zero && span <= TimeSpan.longest) }
            _ = CalendarDate(parsing: text)
            _ = Availability(parsing: text)
            _ = WeeklyMoment(parsing: text)
        }
    }
}

/// SplitMix64, so random tests repeat exactly.
struct FuzzRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
