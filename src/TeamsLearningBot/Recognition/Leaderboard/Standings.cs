namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Who contributed most over a period, from the ledger's day totals: positive totals only, the
/// highest first, never more than asked for. Nobody with nothing appears, and nobody is ranked
/// below the top.
/// </summary>
public sealed class Standings(ContributionStore store)
{
    public const string Unnamed = "A teammate";

    public async Task<IReadOnlyList<Contributor>> TopAsync(string teamId, DateOnly first, DateOnly last, int max, CancellationToken cancellationToken)
    {
        var days = await store.ListDayTotalsAsync(teamId, first, last, cancellationToken);
        return
        [
            .. days
                .GroupBy(d => d.LearnerKey, StringComparer.Ordinal)
                .Select(g => new Contributor(
                    g.Key,
                    g.OrderByDescending(d => d.Day, StringComparer.Ordinal).ThenByDescending(d => d.Timestamp).Select(d => d.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? Unnamed,
                    g.Sum(d => d.Points)))
                .Where(c => c.Points > 0)
                .OrderByDescending(c => c.Points)
                .ThenBy(c => c.Name, StringComparer.CurrentCulture)
                .Take(max),
        ];
    }
}

/// <summary>A learner's points over a period, with the name their events carried.</summary>
public sealed record Contributor(string LearnerKey, string Name, int Points);
