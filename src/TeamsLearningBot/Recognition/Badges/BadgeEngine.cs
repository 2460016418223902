using Microsoft.Extensions.Options;
using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Turns learner events into badges, incrementally and exactly once, in the learner's partition of
/// table <c>Badges</c> (<see cref="BadgeLedger"/>): counts, event markers and award rows in one
/// transaction. The steps and their costs: docs/architecture.md, "Badges".
/// </summary>
public sealed partial class BadgeEngine(
    BadgeCatalogue catalogue,
    BadgeLedger ledger,
    BadgeOutbox outbox,
    BadgeTeamContextCache teams,
    LearnerIndex learners,
    BadgeNotifier notifier,
    LearnerLocks locks,
    IOptionsMonitor<BadgeOptions> options,
    TimeProvider time,
    ILogger<BadgeEngine> logger) : ILearnerEventSink
{
    private const int MaxEventsPerTransaction = 40;

    public Task RecordAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        return RecordAsync([learnerEvent], cancellationToken);
    }

    public async Task RecordAsync(IReadOnlyList<LearnerEvent> learnerEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvents);
        var counted = learnerEvents
            .Where(e => !string.IsNullOrEmpty(e.LearnerKey) && !string.IsNullOrEmpty(e.TeamId) && !string.IsNullOrEmpty(e.EventId))
            .Select(e => new Counted(e, catalogue.ListeningTo(e.Kind), BadgeLedger.MarkerRow(e.EventId)))
            .Where(c => c.Badges.Count > 0);
        // A transaction holds at most 100 rows: a marker per event, the counts, tallies and awards.
        foreach (var learner in counted.GroupBy(c => BadgeLedger.Partition(c.Event.TeamId, c.Event.LearnerKey), StringComparer.Ordinal)
            .SelectMany(g => g.Chunk(MaxEventsPerTransaction).Select(c => (g.Key, Events: c))))
        {
            var owner = Guid.NewGuid().ToString("N");
            IReadOnlyList<(LearnerEvent Event, BadgeAwardEntity Award)> toFinish;
            using (await locks.AcquireAsync(learner.Key, cancellationToken))
            {
                toFinish = await CountAsync(learner.Key, [.. learner.Events], owner, cancellationToken);
            }

            // Outside the lock: sending takes a while and the learner's next event need not wait for it.
            foreach (var group in toFinish.GroupBy(f => f.Event))
            {
                await notifier.FinishAsync(group.Key, [.. group.Select(f => f.Award)], owner, cancellationToken);
            }
        }
    }

    private async Task<IReadOnlyList<(LearnerEvent Event, BadgeAwardEntity Award)>> CountAsync(string partition, List<Counted> events, string owner, CancellationToken cancellationToken)
    {
        var context = events[0].Event;

        // The publisher indexed the learner in the team; when it added the row there, they have no counts here yet.
        var indexed = events.Any(c => c.Event.TeamIndexing != TeamIndexing.NotWritten);
        var guessNew = events.All(c => c.Event.TeamIndexing == TeamIndexing.Added);
        for (var attempt = 1; ; attempt++)
        {
            var tallyRows = events.Select(c => ReactionTallyRow(c.Event, c.Badges)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var snapshot = await ledger.ReadAsync(partition, tallyRows, cancellationToken, guessNew);
            var guessed = guessNew;
            guessNew = false;
            var pending = snapshot.Progress?.HasPending == true
                ? [.. (await ledger.ListPendingAwardsAsync(partition, cancellationToken)).Select(a => (context, a))]
                : new List<(LearnerEvent Event, BadgeAwardEntity Award)>();
            var first = events[0].Event;
            var progress = snapshot.Progress ?? LearnerProgress.New(partition, first);
            if (progress.IsNew && !indexed)
            {
                // Before the counts exist, so forget me and my badges always find them.
                await learners.AddTeamAsync(first.LearnerKey, first.TeamId, cancellationToken);
                indexed = true;
            }

            var team = await teams.GetAsync(first.TeamId, cancellationToken);
            var fresh = false;
            var tallies = tallyRows.ToDictionary(
                row => row,
                row => snapshot.Tallies.GetValueOrDefault(row) ?? new ReactionTallyEntity { PartitionKey = partition, RowKey = row },
                StringComparer.Ordinal);
            var awards = new List<(LearnerEvent Event, BadgeAwardEntity Award)>();
            foreach (var (e, badges, _) in events)
            {
                var tally = ReactionTallyRow(e, badges) is { } row ? tallies[row] : null;
                BadgeRules.Apply(e, progress, tally, team.Zone, badges);
                var due = BadgeRules.Due(badges, progress, team.Settings);
                if (due.Count > 0 && !fresh)
                {
                    team = await teams.GetFreshAsync(e.TeamId, cancellationToken);
                    fresh = true;
                    due = BadgeRules.Due(badges, progress, team.Settings);
                }

                foreach (var tier in due)
                {
                    awards.Add((e, NewAward(e, tier, partition, team, owner)));
                    progress.SetTiersAwarded(tier.Badge, tier.TierIndex + 1);
                }
            }

            progress.HasPending = awards.Count > 0 || pending.Count > 0;

            // Noted before the commit, so the sweeper finds the award even if this process dies right after it.
            var rows = awards.Select(a => a.Award).ToList();
            await outbox.AddAsync(rows, cancellationToken);
            var commit = await ledger.CommitAsync([.. events.Select(c => (c.MarkerRow, c.Event))], progress, tallies.Values, rows, cancellationToken);
            switch (commit.Outcome)
            {
                case LedgerOutcome.Committed:
                    foreach (var award in rows)
                    {
                        LogAwarded(logger, award.BadgeId, award.TierIndex);
                    }

                    return [.. pending, .. awards];
                case LedgerOutcome.AlreadyProcessed:
                    // Counted before (a redelivery), or meanwhile by a concurrent delivery: leave out
                    // what was counted. With nothing left, finish what the read found pending.
                    await LeaveOutCountedAsync(partition, events, commit.ProcessedMarker, cancellationToken);
                    if (events.Count == 0)
                    {
                        return pending;
                    }

                    break;
                default:
                    // A guess that the counts were new met a row (written before team rows were kept): read it, at once.
                    if (!guessed)
                    {
                        await BackOffAsync(attempt, cancellationToken);
                    }

                    break;
            }
        }
    }

    /// <summary>Drops the event whose marker the commit found, and any other whose marker exists too (they were counted together).</summary>
    private async Task LeaveOutCountedAsync(string partition, List<Counted> events, int found, CancellationToken cancellationToken)
    {
        LogRedelivered(logger, events[found].Event.Kind);
        events.RemoveAt(found);
        var counted = await Task.WhenAll(events.Select(c => ledger.HasMarkerAsync(partition, c.MarkerRow, cancellationToken)));
        for (var i = events.Count - 1; i >= 0; i--)
        {
            if (counted[i])
            {
                LogRedelivered(logger, events[i].Event.Kind);
                events.RemoveAt(i);
            }
        }
    }

    private BadgeAwardEntity NewAward(LearnerEvent e, DueTier due, string partition, BadgeTeamContext team, string owner)
    {
        var named = !e.Anonymous && e.Learner is not null;
        return new BadgeAwardEntity
        {
            PartitionKey = partition,
            RowKey = BadgeAwardEntity.Row(due.Badge.Id, due.TierIndex),
            BadgeId = due.Badge.Id,
            TierIndex = due.TierIndex,
            Tier = due.Badge.Tiers[due.TierIndex].Name,
            Count = due.Count,
            Threshold = due.Threshold,
            AwardedAt = time.GetUtcNow(),
            EventId = e.EventId,
            TenantId = e.TenantId,
            TeamId = e.TeamId,
            TeamName = team.TeamName,
            LearnerKey = e.LearnerKey,
            Anonymous = e.Anonymous,
            PlaceServiceUrl = e.Anonymous ? null : e.Place?.ServiceUrl,
            PlaceConversationId = e.Anonymous ? null : e.Place?.ConversationId,
            ServiceUrl = e.Place?.ServiceUrl ?? team.ServiceUrl,
            UserId = named ? e.Learner!.UserId : null,
            UserName = named ? e.Learner!.Name : null,
            LeaseOwner = owner,
            LeaseUntil = time.GetUtcNow() + options.CurrentValue.NotificationLease,
        };
    }

    private async Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        LogConflict(logger, attempt);

        // Other instances write the same learner: a short random pause lets one of them through.
        await ConflictBackoff.WaitAsync(attempt, "A learner's badge counts", cancellationToken);
    }

    /// <summary>The tally row of the reflection a reaction event is about, when one of its badges counts reactions.</summary>
    private static string? ReactionTallyRow(LearnerEvent e, IReadOnlyList<BadgeDefinition> badges) =>
        e.SubjectId is { Length: > 0 } subject && badges.Any(b => b.Criterion == BadgeCriterion.ReflectionsWithReactions)
            ? ReactionTallyEntity.Row(subject)
            : null;

    private sealed record Counted(LearnerEvent Event, IReadOnlyList<BadgeDefinition> Badges, string MarkerRow);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} counted before (a redelivery); nothing changes")]
    private static partial void LogRedelivered(ILogger logger, LearnerEventKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Badge {BadgeId} tier {TierIndex} awarded")]
    private static partial void LogAwarded(ILogger logger, string badgeId, int tierIndex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A learner's badge counts changed under a write (attempt {Attempt}); reading again")]
    private static partial void LogConflict(ILogger logger, int attempt);
}

/// <summary>One learner's partition at a time: fifty kudos for one person arrive at once.</summary>
public sealed class LearnerLocks(StorageHealth health) : PartitionLocks(health);
