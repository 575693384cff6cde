import Foundation

/// Runs one piece of work per item on every core, a bounded window ahead of the caller, and
/// hands the results back one at a time in item order on the calling thread.
///
/// Loading a folder of scenarios is parsing, file after file, with nothing shared between
/// files: on two cores two files are parsed at once. The window keeps memory flat: at most
/// `window` results wait to be handed back, however many items there are.
enum InOrderWork {
    /// Calls `work` for each index of `0..<count` on up to `workers` threads and `deliver`
    /// with each result, in index order, on the calling thread. Returns when every result is
    /// delivered. With one worker (or one item) everything runs on the calling thread.
    static func run<Result: Sendable>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int? = nil,
                                      work: @escaping @Sendable (Int) -> Result, deliver: (Int, Result) -> Void) {
        let workers = max(1, min(workers, count))
        guard workers > 1 else {
            for index in 0..<count { deliver(index, work(index)) }
            return
        }
        let queue = Queue<Result>(count: count, window: max(workers, window ?? 4 * workers))
        for _ in 0..<workers {
            let thread = Thread {
                while let index = queue.claim() { queue.finish(index, work(index)) }
            }
            thread.stackSize = 8 << 20 // composing recurses once per level of nesting, as on the main thread
            thread.start()
        }
        for index in 0..<count { deliver(index, queue.take(index)) }
    }

    /// The shared state: the next index to claim, and the results not yet taken.
    private final class Queue<Result: Sendable>: @unchecked Sendable {
        // Every stored property is read and written under `condition` only.
        private let condition = NSCondition()
        private let count: Int
        private let window: Int
        private var next = 0
        private var taken = 0
        private var results: [Int: Result] = [:]

        init(count: Int, window: Int) {
            self.count = count
            self.window = window
        }

        /// The next index to work on, waiting while the window is full; `nil` when none is left.
        func claim() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            while next < count && next >= taken + window { condition.wait() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }

        func finish(_ index: Int, _ result: Result) {
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }

        /// The result for `index`, waiting until it is there.
        func take(_ index: Int) -> Result {
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
    }
}
