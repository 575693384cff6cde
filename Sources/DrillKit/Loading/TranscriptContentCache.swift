import Foundation

/// Scenarios and preparedness profiles already parsed, by the SHA-256 of their text: the one
/// place where the texts stored with a run (or carried by a transcript) are parsed.
///
/// Transcripts of one team or one scenario embed the same texts (10,000 transcripts of a
/// benchmark share 11 scenario texts and 1,000 team texts), and parsing YAML was most of the
/// cost of importing one. Keys are hashes the transcript's own checks have already compared
/// with the text, so a hit is the same text. A text that does not load is remembered too,
/// with its diagnostics.
///
/// The cache keeps at most ``maxTextBytes`` of source text (oldest entries go first), so an
/// import of many distinct teams stays within a fixed amount of memory (parsed, a text takes
/// about as much memory as its source; 4 MB holds some 750 teams' preparedness). It is shared by the
/// threads that check transcripts side by side.
public final class TranscriptContentCache: @unchecked Sendable {
    /// How much source text the cached values may stand for, in UTF-8 bytes.
    public let maxTextBytes: Int

    // The variables below are read and written under `lock` only.
    private let lock = NSLock()

    private struct Entry<Value> {
        var value: Result<Value, LoadFailure>
        var bytes: Int
    }

    private var scenarios: [String: Entry<Scenario>] = [:]
    private var profiles: [String: Entry<PreparednessProfile>] = [:]
    private var order: [(hash: String, isScenario: Bool)] = []
    private var oldest = 0
    private var textBytes = 0

    private var hitCount = 0, missCount = 0

    /// How many lookups found a parsed value, and how many had to parse.
    public var lookups: (hits: Int, misses: Int) { lock.withLock { (hitCount, missCount) } }

    /// Creates an empty cache.
    public init(maxTextBytes: Int = 4 << 20) {
        self.maxTextBytes = maxTextBytes
    }

    /// The process's cache for opening stored runs (``StoredRun``, ``ReviewedRun``, improvement
    /// items): a command that opens a run twice, or many runs of one team, parses each text once.
    public static let shared = TranscriptContentCache()

    /// A scenario and the preparedness it was played against, as parsed from a run's texts.
    public struct StoredContent: Sendable {
        /// The scenario.
        public var scenario: Scenario
        /// The preparedness.
        public var profile: PreparednessProfile
    }

    /// The scenario and preparedness texts stored with a run, parsed (each only the first time
    /// this cache sees it, keyed by the SHA-256 of the text itself, not a stored hash). Throws
    /// the diagnostics of the first text that does not load.
    public func storedContent(scenarioYAML: String, preparednessYAML: String) throws(LoadFailure) -> StoredContent {
        let scenario = try self.scenario(yaml: scenarioYAML, hash: ContentHash.sha256(scenarioYAML)).get()
        let profile = try self.profile(yaml: preparednessYAML, hash: ContentHash.sha256(preparednessYAML)).get()
        return StoredContent(scenario: scenario, profile: profile)
    }

    /// The scenario `yaml` (whose SHA-256 is `hash`) loads as, parsing it only the first time.
    func scenario(yaml: String, hash: String) -> Result<Scenario, LoadFailure> {
        if let cached = lock.withLock({ lookUp(scenarios[hash]) }) { return cached }
        // Parsed outside the lock: another thread may parse the same text meanwhile, and
        // both get the same value.
        let value = Result { () throws(LoadFailure) in try Scenario.load(yaml: yaml, displayPath: "scenarioYAML") }
        lock.withLock {
            guard scenarios[hash] == nil else { return }
            scenarios[hash] = Entry(value: value, bytes: yaml.utf8.count)
            remember(hash, isScenario: true, bytes: yaml.utf8.count)
        }
        return value
    }

    /// The preparedness profile `yaml` (whose SHA-256 is `hash`) loads as, parsing it only the first time.
    func profile(yaml: String, hash: String) -> Result<PreparednessProfile, LoadFailure> {
        if let cached = lock.withLock({ lookUp(profiles[hash]) }) { return cached }
        let value = Result { () throws(LoadFailure) in try PreparednessProfile.load(yaml: yaml, displayPath: "preparednessYAML") }
        lock.withLock {
            guard profiles[hash] == nil else { return }
            profiles[hash] = Entry(value: value, bytes: yaml.utf8.count)
            remember(hash, isScenario: false, bytes: yaml.utf8.count)
        }
        return value
    }

    private func lookUp<Value>(_ entry: Entry<Value>?) -> Result<Value, LoadFailure>? {
        if let entry {
            hitCount += 1
            return entry.value
        }
        missCount += 1
        return nil
    }

    private func remember(_ hash: String, isScenario: Bool, bytes: Int) {
        order.append((hash, isScenario))
        textBytes += bytes
        while textBytes > maxTextBytes, oldest < order.count - 1 {
            let (evicted, wasScenario) = order[oldest]
            oldest += 1
            let freed = wasScenario ? scenarios.removeValue(forKey: evicted)?.bytes : profiles.removeValue(forKey: evicted)?.bytes
            textBytes -= freed ?? 0
        }
        // Drop the evicted part of the queue now and then, so it does not grow with the import.
        if oldest > 1024, oldest * 2 > order.count {
            order.removeFirst(oldest)
            oldest = 0
        }
    }
}
