using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Drops;

/// <summary>
/// What facilitators do to drops: create, run now, pause, resume, cancel, follow a new team time
/// zone. Each change is a conditional update retried on conflict, and keeps the schedule index in
/// step: a row is added before the drop points at it and removed after the drop stops pointing at
/// it, so the index never misses a planned run (a stale row is skipped and dropped by the scheduler).
/// </summary>
public sealed class DropPlanner(DropStore drops, DropScheduleIndex index, DueDropProcessor processor, TeamStore teams, DropScheduleSignal signal, TimeProvider time)
{
    /// <summary>
    /// Stores a new drop (its number is assigned here) with its first run at <paramref name="firstDueUtc"/>.
    /// A command delivered twice (same <see cref="Drop.RequestId"/>) gets the drop the first delivery made.
    /// </summary>
    public async Task<Drop> CreateAsync(Drop draft, DateTimeOffset firstDueUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var number = await drops.ReserveNumberAsync(draft.TeamId, draft.RequestId, cancellationToken);
        if (draft.RequestId is not null && await drops.GetAsync(draft.TeamId, number, cancellationToken) is { } existing)
        {
            return existing;
        }

        await index.AddAsync(draft.TeamId, number, firstDueUtc, cancellationToken);
        var created = await drops.AddAsync(draft with { Number = number, NextDueUtc = firstDueUtc, Status = DropStatus.Active }, cancellationToken);
        signal.Planned(firstDueUtc);
        return created;
    }

    /// <summary>
    /// Creates a one-off due now and claims it straight away, so the posts leave at once. Should the
    /// claim fail here, the scheduler finds the due row on its next pass.
    /// </summary>
    public async Task<Drop> RunNowAsync(Drop draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var now = time.GetUtcNow();
        var due = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var created = await CreateAsync(draft with { Schedule = DropSchedule.Once(due, "now") }, due, cancellationToken);
        await processor.ProcessAsync(new DueDrop(created.TeamId, created.Number, due), cancellationToken);
        return await drops.GetAsync(created.TeamId, created.Number, cancellationToken) ?? created;
    }

    public Task<DropUpdate> CancelAsync(string teamId, int number, CancellationToken cancellationToken) =>
        StopAsync(teamId, number, DropStatus.Cancelled, d => d.Status is DropStatus.Active or DropStatus.Paused, cancellationToken);

    public Task<DropUpdate> PauseAsync(string teamId, int number, CancellationToken cancellationToken) =>
        StopAsync(teamId, number, DropStatus.Paused, d => d.Status is DropStatus.Active, cancellationToken);

    /// <summary>
    /// Resumes a paused drop from now on: the next run is the first one after now, so nothing
    /// missed while paused is posted. A one-off whose time passed while paused stays paused.
    /// </summary>
    public async Task<DropUpdate> ResumeAsync(string teamId, int number, CancellationToken cancellationToken)
    {
        var zone = await TeamZoneAsync(teamId, cancellationToken);
        var update = await UpdateAsync(
            teamId,
            number,
            async drop =>
            {
                var next = drop.Status == DropStatus.Paused ? drop.Schedule.NextAfter(time.GetUtcNow(), drop.TimeZone is null ? zone : TimeZones.FindOrUtc(drop.TimeZone)) : null;
                if (next is not { } due)
                {
                    return null;
                }

                await index.AddAsync(teamId, number, due, cancellationToken);
                return drop with { Status = DropStatus.Active, NextDueUtc = due };
            },
            cancellationToken);
        if (update is { Changed: true, Drop.NextDueUtc: { } resumed })
        {
            signal.Planned(resumed);
        }

        return update;
    }

    /// <summary>Moves the next run of every active recurring drop that follows the team's zone onto <paramref name="zone"/>.</summary>
    public async Task<IReadOnlyList<Drop>> FollowTeamZoneAsync(string teamId, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var moved = new List<Drop>();
        foreach (var candidate in await drops.ListAsync(teamId, cancellationToken))
        {
            if (candidate is not { Status: DropStatus.Active, TimeZone: null, Schedule.IsRecurring: true })
            {
                continue;
            }

            DateTimeOffset? previous = null;
            var update = await UpdateAsync(
                teamId,
                candidate.Number,
                async drop =>
                {
                    var next = drop is { Status: DropStatus.Active, TimeZone: null } ? drop.Schedule.NextAfter(time.GetUtcNow(), zone) : null;
                    if (next is not { } due || DueDropProcessor.SameSecond(due, drop.NextDueUtc))
                    {
                        return null;
                    }

                    previous = drop.NextDueUtc;
                    await index.AddAsync(teamId, drop.Number, due, cancellationToken);
                    return drop with { NextDueUtc = due };
                },
                cancellationToken);
            if (update is { Changed: true, Drop: { } changed })
            {
                await RemoveIndexAsync(teamId, changed.Number, previous, changed.Occurrence, cancellationToken);
                if (changed.NextDueUtc is { } due)
                {
                    signal.Planned(due);
                }

                moved.Add(changed);
            }
        }

        return moved;
    }

    public async Task<TimeZoneInfo> TeamZoneAsync(string teamId, CancellationToken cancellationToken) =>
        TimeZones.FindOrUtc((await teams.GetAsync(teamId, cancellationToken))?.TimeZone);

    private async Task<DropUpdate> StopAsync(string teamId, int number, DropStatus status, Func<Drop, bool> allowed, CancellationToken cancellationToken)
    {
        DateTimeOffset? previous = null;
        var update = await UpdateAsync(
            teamId,
            number,
            drop =>
            {
                if (!allowed(drop))
                {
                    return Task.FromResult<Drop?>(null);
                }

                previous = drop.NextDueUtc;
                return Task.FromResult<Drop?>(drop with { Status = status, NextDueUtc = null });
            },
            cancellationToken);
        if (update is { Changed: true, Drop: { } stopped })
        {
            await RemoveIndexAsync(teamId, number, previous, stopped.Occurrence, cancellationToken);
        }

        return update;
    }

    // The row of a run that is no longer planned. Not the row of a fan-out still pending: that one
    // is how a crashed fan-out gets finished.
    private async Task RemoveIndexAsync(string teamId, int number, DateTimeOffset? due, DropOccurrence? occurrence, CancellationToken cancellationToken)
    {
        if (due is { } row && !(occurrence is { FanOut: FanOutState.Pending } pending && DueDropProcessor.SameSecond(pending.IndexDueUtc, row)))
        {
            await index.RemoveAsync(teamId, number, row, cancellationToken);
        }
    }

    private async Task<DropUpdate> UpdateAsync(string teamId, int number, Func<Drop, Task<Drop?>> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await drops.GetAsync(teamId, number, cancellationToken);
            if (current is null)
            {
                return new DropUpdate(null, Changed: false);
            }

            var next = await change(current);
            if (next is null)
            {
                return new DropUpdate(current, Changed: false);
            }

            if (await drops.TryReplaceAsync(next, cancellationToken) is { } stored)
            {
                return new DropUpdate(stored, Changed: true);
            }

            // A scheduler claimed it or another command changed it meanwhile: decide again on fresh data.
        }
    }
}

/// <summary>The outcome of a change to a drop: the drop as it now stands (null: no such drop) and whether it changed.</summary>
public sealed record DropUpdate(Drop? Drop, bool Changed);
