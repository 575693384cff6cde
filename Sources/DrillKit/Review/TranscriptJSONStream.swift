import Foundation

/// A transcript's JSON written piece by piece: the same bytes as ``RunTranscript/jsonData()``,
/// with only one event in memory at a time, so exporting a run of any length needs the same
/// memory as exporting a short one.
///
/// The JSON's keys are sorted and indented by two spaces per level, so the top-level `events`
/// array opens on a line of its own (`\n  "events" : [`) that no string value can contain (a
/// quote inside a string is escaped). Everything before it and after its closing bracket comes
/// from encoding the transcript without events; each event is encoded alone and indented to
/// its place, which is exact because pretty-printed JSON never breaks a line inside a string.
public struct TranscriptJSONStream: Sendable {
    /// Everything up to and including the `[` that opens `events`.
    public let head: Data
    /// What an empty `events` array holds between its brackets.
    private let emptyBody: Data
    /// From the `]` that closes `events` to the end, with the final newline.
    public let tail: Data

    private static let eventsOpening = Data("\n  \"events\" : [".utf8)
    private static let separator = Data(",\n".utf8)
    private static let closingIndent = Data("\n  ".utf8)
    private static let elementIndent = Data("    ".utf8)

    /// Prepares the parts around the events of `header` (whose own events are ignored).
    public init(header: RunTranscript) {
        var empty = header
        empty.events = []
        let whole = empty.jsonData()
        // Encoding a transcript always writes its `events` key, so the opening is there.
        guard let opening = whole.range(of: Self.eventsOpening),
              let closing = whole[opening.upperBound...].firstIndex(of: UInt8(ascii: "]")) else {
            preconditionFailure("a transcript's JSON always has its events array")
        }
        head = whole[..<opening.upperBound]
        emptyBody = whole[opening.upperBound..<closing]
        tail = whole[closing...]
    }

    /// The bytes to write before the event at `index` (0-based): the event itself, indented,
    /// after a separator unless it is the first.
    public func element(_ event: EventRecord, index: Int) -> Data {
        var data = index == 0 ? Data("\n".utf8) : Self.separator
        // Every field is a string, number or boolean: encoding cannot fail.
        let encoded = (try? DrillJSON.encode(event)) ?? Data()
        for (number, line) in encoded.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if number > 0 { data.append(UInt8(ascii: "\n")) }
            data.append(Self.elementIndent)
            data.append(contentsOf: line)
        }
        return data
    }

    /// The bytes to write after `count` events: the array's end and the rest of the transcript.
    public func ending(afterEvents count: Int) -> Data {
        count == 0 ? emptyBody + tail : Self.closingIndent + tail
    }

    /// The whole JSON of `header` with `events`: equal to the transcript's ``RunTranscript/jsonData()``.
    public func assemble(_ events: [EventRecord]) -> Data {
        var data = head
        for (index, event) in events.enumerated() { data.append(element(event, index: index)) }
        data.append(ending(afterEvents: events.count))
        return data
    }
}
