using Microsoft.Extensions.Options;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Deletes reflections older than <see cref="PrivacyOptions.RetentionDays"/>. The day index names
/// the cards posted on each day, so a pass reads only the days that have expired: a card whose
/// reflections are all gone leaves the index (with its ratings and learner pointers); one that
/// still has newer reflections moves to the day of its oldest remaining one. The totals stay, as
/// anonymous numbers.
/// </summary>
public sealed partial class ReflectionPurge(
    ReflectionIndex index,
    ReflectionStore store,
    PostLocks locks,
    IOptions<PrivacyOptions> privacy,
    IOptions<ReflectionOptions> options,
    TimeProvider time,
    ILogger<ReflectionPurge> logger) : IRetentionPurge
{
    private const int CardsPerPass = 500;

    public bool Enabled => options.Value.RetentionEnabled;

    public TimeSpan Interval => options.Value.RetentionInterval;

    /// <summary>One pass; returns the number of reflections deleted.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(privacy.Value.RetentionDays);

        // The cutoff's own day too: reflections earlier that day have expired.
        var days = await index.ListDaysBeforeAsync(cutoff.AddDays(1), CardsPerPass, cancellationToken);
        var purged = 0;
        foreach (var day in days)
        {
            var expired = await store.ListReflectionsAsync(day.Post, cutoff, cancellationToken);
            await store.DeleteRowsAsync(expired, cancellationToken);
            purged += expired.Count;

            var remaining = await store.ListReflectionsAsync(day.Post, null, cancellationToken);
            if (remaining.Count > 0)
            {
                var oldest = remaining.Min(r => r.CreatedAt);
                if (ReflectionIndex.DayPartition(oldest) != day.PartitionKey)
                {
                    await index.MoveDayAsync(day, oldest, cancellationToken);
                }

                continue;
            }

            var participants = await store.ListParticipantsAsync(day.Post, cancellationToken);
            foreach (var participant in participants)
            {
                await index.RemoveLearnerEntryAsync(participant.LearnerKey, day.Post, cancellationToken);
            }

            using (await locks.AcquireAsync(day.Post, cancellationToken))
            {
                await store.DeleteParticipantsAsync(day.Post, participants, cancellationToken);
            }

            await index.RemoveAsync(day, cancellationToken);
        }

        if (purged > 0)
        {
            LogPurged(logger, purged, days.Count);
        }

        return purged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Count} reflections from {Cards} cards")]
    private static partial void LogPurged(ILogger logger, int count, int cards);
}
