namespace TeamsLearningBot.Insights;

/// <summary>
/// Participation over a period: <see cref="Regular"/> (contributed in at least half of the weeks
/// with a drop, and at least 2), <see cref="Occasional"/> (at least once), <see cref="NotYet"/>
/// (members who never contributed). <see cref="Members"/> is the roster the tiers divide.
/// Anonymous contributions count and are never named.
/// </summary>
public sealed record ParticipationReport(
    int Members,
    bool RosterKnown,
    int DropWeeks,
    int RegularWeeksNeeded,
    ParticipationTier Regular,
    ParticipationTier Occasional,
    ParticipationTier NotYet)
{
    public const double RegularBenchmark = 20;
    public const double NotYetBenchmark = 18;
    public const double OccasionalBenchmark = 100 - RegularBenchmark - NotYetBenchmark;

    public IReadOnlyList<ParticipationTier> Tiers => [Regular, Occasional, NotYet];
}
