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
/// The cache keeps at most ``maxTextBytes`` of source text (the entries used least recently go
/// first, so the few scenario texts every transcript uses stay), and an import of many distinct
/// teams stays within a fixed amount of memory (parsed, a text takes about as much memory as its
/// source; 8 MB holds some 1,400 teams' preparedness beside every shipped scenario). It is
/// shared by the threads that check transcripts side by side.
public final class TranscriptContentCache: @unchecked Sendable {
    /// How much source text the cached values may stand for, in UTF-8 bytes.
    public let maxTextBytes: Int

    // The variables below are read and written under `lock` only.
    private let lock = NSLock()

    private struct Entry<Value> {
        var value: Result<Value, LoadFailure>
        var bytes: Int
        /// When it was last used: the `tick` of its latest place in `order`.
        var lastUsed: Int
    }

    private var scenarios: [String: Entry<Scenario>] = [:]
    private var profiles: [String: Entry<PreparednessProfile>] = [:]
    /// Entries in the order they were used, each use a place of its own; a place whose tick is
    /// not its entry's `lastUsed` was used again since, and is skipped when evicting.
    private var order: [(hash: String, isScenario: Bool, tick: Int)] = []
    private var oldest = 0
    private var tick = 0
    private var textBytes = 0

    private var hitCount = 0, missCount = 0

    /// How many lookups found a parsed value, and how many had to parse.
    public var lookups: (hits: Int, misses: Int) { lock.withLock { (hitCount, missCount) } }

    /// Creates an empty cache.
    public init(maxTextBytes: Int = 8 << 20) {
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
        if let cached = lock.withLock({ lookUp(\.scenarios, hash, isScenario: true) }) { return cached }
        // Parsed outside the lock: another thread may parse the same text meanwhile, and
        // both get the same value.
        let value = Result { () throws(LoadFailure) in try Scenario.load(yaml: yaml, displayPath: "scenarioYAML") }
        lock.withLock {
            guard scenarios[hash] == nil else { return }
            scenarios[hash] = Entry(value: value, bytes: yaml.utf8.count, lastUsed: use(hash, isScenario: true))
            evict(adding: yaml.utf8.count)
        }
        return value
    }

    /// The preparedness profile `yaml` (whose SHA-256 is `hash`) loads as, parsing it only the first time.
    func profile(yaml: String, hash: String) -> Result<PreparednessProfile, LoadFailure> {
        if let cached = lock.withLock({ lookUp(\.profiles, hash, isScenario: false) }) { return cached }
        let value = Result { () throws(LoadFailure) in try PreparednessProfile.load(yaml: yaml, displayPath: "preparednessYAML") }
        lock.withLock {
            guard profiles[hash] == nil else { return }
            profiles[hash] = Entry(value: value, bytes: yaml.utf8.count, lastUsed: use(hash, isScenario: false))
            evict(adding: yaml.utf8.count)
        }
        return value
    }

    private func lookUp<Value>(_ table: ReferenceWritableKeyPath<TranscriptContentCache, [String: Entry<Value>]>, _ hash: String,
                               isScenario: Bool) -> Result<Value, LoadFailure>? {
        guard var entry = self[keyPath: table][hash] else {
            missCount += 1
            return nil
        }
        hitCount += 1
        entry.lastUsed = use(hash, isScenario: isScenario)
        self[keyPath: table][hash] = entry
        return entry.value
    }

    /// Records a use of an entry and returns its tick.
    private func use(_ hash: String, isScenario: Bool) -> Int {
        tick += 1
        order.append((hash, isScenario, tick))
        // Hits add places without evicting: past a few per entry, keep only each entry's latest,
        // so the queue stays in proportion to the cache however long an import runs.
        let live = scenarios.count + profiles.count
        if order.count - oldest > 4 * live + 1024 {
            order = order[oldest...].filter { place in
                place.isScenario ? scenarios[place.hash]?.lastUsed == place.tick : profiles[place.hash]?.lastUsed == place.tick
            } + [(hash, isScenario, tick)]
            oldest = 0
        }
        return tick
    }

    /// Counts `bytes` of text just added, and evicts the entries used least recently while the
    /// texts take more than ``maxTextBytes`` (never the one just added).
    private func evict(adding bytes: Int) {
        textBytes += bytes
        while textBytes > maxTextBytes, oldest < order.count - 1 {
            let (evicted, wasScenario, used) = order[oldest]
            oldest += 1
            let freed: Int?
            if wasScenario {
                guard scenarios[evicted]?.lastUsed == used else { continue }
                freed = scenarios.removeValue(forKey: evicted)?.bytes
            } else {
                guard profiles[evicted]?.lastUsed == used else { continue }
                freed = profiles.removeValue(forKey: evicted)?.bytes
            }
            textBytes -= freed ?? 0
        }
        // Drop the passed part of the queue now and then, so it does not grow with the import.
        if oldest > 1024, oldest * 2 > order.count {
            order.removeFirst(oldest)
            oldest = 0
        }
    }
}
