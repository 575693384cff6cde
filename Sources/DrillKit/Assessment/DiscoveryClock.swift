import Foundation

/// Turns the simulated clock (hours after discovery) into moments in real time zones, so that
/// business hours can be judged. Discovery is placed on the first matching weekday on or
/// after the assessment date, which keeps daylight-saving offsets close to the season of use.
struct DiscoveryClock {
    /// Seconds since 1970 (UTC) at discovery.
    let discovery: Int

    init(_ moment: WeeklyMoment, onOrAfter date: CalendarDate) {
        var day = date
        while day.weekday != moment.weekday { day = day.adding(days: 1) }
        let local = day.daysSinceEpoch * 86_400 + moment.time.minutes * 60
        discovery = Self.utc(fromLocal: local, zone: moment.timeZone)
    }

    /// Seconds since 1970 (UTC) at an offset after discovery.
    func instant(at offset: TimeSpan) -> Int { discovery + Int((offset.hours * 3600).rounded()) }

    /// Hours after discovery of an instant.
    func offset(of instant: Int) -> TimeSpan { TimeSpan(hours: Double(instant - discovery) / 3600) }

    /// The first instant at or after `instant` when a contact with this availability answers.
    func nextAvailable(_ availability: Availability, from instant: Int) -> Int {
        guard case let .businessHours(days, opens, closes, zone) = availability else { return instant }
        let localDay = Self.floorDiv(instant + Self.offset(zone, at: instant), 86_400)
        for dayOffset in 0...8 {
            let day = CalendarDate(daysSinceEpoch: localDay + dayOffset)
            guard days.contains(day.weekday) else { continue }
            let open = Self.utc(fromLocal: day.daysSinceEpoch * 86_400 + opens.minutes * 60, zone: zone)
            let close = Self.utc(fromLocal: day.daysSinceEpoch * 86_400 + closes.minutes * 60, zone: zone)
            if instant < close { return max(instant, open) }
        }
        return instant
    }

    /// `Monday 09:00` in the given zone.
    func describe(_ instant: Int, in zone: String) -> String {
        let local = instant + Self.offset(zone, at: instant)
        let day = CalendarDate(daysSinceEpoch: Self.floorDiv(local, 86_400))
        let minutes = (local - Self.floorDiv(local, 86_400) * 86_400) / 60
        return "\(day.weekday.name) \(TimeOfDay(minutes: minutes).map(\.description) ?? "")"
    }

    private static func offset(_ zone: String, at instant: Int) -> Int {
        TimeZone(identifier: zone)?.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))) ?? 0
    }

    private static func utc(fromLocal local: Int, zone: String) -> Int {
        // Two passes settle the offset across a daylight-saving change.
        let guess = local - offset(zone, at: local)
        return local - offset(zone, at: guess)
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
