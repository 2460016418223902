using System.Collections.Concurrent;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Whether a drop was cancelled or paused after an occurrence was queued, so its workers stop
/// posting it to the channels it has not reached yet. A worker asks before each post; the answer
/// is kept for <see cref="Freshness"/>, so a fan-out to a thousand channels reads the drop a
/// handful of times instead of a thousand, and a cancel takes effect within that time.
/// </summary>
public sealed class DropStopCheck(DropStore drops, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string TeamId, int Number), (DropStatus? Status, DateTimeOffset ReadAt)> seen = new();

    /// <summary>The drop's status when it no longer posts (paused, cancelled, deleted); null while it does.</summary>
    public async Task<DropStatus?> StoppedAsync(string teamId, int number, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!seen.TryGetValue((teamId, number), out var known) || now - known.ReadAt >= Freshness)
        {
            var drop = await drops.GetAsync(teamId, number, cancellationToken);
            known = (drop?.Status ?? DropStatus.Cancelled, now);
            seen[(teamId, number)] = known;
            Forget(now);
        }

        return known.Status is DropStatus.Paused or DropStatus.Cancelled ? known.Status : null;
    }

    private void Forget(DateTimeOffset now)
    {
        if (seen.Count < 1_000)
        {
            return;
        }

        foreach (var (key, value) in seen)
        {
            if (now - value.ReadAt >= Freshness)
            {
                seen.TryRemove(key, out _);
            }
        }
    }
}
