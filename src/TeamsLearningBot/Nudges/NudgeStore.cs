using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// Table <c>Nudges</c>:
/// <list type="bullet">
/// <item>partition <c>u|{learner key}</c>: the learner's <see cref="LearnerNudgeState"/> and a
/// <see cref="NudgeRecord"/> per nudge, so the weekly cap and the exactly-once claim are one
/// entity-group transaction, and <c>forget me</c> deletes one partition;</item>
/// <item>partition <c>t|{team}</c>: row <c>settings</c> (nudges on or off) and the team's log, a row
/// <c>n|{week}|{learner key}|{drop}|{occurrence}</c> per nudge sent with whether the person
/// contributed within <see cref="NudgeOptions.AnsweredWithinDays"/> — counted, never listed;</item>
/// <item>partition <c>plans</c>: the <see cref="NudgePlan"/>s, keyed by due time.</item>
/// </list>
/// </summary>
public sealed class NudgeStore(StorageTables tables)
{
    public const string TableName = "Nudges";
    public const string LogPrefix = "n|";
    private const string SettingsRow = "settings";

    public static string LearnerPartition(string learnerKey) => "u|" + TableKeys.Encode(learnerKey);

    public static string TeamPartition(string teamId) => "t|" + TableKeys.Encode(teamId);

    public static string LogRowFor(int week, string learnerKey, int dropNumber, string occurrenceId) =>
        LogPrefix + InsightsWeeks.Key(week) + "|" + TableKeys.Encode(learnerKey) + "|" + dropNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + TableKeys.Encode(occurrenceId);

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    public async Task<LearnerNudgeState?> GetStateAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<LearnerNudgeState>(LearnerPartition(learnerKey), LearnerNudgeState.Row, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    public async Task<NudgeRecord?> GetRecordAsync(string learnerKey, string rowKey, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<NudgeRecord>(LearnerPartition(learnerKey), rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// Adds the nudge's record and writes the learner's state in one transaction, conditional on
    /// the state read (<paramref name="current"/>'s ETag; added when there was none).
    /// </summary>
    public async Task<ReserveResult> TryReserveAsync(LearnerNudgeState? current, LearnerNudgeState next, NudgeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(record);
        var table = await TableAsync(cancellationToken);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, record),
            current is null
                ? new(TableTransactionActionType.Add, next)
                : new(TableTransactionActionType.UpdateReplace, next, current.ETag),
        ];
        try
        {
            var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
            record.ETag = responses[0].Headers.ETag ?? record.ETag;
            next.ETag = responses[1].Headers.ETag ?? next.ETag;
            return ReserveResult.Reserved;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 0)
        {
            return ReserveResult.AlreadyClaimed;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return ReserveResult.StateChanged;
        }
    }

    /// <summary>Replaces a record if it is unchanged since read; false when someone else changed it first.</summary>
    public async Task<bool> TryUpdateRecordAsync(NudgeRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = await TableAsync(cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken);
            record.ETag = response.Headers.ETag ?? record.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads, changes and writes the learner's state until the write holds; <paramref name="change"/>
    /// returns false to leave it as it is. A learner without state starts from an empty one.
    /// </summary>
    public async Task<LearnerNudgeState> ChangeStateAsync(string learnerKey, Func<LearnerNudgeState, bool> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var table = await TableAsync(cancellationToken);
        var partition = LearnerPartition(learnerKey);
        for (var attempt = 1; ; attempt++)
        {
            var read = await table.GetEntityIfExistsAsync<LearnerNudgeState>(partition, LearnerNudgeState.Row, cancellationToken: cancellationToken);
            var state = read.HasValue ? read.Value! : new LearnerNudgeState { PartitionKey = partition };
            if (!change(state))
            {
                return state;
            }

            try
            {
                var response = read.HasValue
                    ? await table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await table.AddEntityAsync(state, cancellationToken);
                state.ETag = response.Headers.ETag ?? state.ETag;
                return state;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                await ConflictBackoff.WaitAsync(attempt, "A learner's nudge state", cancellationToken, e);
            }
        }
    }

    /// <summary>Notes the zone the learner's Teams client reported (a merge: nothing else changes).</summary>
    public async Task SetTimeZoneAsync(string learnerKey, string timeZone, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(LearnerPartition(learnerKey), LearnerNudgeState.Row) { [nameof(LearnerNudgeState.TimeZone)] = timeZone },
            TableUpdateMode.Merge,
            cancellationToken);
    }

    public async Task<bool> IsTeamEnabledAsync(string teamId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TeamPartition(teamId), SettingsRow, cancellationToken: cancellationToken);
        return !row.HasValue || row.Value!.GetBoolean("Enabled") != false;
    }

    public async Task SetTeamEnabledAsync(string teamId, bool enabled, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(TeamPartition(teamId), SettingsRow) { ["TeamId"] = teamId, ["Enabled"] = enabled, ["ChangedAt"] = at },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>Notes a sent nudge in the team's log. Idempotent.</summary>
    public async Task LogSentAsync(string teamId, string logRow, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(TeamPartition(teamId), logRow) { ["SentAt"] = sentAt }, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Notes that the person contributed soon after the nudge. Idempotent; a row gone (erased) stays gone.</summary>
    public async Task MarkAnsweredAsync(string teamId, string logRow, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(TeamPartition(teamId), logRow) { ["AnsweredAt"] = at }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Erased by forget me meanwhile.
        }
    }

    /// <summary>The team's log from <paramref name="firstWeek"/> on: one row per nudge sent, bounded by the weekly cap.</summary>
    public async Task<List<TableEntity>> LogSinceAsync(string teamId, int firstWeek, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var partition = TeamPartition(teamId);
        var from = LogPrefix + InsightsWeeks.Key(firstWeek);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {"n}"}");
        return await table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "SentAt", "AnsweredAt"], cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    /// <summary>Adds a plan; false when the occurrence has one already (another channel's post came first).</summary>
    public async Task<bool> AddPlanAsync(NudgePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var table = await TableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(plan, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Plans due by <paramref name="now"/>, oldest first.</summary>
    public async Task<List<NudgePlan>> DuePlansAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var upper = NudgePlan.DueKey(now) + "}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {NudgePlan.Partition} and RowKey lt {upper}");
        return await table.QueryAsync<NudgePlan>(filter, maxPerPage: max, cancellationToken: cancellationToken).Take(max).ToListAsync(cancellationToken);
    }

    /// <summary>Takes a plan for a fan-out until <paramref name="leaseUntil"/>; false when another planner holds it or took it first.</summary>
    public async Task<bool> TryLeasePlanAsync(NudgePlan plan, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.LeaseUntil > now)
        {
            return false;
        }

        var table = await TableAsync(cancellationToken);
        plan.LeaseUntil = leaseUntil;
        try
        {
            var response = await table.UpdateEntityAsync(plan, plan.ETag, TableUpdateMode.Replace, cancellationToken);
            plan.ETag = response.Headers.ETag ?? plan.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    public async Task DeletePlanAsync(NudgePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var table = await TableAsync(cancellationToken);
        try
        {
            await table.DeleteEntityAsync(plan.PartitionKey, plan.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Done by another planner whose lease had run out.
        }
    }

    /// <summary>Every row of the learner's partition (their state and nudge records).</summary>
    public async Task<List<TableEntity>> LearnerRowsAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var partition = LearnerPartition(learnerKey);
        return await table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    public async Task DeleteAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        try
        {
            await table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Gone already.
        }
    }
}

/// <summary>How a reservation of a nudge went.</summary>
public enum ReserveResult
{
    Reserved,

    /// <summary>The nudge's record exists: another worker, instance or delivery has it.</summary>
    AlreadyClaimed,

    /// <summary>The learner's state changed since it was read: read again and decide again.</summary>
    StateChanged,
}
