import Foundation

/// Each scenario's part of a check report, kept in a temporary file until every scenario is
/// checked, then handed back in id order.
///
/// Files are loaded in name order but reported in id order, and the text report starts with
/// the number of scenarios: nothing can be printed before the last file is loaded. Keeping
/// the parts on disk keeps memory flat however many scenarios there are; only each id and
/// where its part is are kept in memory. When no temporary file can be made the parts are
/// kept in memory instead.
final class CheckSpool {
    private struct Part {
        let id: String
        let offset: Int
        let length: Int
    }

    private let file: UnsafeMutablePointer<FILE>?
    private var parts: [Part] = []
    private var end = 0
    private var inMemory: [String: String] = [:]
    private var failed = false

    init() {
        // Deleted by the system when closed or when the process ends, however it ends.
        file = tmpfile()
    }

    deinit {
        if let file { fclose(file) }
    }

    /// Keeps one scenario's part.
    func add(id: String, _ text: String) {
        var text = text
        let length = text.utf8.count
        if let file, !failed {
            let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
            if written == length {
                parts.append(Part(id: id, offset: end, length: length))
                end += length
                return
            }
            // A full disk: put back what is already written into memory and go on there.
            failed = true
            for part in parts { inMemory[part.id] = read(part) }
            parts = []
        }
        inMemory[id] = text
    }

    /// How many parts are kept.
    var count: Int { parts.count + inMemory.count }

    /// Hands back every part, in id order.
    func forEachInIDOrder(_ body: (String) -> Void) {
        if !parts.isEmpty, let file { fflush(file) }
        for part in parts.sorted(by: { $0.id < $1.id }) { body(read(part)) }
        for id in inMemory.keys.sorted() { inMemory[id].map(body) }
    }

    private func read(_ part: Part) -> String {
        guard let file, fseeko(file, off_t(part.offset), SEEK_SET) == 0 else { return "" }
        defer { fseeko(file, off_t(end), SEEK_SET) }
        return String(unsafeUninitializedCapacity: part.length, initializingUTF8With: { buffer in
            fread(buffer.baseAddress, 1, part.length, file)
        })
    }
}
