using TeamsLearningBot.Events;

namespace TeamsLearningBot.Insights;

/// <summary>
/// A book kept beside insights in a team's partition of table <c>Insights</c> (the leaderboard's
/// day rows and weekly-post facts). <see cref="InsightsSink"/> commits its rows for a learner's
/// events in the same transaction as insights' own, under one marker per event: an occurrence
/// costs both books one transaction, and a redelivery finds the marker and changes neither.
/// </summary>
public interface ITeamPartitionBook
{
    /// <summary>
    /// This book's part in events of one learner in one team (before the commit: what it needs to
    /// know is looked up here), or null when it counts none of them.
    /// </summary>
    Task<TeamBookPart?> PrepareAsync(IReadOnlyList<LearnerEvent> learnerEvents, CancellationToken cancellationToken);
}

/// <summary>
/// A book's part in a commit: the events it counts, its row changes for those of them still to
/// count (called again with fewer when some were counted before, and again on a conflict), and
/// what to do once the commit counted any.
/// </summary>
public sealed record TeamBookPart(
    IReadOnlySet<string> EventIds,
    Func<IReadOnlySet<string>, IReadOnlyList<RowChange>> Build,
    Func<CancellationToken, Task>? Counted = null);
