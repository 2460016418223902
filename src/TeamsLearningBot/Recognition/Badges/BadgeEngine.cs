using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Turns learner events into badges, incrementally and exactly once. Per event it touches one
/// partition — the learner's in the team (<see cref="BadgeLedger"/>) — and only the badges the
/// event's kind can change:
/// <list type="number">
/// <item>one query reads the learner's counts, the event's marker (present = counted before) and,
/// for a reaction, the reflection's tally;</item>
/// <item>the counts change in memory (<see cref="BadgeRules"/>) and due tiers are found with the
/// team's settings as this instance last read them; only if something looks due are the settings
/// read fresh and the due tiers decided again, so a disabled badge or a raised threshold is never
/// overtaken by a stale copy;</item>
/// <item>one entity-group transaction adds the marker, replaces the counts under their ETag and
/// adds the award rows. A conflict (another event of this learner won) reads again and retries;
/// a marker that exists means a redelivery, which changes nothing.</item>
/// </list>
/// Storage cost: 2 table transactions for an event that awards nothing (the read and the commit);
/// the learner's first event in a team adds 1 (the team index row), an award adds 2 (the fresh
/// settings read, the outbox row) plus its notifications (<see cref="BadgeNotifier"/>: about 7),
/// and the event after an award adds 1 (it looks for notifications left pending).
/// <para>
/// Counting goes on while a badge is turned off in a team, so turning it back on shows true
/// progress; it is only never awarded while off. Awards are never revoked.
/// </para>
/// </summary>
public sealed partial class BadgeEngine(
    BadgeCatalogue catalogue,
    BadgeLedger ledger,
    BadgeOutbox outbox,
    BadgeTeamContexts teams,
    BadgeLearnerStore learners,
    BadgeNotifier notifier,
    LearnerLocks locks,
    IOptionsMonitor<BadgeOptions> options,
    TimeProvider time,
    ILogger<BadgeEngine> logger) : ILearnerEventSink
{
    private const int MaxAttempts = 100;

    public async Task RecordAsync(LearnerEvent learnerEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        var e = learnerEvent;
        var badges = catalogue.ListeningTo(e.Kind);
        if (badges.Count == 0 || string.IsNullOrEmpty(e.LearnerKey) || string.IsNullOrEmpty(e.TeamId) || string.IsNullOrEmpty(e.EventId))
        {
            return;
        }

        var partition = BadgeLedger.Partition(e.TeamId, e.LearnerKey);
        var marker = BadgeLedger.MarkerRow(e.EventId);
        var tallyRow = e.SubjectId is { Length: > 0 } subject && badges.Any(b => b.Criterion == BadgeCriterion.ReflectionsWithReactions)
            ? ReactionTallyEntity.Row(subject)
            : null;
        var owner = Guid.NewGuid().ToString("N");
        IReadOnlyList<BadgeAwardEntity> toFinish;
        using (await locks.AcquireAsync(partition, cancellationToken))
        {
            toFinish = await CountAsync(e, badges, partition, marker, tallyRow, owner, cancellationToken);
        }

        // Outside the lock: sending takes a while and the learner's next event need not wait for it.
        await notifier.FinishAsync(e, toFinish, owner, cancellationToken);
    }

    private async Task<IReadOnlyList<BadgeAwardEntity>> CountAsync(
        LearnerEvent e,
        IReadOnlyList<BadgeDefinition> badges,
        string partition,
        string marker,
        string? tallyRow,
        string owner,
        CancellationToken cancellationToken)
    {
        var indexed = false;
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await ledger.ReadAsync(partition, marker, tallyRow, cancellationToken);
            var pending = snapshot.Progress?.HasPending == true
                ? await ledger.ListPendingAwardsAsync(partition, cancellationToken)
                : [];
            if (snapshot.Processed)
            {
                LogRedelivered(logger, e.Kind);
                return pending;
            }

            var progress = snapshot.Progress ?? LearnerProgress.New(partition, e);
            if (progress.IsNew && !indexed)
            {
                // Before the counts exist, so forget me and my badges always find them.
                await learners.AddTeamAsync(e.LearnerKey, e.TeamId, cancellationToken);
                indexed = true;
            }

            var team = await teams.GetAsync(e.TeamId, cancellationToken);
            var tally = tallyRow is null ? null : snapshot.Tally ?? new ReactionTallyEntity { PartitionKey = partition, RowKey = tallyRow };
            BadgeRules.Apply(e, progress, tally, team.Zone, badges);
            var due = BadgeRules.Due(badges, progress, team.Settings);
            if (due.Count > 0)
            {
                team = await teams.GetFreshAsync(e.TeamId, cancellationToken);
                due = BadgeRules.Due(badges, progress, team.Settings);
            }

            var awards = due.Select(d => NewAward(e, d, partition, team, owner)).ToList();
            foreach (var tier in due)
            {
                progress.SetTiersAwarded(tier.Badge, tier.TierIndex + 1);
            }

            progress.HasPending = awards.Count > 0 || pending.Count > 0;

            // Noted before the commit, so the sweeper finds the award even if this process dies right after it.
            await outbox.AddAsync(awards, cancellationToken);
            switch (await ledger.CommitAsync(marker, e, progress, tally, awards, cancellationToken))
            {
                case LedgerOutcome.Committed:
                    foreach (var award in awards)
                    {
                        LogAwarded(logger, award.BadgeId, award.TierIndex);
                    }

                    return [.. pending, .. awards];
                case LedgerOutcome.AlreadyProcessed:
                    // Counted meanwhile by a concurrent delivery: read again, which takes the redelivery path.
                    break;
                default:
                    await BackOffAsync(attempt, cancellationToken);
                    break;
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
        if (attempt >= MaxAttempts)
        {
            throw new InvalidOperationException($"A learner's badge counts kept changing; gave up after {MaxAttempts} attempts.");
        }

        LogConflict(logger, attempt);

        // Other instances write the same learner: a short random pause lets one of them through.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + (Math.Min(attempt, 10) * 5))), time, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Kind} counted before (a redelivery); nothing changes")]
    private static partial void LogRedelivered(ILogger logger, LearnerEventKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Badge {BadgeId} tier {TierIndex} awarded")]
    private static partial void LogAwarded(ILogger logger, string badgeId, int tierIndex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A learner's badge counts changed under a write (attempt {Attempt}); reading again")]
    private static partial void LogConflict(ILogger logger, int attempt);
}
