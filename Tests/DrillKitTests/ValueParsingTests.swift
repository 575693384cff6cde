import DrillKit
import Foundation
import Testing

@Suite("Durations, dates and availability")
struct ValueParsingTests {
    @Test("Human durations parse to hours", arguments: [
        ("45min", 0.75), ("48h", 48), ("30d", 720), ("2w", 336), ("12mo", 8760), ("1y", 8760), ("+2h", 2), ("3 days", 72), ("1.5h", 1.5),
    ])
    func parsesDurations(text: String, hours: Double) {
        #expect(TimeSpan(parsing: text)?.hours == hours)
    }

    @Test("Impossible durations are refused", arguments: ["", "h", "30", "-5d", "30 parsecs", "1e9y", "101y", ".5h", "3d4h"])
    func refusesBadDurations(text: String) {
        #expect(TimeSpan(parsing: text) == nil)
    }

    @Test("Spaces and tabs around a value are ignored as before, a line break is not", arguments: [
        (" 30d\t", 720.0 as Double?), ("\u{00A0}48 h\u{3000}", 48), ("\t+2h ", 2), ("30d\n", nil), ("\n2h", nil),
    ])
    func trimsSpaces(text: String, hours: Double?) {
        #expect(TimeSpan(parsing: text)?.hours == hours)
        #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces)[...])
        #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines)[...])
    }

    @Test("Twelve months and a year are the same span")
    func monthsAndYearsAgree() {
        #expect(TimeSpan(parsing: "12mo") == TimeSpan(parsing: "1y"))
        #expect(TimeSpan.months(12).spoken == "12 months")
        #expect(TimeSpan.days(94).spoken == "94 days")
        #expect(TimeSpan.hours(11 + 40.0 / 60).spoken == "11 h 40 min")
        #expect(TimeSpan.days(94).compact == "94d")
    }

    @Test("Dates parse strictly and know their weekday")
    func parsesDates() {
        #expect(CalendarDate(parsing: "2026-11-28")?.weekday == .saturday)
        #expect(CalendarDate(parsing: "2024-02-29") != nil)
        #expect(CalendarDate(parsing: "2025-02-29") == nil)
        #expect(CalendarDate(parsing: "2026-9-15") == nil)
        #expect(CalendarDate(parsing: "15/09/2026") == nil)
    }

    @Test("Adding months clamps to the end of the month")
    func addsMonths() {
        #expect(CalendarDate(parsing: "2026-01-31")!.adding(months: 1).description == "2026-02-28")
        #expect(CalendarDate(parsing: "2025-11-26")!.adding(.months(12)).description == "2026-11-26")
        #expect(CalendarDate(parsing: "2025-02-03")!.wholeMonths(until: CalendarDate(parsing: "2026-11-26")!) == 21)
    }

    @Test("Availability reads 24x7, ranges, lists and wrapping ranges")
    func parsesAvailability() throws {
        #expect(Availability(parsing: "24x7") == .aroundTheClock)
        guard case let .businessHours(days, opens, closes, zone) = try #require(Availability(parsing: "Mon-Fri 09:00-17:30 Europe/London")) else {
            Issue.record("expected business hours")
            return
        }
        #expect(days == [.monday, .tuesday, .wednesday, .thursday, .friday])
        #expect(opens.description == "09:00" && closes.description == "17:30" && zone == "Europe/London")
        guard case let .businessHours(wrapped, _, _, _) = try #require(Availability(parsing: "Sun-Thu 08:00-16:00 Asia/Dubai")) else { return }
        #expect(wrapped == [.sunday, .monday, .tuesday, .wednesday, .thursday])
    }

    @Test("Malformed availability is refused", arguments: [
        "weekdays", "Mon-Fri 09:00-17:30", "Mon-Fri 17:00-09:00 UTC", "Mon-Fri 09:00-17:30 Mars/Olympus", "Mon-Fry 09:00-17:00 UTC",
    ])
    func refusesBadAvailability(text: String) {
        #expect(Availability(parsing: text) == nil)
    }

    @Test("Discovery moments need a weekday, a time and a real zone")
    func parsesDiscovery() {
        #expect(WeeklyMoment(parsing: "Saturday 23:40 Europe/Berlin")?.description == "Saturday 23:40 Europe/Berlin")
        #expect(WeeklyMoment(parsing: "Saturday 25:40 UTC") == nil)
        #expect(WeeklyMoment(parsing: "Someday 10:00 UTC") == nil)
    }

    @Test("Untrusted text is neutralised for the terminal but keeps newlines")
    func neutralisesControls() {
        let hostile = "Acme\u{1B}[2J\u{1B}]0;pwned\u{07}\r\u{202E}evil\u{9B}\nnext"
        let safe = hostile.terminalSafe
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!safe.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B })
        #expect(safe.contains("\\u{1B}[2J"))
        #expect(safe.contains("\n"))
        #expect(!hostile.terminalSafeLine.contains("\n"))
    }
}
