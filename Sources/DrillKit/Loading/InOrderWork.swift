import Foundation

/// Runs one piece of work per item on every core, a bounded window ahead of the caller, and
/// hands the results back one at a time in item order on the calling thread.
///
/// Loading a folder of scenarios, or checking a folder of transcripts, is parsing, file after
/// file, with nothing shared between files: on two cores two files are parsed at once. The
/// window keeps memory flat: at most `window` results wait to be taken, however many items
/// there are.
enum InOrderWork {
    /// Calls `work` for each index of `0..<count` on up to `workers` threads and `deliver`
    /// with each result, in index order, on the calling thread. Returns when every result is
    /// delivered. With one worker (or one item) everything runs on the calling thread.
    static func run<Result: Sendable>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int? = nil,
                                      work: @escaping @Sendable (Int) -> Result, deliver: (Int, Result) -> Void) {
        let ahead = Ahead(count: count, workers: workers, window: window, work: work)
        defer { ahead.stop() }
        for index in 0..<count { deliver(index, ahead.take(index)) }
    }

    /// Work started ahead of the caller, which takes the results in index order when it is
    /// ready for them (``run(count:workers:window:work:deliver:)`` takes them all at once).
    final class Ahead<Result: Sendable>: @unchecked Sendable {
        private let work: @Sendable (Int) -> Result
        private let count: Int
        /// With one worker (or one item), each result is worked out when it is taken.
        private let inline: Bool
        // Every variable below is read and written under `condition` only.
        private let condition = NSCondition()
        private let window: Int
        private var next = 0
        private var taken = 0
        private var stopped = false
        private var results: [Int: Result] = [:]

        /// Starts `workers` threads on `work` for the indexes `0..<count`, at most `window`
        /// (default: four per worker) ahead of the last index taken.
        init(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int? = nil,
             work: @escaping @Sendable (Int) -> Result) {
            let workers = max(1, min(workers, count))
            self.work = work
            self.count = count
            self.window = max(workers, window ?? 4 * workers)
            inline = workers == 1
            guard !inline else { return }
            for _ in 0..<workers {
                let thread = Thread { [self] in
                    while let index = claim() { finish(index, work(index)) }
                }
                // Composing YAML recurses once per level of nesting: the main thread's stack.
                thread.stackSize = 8 << 20
                thread.start()
            }
        }

        /// The result for `index`, waiting for it; indexes must be taken in order.
        func take(_ index: Int) -> Result {
            guard !inline else { return work(index) }
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let result = results.removeValue(forKey: index) {
                    taken = index + 1
                    condition.broadcast()
                    return result
                }
                condition.wait()
            }
        }

        /// Lets the workers finish the item they are on, and start no other.
        func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }

        /// The next index to work on, waiting while the window is full; `nil` when none is left.
        private func claim() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while !stopped, next < count, next >= taken + window { condition.wait() }
            guard !stopped, next < count else { return nil }
            next += 1
            return next - 1
        }

        private func finish(_ index: Int, _ result: Result) {
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }
}
