using System.Collections.Concurrent;
using TeamsLearningBot.Content;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Drops;

/// <summary>
/// The team rows and items one scheduler pass has read, so a team with many drops due at once is
/// read once, not once per drop. A pass lasts seconds; what it reads is as fresh as a claim needs
/// (the claim itself is conditional on the drop row, which is never kept).
/// </summary>
internal sealed class PassReads(TeamStore teams, ContentStore content)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TeamEntity?>>> teamRows = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string TeamId, int Number), Lazy<Task<ContentItem?>>> items = new();

    public Task<TeamEntity?> TeamAsync(string teamId, CancellationToken cancellationToken) =>
        Read(teamRows, teamId, () => teams.GetAsync(teamId, cancellationToken));

    public Task<ContentItem?> ItemAsync(string teamId, int number, CancellationToken cancellationToken) =>
        Read(items, (teamId, number), () => content.GetAsync(teamId, number, cancellationToken));

    private static Task<T> Read<TKey, T>(ConcurrentDictionary<TKey, Lazy<Task<T>>> reads, TKey key, Func<Task<T>> read)
        where TKey : notnull
    {
        var lazy = reads.GetOrAdd(key, _ => new Lazy<Task<T>>(read));
        var task = lazy.Value;

        // A failed read is not kept: the next drop of the team reads again.
        if (task.IsFaulted || task.IsCanceled)
        {
            reads.TryRemove(new KeyValuePair<TKey, Lazy<Task<T>>>(key, lazy));
        }

        return task;
    }
}
