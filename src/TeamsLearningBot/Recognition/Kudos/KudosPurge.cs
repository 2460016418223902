using Microsoft.Extensions.Options;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// Deletes kudos older than <see cref="PrivacyOptions.RetentionDays"/>, as reflections are. The day
/// index names the kudos given on each day, so a pass reads only the days that have expired. The
/// kudos row goes first and its index rows after it, so an interrupted pass leaves only pointers
/// to nothing, which the next pass (or <c>forget me</c>) clears. The cards stay in Teams as posted
/// messages; what the kudos added to badges stays, as counts.
/// </summary>
public sealed partial class KudosPurge(
    KudosStore store,
    IOptions<PrivacyOptions> privacy,
    IOptions<KudosOptions> options,
    TimeProvider time,
    ILogger<KudosPurge> logger) : IRetentionPurge
{
    private const int RowsPerPass = 500;

    public bool Enabled => options.Value.KudosRetentionEnabled;

    public TimeSpan Interval => options.Value.KudosRetentionInterval;

    /// <summary>One pass; returns the number of kudos deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(privacy.Value.RetentionDays);

        // The cutoff's own day too: kudos earlier that day have expired.
        var days = await store.ListDaysBeforeAsync(cutoff.AddDays(1), RowsPerPass, cancellationToken);
        var purged = 0;
        foreach (var day in days)
        {
            var kudos = await store.GetAsync(day.GiverKey, day.ActivityId, cancellationToken);
            if (kudos is null)
            {
                await store.DeleteRowsAsync([day], cancellationToken);
                continue;
            }

            if (kudos.CreatedAt >= cutoff)
            {
                continue;
            }

            await store.DeleteRowsAsync([kudos], cancellationToken);
            await store.DeleteRowsAsync([.. KudosStore.IndexRows(kudos), day], cancellationToken);
            purged++;
        }

        if (purged > 0)
        {
            LogPurged(logger, purged);
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Count} kudos")]
    private static partial void LogPurged(ILogger logger, int count);
}
