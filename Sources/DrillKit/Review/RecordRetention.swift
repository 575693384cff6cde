/// How long drill keeps runs as evidence: the guide asks for at least the last 12 months of
/// records, so `drill prune` deletes younger runs only when forced.
public enum RecordRetention {
    /// Months a run is kept.
    public static let months = 12

    /// The first day whose runs are kept, judged on `today`: runs started before it may be pruned.
    public static func keptFrom(today: CalendarDate) -> CalendarDate {
        today.adding(months: -months)
    }
}
