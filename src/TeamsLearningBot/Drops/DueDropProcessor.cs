using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Content;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Turns due rows of the schedule index into queued jobs, claiming each occurrence on the drop row
/// (table <c>Drops</c>) so that any number of instances may run it at once.
/// The claim and the fan-out: docs/architecture.md, "Drops: exactly-once delivery".
/// </summary>
public sealed partial class DueDropProcessor(
    DropStore drops,
    DropScheduleIndex index,
    ContentStore content,
    TeamStore teams,
    DropJobMessages queue,
    WorkSignal<DropJobMessages> signal,
    IOptions<DropOptions> options,
    TimeProvider time,
    ILogger<DueDropProcessor> logger)
{
    private const int MaxParallelEnqueues = 16;

    // Drops due at the same minute are claimed side by side; each claim is a handful of round trips.
    private const int MaxParallelClaims = 16;

    /// <summary>One scheduler pass: everything due now, page by page. Returns how many due rows it looked at.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken) => (await RunPassAsync(cancellationToken)).Seen;

    /// <summary>One scheduler pass: how many due rows it looked at, and how many of them it finished (and removed).</summary>
    public async Task<(int Seen, int Finished)> RunPassAsync(CancellationToken cancellationToken)
    {
        var reads = new PassReads(teams, content);
        var seen = 0;
        var done = 0;
        await foreach (var page in index.ListDueAsync(time.GetUtcNow(), options.Value.SchedulerBatchSize, cancellationToken))
        {
            var order = page.ToArray();
            Random.Shared.Shuffle(order);
            var finished = new ConcurrentQueue<DueDrop>();
            await Parallel.ForEachAsync(
                order,
                new ParallelOptions { MaxDegreeOfParallelism = MaxParallelClaims, CancellationToken = cancellationToken },
                async (entry, token) =>
                {
                    try
                    {
                        if (await HandleAsync(entry, reads, token))
                        {
                            finished.Enqueue(entry);
                        }
                    }
                    catch (Exception e) when (!token.IsCancellationRequested)
                    {
                        // One broken drop must not hold up the others; its row stays and is tried next pass.
                        LogProcessFailed(logger, e, entry.Number);
                    }
                });

            await index.RemoveAsync(finished, cancellationToken);
            seen += page.Count;
            done += finished.Count;
        }

        return (seen, done);
    }

    /// <summary>How long the scheduler may sleep: until the next due row, at most <paramref name="longest"/>.</summary>
    public async Task<TimeSpan> UntilNextDueAsync(TimeSpan longest, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await index.NextDueAsync(now, now + longest, cancellationToken) is { } next && next - now < longest
            ? next - now
            : longest;
    }

    /// <summary>Claims and fans out one due row, finishes a fan-out a crash left behind, or drops a stale row.</summary>
    public async Task ProcessAsync(DueDrop entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (await HandleAsync(entry, new PassReads(teams, content), cancellationToken))
        {
            await index.RemoveAsync(entry.TeamId, entry.Number, entry.DueUtc, cancellationToken);
        }
    }

    /// <summary>Does what the due row calls for; true when the row has served and is to be removed.</summary>
    private async Task<bool> HandleAsync(DueDrop entry, PassReads reads, CancellationToken cancellationToken)
    {
        var drop = await drops.GetAsync(entry.TeamId, entry.Number, cancellationToken);
        if (drop is null)
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (drop.Occurrence is { FanOut: FanOutState.Pending } pending)
        {
            if (SameSecond(pending.IndexDueUtc, entry.DueUtc))
            {
                return await TakeOverFanOutAsync(drop, pending, now, reads, cancellationToken);
            }

            // Otherwise, if this is the next run's row, it waits until the pending fan-out is finished.
            return !SameSecond(drop.NextDueUtc, entry.DueUtc);
        }

        if (drop.Status == DropStatus.Active && SameSecond(drop.NextDueUtc, entry.DueUtc))
        {
            return await ClaimAsync(drop, entry, now, reads, cancellationToken);
        }

        // Paused, cancelled or rescheduled since the row was written.
        return true;
    }

    internal static bool SameSecond(DateTimeOffset? a, DateTimeOffset? b) =>
        a is { } x && b is { } y && DropOccurrence.IdFor(x) == DropOccurrence.IdFor(y);

    private async Task<bool> ClaimAsync(Drop drop, DueDrop entry, DateTimeOffset now, PassReads reads, CancellationToken cancellationToken)
    {
        var team = await reads.TeamAsync(drop.TeamId, cancellationToken);
        var zone = TimeZones.FindOrUtc(drop.TimeZone ?? team?.TimeZone);
        var (latest, count) = drop.Schedule.LatestDue(entry.DueUtc, now, zone);
        var next = drop.Schedule.NextAfter(now, zone);
        var (item, note) = team is { IsActive: true } ? await ChooseItemAsync(drop, reads, cancellationToken) : (null, Reasons.TeamGone);

        var occurrence = new DropOccurrence
        {
            Id = DropOccurrence.IdFor(latest),
            DueUtc = latest,
            IndexDueUtc = entry.DueUtc,
            Sequence = drop.OccurrenceCount + 1,
            ContentNumber = item?.Number,
            Prompt = item is null ? null : ChoosePrompt(drop, item),
            Channels = drop.Channels,
            Collapsed = count,
            Note = note,
            FanOut = item is null ? FanOutState.Skipped : FanOutState.Pending,
            ClaimedAt = now,
        };
        var claimed = drop with
        {
            NextDueUtc = next,
            Status = next is null ? DropStatus.Completed : drop.Status,
            OccurrenceCount = drop.OccurrenceCount + 1,
            SeriesPosted = drop.IsSeries && item is not null ? [.. drop.SeriesPosted, item.Number] : drop.SeriesPosted,
            Occurrence = occurrence,
        };

        // The next run's row goes in first: if the claim fails the row is stale and gets dropped, but a
        // claim that succeeded can never be left without its next row.
        if (next is { } nextDue)
        {
            await index.AddAsync(drop.TeamId, drop.Number, nextDue, cancellationToken);
        }

        var stored = await drops.TryReplaceAsync(claimed, cancellationToken);
        if (stored is null)
        {
            // Another instance claimed it: that one removes the row.
            LogClaimLost(logger, drop.Number);
            return false;
        }

        LogClaimed(logger, drop.Number, occurrence.Id, occurrence.Channels.Count, count - 1);
        if (occurrence.FanOut == FanOutState.Skipped)
        {
            return true;
        }

        await FanOutAsync(stored, occurrence, team, item, cancellationToken);
        return true;
    }

    private async Task<bool> TakeOverFanOutAsync(Drop drop, DropOccurrence pending, DateTimeOffset now, PassReads reads, CancellationToken cancellationToken)
    {
        if (now - pending.ClaimedAt < options.Value.FanOutLease)
        {
            return false;
        }

        var taken = await drops.TryReplaceAsync(drop with { Occurrence = pending with { ClaimedAt = now } }, cancellationToken);
        if (taken is null)
        {
            return false;
        }

        LogFanOutResumed(logger, drop.Number, pending.Id);
        var team = await reads.TeamAsync(drop.TeamId, cancellationToken);
        var item = await reads.ItemAsync(drop.TeamId, pending.ContentNumber!.Value, cancellationToken);
        await FanOutAsync(taken, taken.Occurrence!, team, item, cancellationToken);
        return true;
    }

    /// <summary>Queues one job per channel and marks the occurrence done; the caller removes the due row after.</summary>
    private async Task FanOutAsync(Drop drop, DropOccurrence occurrence, TeamEntity? team, ContentItem? item, CancellationToken cancellationToken)
    {
        if (team is not { IsActive: true } || item is null)
        {
            // Uninstalled or the item deleted since the claim: there is nothing left to post with.
            await MarkFanOutAsync(drop, occurrence, FanOutState.Skipped, team is not { IsActive: true } ? Reasons.TeamGone : Reasons.ItemGone(occurrence.ContentNumber ?? 0), cancellationToken);
            return;
        }

        await Parallel.ForEachAsync(
            occurrence.Channels,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelEnqueues, CancellationToken = cancellationToken },
            async (channel, token) => await queue.EnqueueAsync(
                new DropJob
                {
                    TeamId = drop.TeamId,
                    DropNumber = drop.Number,
                    OccurrenceId = occurrence.Id,
                    OccurrenceDueUtc = occurrence.DueUtc,
                    ChannelId = channel.Id,
                    ChannelName = channel.Name,
                    ContentNumber = item.Number,
                    Item = item,
                    ServiceUrl = team.ServiceUrl,
                    TenantId = team.TenantId,
                    BotId = team.BotId,
                    BotName = team.BotName,
                    Prompt = occurrence.Prompt,
                    Collapsed = occurrence.Collapsed,
                    Anonymous = ReflectionPostOpener.AllowsAnonymous(drop.Anonymous, team),
                },
                token));
        signal.Notify();

        await MarkFanOutAsync(drop, occurrence, FanOutState.Done, null, cancellationToken);
    }

    private async Task MarkFanOutAsync(Drop drop, DropOccurrence occurrence, FanOutState state, string? note, CancellationToken cancellationToken)
    {
        var current = drop;
        while (current?.Occurrence is { FanOut: FanOutState.Pending } pending && pending.Id == occurrence.Id)
        {
            if (await drops.TryReplaceAsync(current with { Occurrence = pending with { FanOut = state, Note = note ?? pending.Note } }, cancellationToken) is not null)
            {
                return;
            }

            // Changed meanwhile (a command paused it, say): mark it done on the fresh copy.
            current = await drops.GetAsync(drop.TeamId, drop.Number, cancellationToken);
        }
    }

    private async Task<(ContentItem? Item, string? Note)> ChooseItemAsync(Drop drop, PassReads reads, CancellationToken cancellationToken)
    {
        if (drop.Tag is { } tag)
        {
            var items = await content.ListAsync(drop.TeamId, tag, includeArchived: false, cancellationToken);
            var nextItem = items.FirstOrDefault(i => !drop.SeriesPosted.Contains(i.Number));
            return nextItem is null
                ? (null, $"The series ran out: every active item tagged \u2018{tag}\u2019 has been posted, so this occurrence was skipped. Add items with that tag to continue it.")
                : (nextItem, null);
        }

        var item = await reads.ItemAsync(drop.TeamId, drop.ContentNumber ?? 0, cancellationToken);
        return item is null or { Status: ContentStatus.Archived }
            ? (null, $"{drop.What} is no longer in the library (archived or removed), so this occurrence was skipped.")
            : (item, null);
    }

    // A recurring drop of one item asks a different one of its prompts each time.
    private static string? ChoosePrompt(Drop drop, ContentItem item)
    {
        if (item.Prompts.Count == 0)
        {
            return null;
        }

        var turn = drop.IsSeries ? 0 : drop.OccurrenceCount;
        return item.Prompts[turn % item.Prompts.Count];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop {DropNumber} occurrence {OccurrenceId} claimed for {ChannelCount} channels ({Missed} missed runs collapsed)")]
    private static partial void LogClaimed(ILogger logger, int dropNumber, string occurrenceId, int channelCount, int missed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Drop {DropNumber} was claimed by another instance")]
    private static partial void LogClaimLost(ILogger logger, int dropNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop {DropNumber} occurrence {OccurrenceId}: taking over an unfinished fan-out")]
    private static partial void LogFanOutResumed(ILogger logger, int dropNumber, string occurrenceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Drop {DropNumber}: processing its due row failed; it is retried on the next pass")]
    private static partial void LogProcessFailed(ILogger logger, Exception exception, int dropNumber);
}
