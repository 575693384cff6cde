import Foundation

/// The tamper-evident chain over a run's events. The chain starts from a hash of the run's
/// identity and the exact content it was played against; each event's hash covers the
/// previous hash and every field of the event, so changing, removing or reordering any
/// event, or the run's header, breaks every hash after it and the run's head hash.
///
/// Fields are encoded with their length before them, so no value can be crafted to look like
/// two fields. Times enter as whole milliseconds since 1970, the precision the store keeps.
public enum EventChain {
    /// The hash the chain starts from.
    public static func genesis(runID: String, team: String, scenarioID: String, scenarioHash: String, preparednessHash: String,
                               preparednessSource: String, asOf: CalendarDate, startedAt: Date, mode: String, facilitator: String?) -> String {
        var encoder = FieldEncoder(tag: "drill-run-v1")
        for field in [runID, team, scenarioID, scenarioHash, preparednessHash, preparednessSource, asOf.description,
                      String(milliseconds(startedAt)), mode] {
            encoder.add(field)
        }
        encoder.add(facilitator)
        return ContentHash.sha256(encoder.text)
    }

    /// The hash the chain starts from, for a stored run.
    public static func genesis(of run: RunRecord) -> String {
        genesis(runID: run.id, team: run.team, scenarioID: run.scenarioID, scenarioHash: run.scenarioHash,
                preparednessHash: run.preparednessHash, preparednessSource: run.preparednessSource, asOf: run.asOf,
                startedAt: run.startedAt, mode: run.mode, facilitator: run.facilitator)
    }

    /// The hash of one event, chained to the previous one.
    public static func link(previous: String, seq: Int, recordedAt: Date, event: DrillEvent) -> String {
        var encoder = FieldEncoder(tag: "drill-event-v1")
        encoder.add(previous)
        encoder.add(String(seq))
        encoder.add(String(milliseconds(recordedAt)))
        encoder.add(event.kind.rawValue)
        encoder.add(String(event.simulated.hours.bitPattern))
        for field in [event.injectID, event.promptID, event.deadlineID, event.needID, event.actor, event.text, event.answer] {
            encoder.add(field)
        }
        encoder.add(event.points.map(String.init))
        encoder.add(event.maxPoints.map(String.init))
        encoder.add(event.met.map { $0 ? "1" : "0" })
        encoder.add(event.delay.map { String($0.hours.bitPattern) })
        // Added after the first release: present only when set, so older links hash as before.
        if let seconds = event.seconds { encoder.add("seconds=" + String(seconds.bitPattern)) }
        return ContentHash.sha256(encoder.text)
    }

    /// Whole milliseconds since 1970, rounded: the precision at which times are stored and chained.
    public static func milliseconds(_ date: Date) -> Int64 {
        Timestamp8601.milliseconds(date)
    }

    /// A time at a whole millisecond, placed a quarter in so that storing it (which truncates)
    /// and reading it back (which rounds) both give the same millisecond.
    public static func storable(_ date: Date) -> Date {
        let whole = (date.timeIntervalSince1970 * 1000).rounded(.down)
        return Date(timeIntervalSince1970: (whole + 0.25) / 1000)
    }

    /// Where a chain first breaks.
    public struct Break: Hashable, Sendable, Codable {
        /// The first event whose hash does not match, or `nil` when only the head hash is wrong.
        public var seq: Int?
        /// What does not match, in a sentence.
        public var detail: String
    }

    /// Recomputes a chain and names the first event that does not match.
    ///
    /// - Parameters:
    ///   - genesis: the hash the chain starts from.
    ///   - events: each event with its number, time and stored hash, in order.
    ///   - head: the stored head hash.
    public static func check(genesis: String, events: [(seq: Int, recordedAt: Date, event: DrillEvent, hash: String?)], head: String?) -> Break? {
        var previous = genesis
        for (index, item) in events.enumerated() {
            if item.seq != index + 1 {
                return Break(seq: item.seq, detail: "event \(index + 1) is missing (the next stored event is number \(item.seq))")
            }
            let expected = link(previous: previous, seq: item.seq, recordedAt: item.recordedAt, event: item.event)
            guard item.hash == expected else {
                let what = index == 0 ? "event 1 (\(item.event.kind.rawValue)) or the run's header was altered" : "event \(item.seq) (\(item.event.kind.rawValue)) was altered"
                return Break(seq: item.seq, detail: what)
            }
            previous = expected
        }
        guard head == previous else {
            return Break(seq: nil, detail: events.isEmpty ? "the run's header was altered" : "the run's head hash does not match its last event (events after \(events.count) were removed, or the head was altered)")
        }
        return nil
    }
}

/// Length-prefixed fields: `5:hello` for a value, `-` for none, one per line.
struct FieldEncoder {
    var text: String

    init(tag: String) {
        text = tag + "\n"
        text.reserveCapacity(256)
    }

    mutating func add(_ field: String?) {
        guard let field else {
            text += "-\n"
            return
        }
        // Appended piece by piece rather than interpolated: every event of an import is linked twice.
        text += String(field.utf8.count)
        text += ":"
        text += field
        text += "\n"
    }
}
