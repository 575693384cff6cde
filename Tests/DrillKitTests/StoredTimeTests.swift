@testable import DrillKit
import Foundation
import GRDB
import Testing

@Suite("Times are stored as GRDB stores them")
struct StoredTimeTests {
    @Test("A chained time is written with exactly the text GRDB's formatter gives, and reads back as the same millisecond")
    func sameTextAsGRDB() throws {
        var generator = SystemRandomNumberGenerator()
        var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_796_040_000.999), Date(timeIntervalSince1970: 4_102_444_799.999),
                     Date(timeIntervalSince1970: 951_782_400)]  // 2000-02-29
        for _ in 0..<20_000 { dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator))) }
        for date in dates {
            let storable = EventChain.storable(date)
            let written = RecordColumn.time(storable)
            #expect(written == storable.databaseValue, "\(storable.timeIntervalSince1970)")
            let read = try #require(Date.fromDatabaseValue(written))
            #expect(EventChain.milliseconds(read) == EventChain.milliseconds(storable))
        }
        // Any other time goes through GRDB's own formatter.
        let raw = Date(timeIntervalSince1970: 1_796_040_000.123456)
        #expect(RecordColumn.time(raw) == raw.databaseValue)
        #expect(RecordColumn.time(nil) == .null)
    }
}
