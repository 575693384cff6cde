extension ScorePoint {
    /// The points of a team's score chart: its finished team drills, in the order given.
    /// Onboarding runs are one person learning, not the team's preparedness, and an unfinished
    /// run has no score yet: both are left out.
    public static func history(_ runs: [RunHeader]) -> [ScorePoint] {
        runs.filter { $0.status == .finished && $0.mode == DrillSession.Mode.drill.rawValue }.compactMap(ScorePoint.init)
    }
}
