namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// One learner event as the ledger stores it: the points it moves on the learner's day, and the
/// weekly-post row it adds (if any), both under the team's local <see cref="Day"/>.
/// </summary>
public sealed record ContributionFact
{
    public required string TeamId { get; init; }

    public required string EventId { get; init; }

    public required string LearnerKey { get; init; }

    public string? Name { get; init; }

    public required DateOnly Day { get; init; }

    public required DateTimeOffset At { get; init; }

    public int Points { get; init; }

    /// <summary>A row for the weekly post; its key is completed by the store.</summary>
    public WeekFactEntity? WeekFact { get; init; }

    /// <summary>The <see cref="WeekFactEntity"/> row prefix of <see cref="WeekFact"/>.</summary>
    public string? WeekFactPrefix { get; init; }

    /// <summary>The event's <see cref="Events.LearnerEvent.TeamIndexing"/>.</summary>
    public Learners.TeamIndexing TeamIndexing { get; init; }
}
