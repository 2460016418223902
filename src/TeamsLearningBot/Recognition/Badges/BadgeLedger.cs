using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using TeamsLearningBot.Events;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Table <c>Badges</c>: one partition per learner per team (<c>{team}|{learner key}</c>) holding
/// everything the engine writes about them there — the counts (<see cref="LearnerProgress"/>), one
/// marker row per event counted (<c>e|…</c>), reaction tallies (<c>x|…</c>) and the awards
/// (<c>a|…</c>). Because it is one partition, one entity-group transaction adds the event's marker,
/// replaces the counts if their ETag still matches and adds the award rows: an event counts once
/// (its marker can be added once) and a tier is awarded once (its row can be added once).
/// <para>
/// The counts row this instance last wrote for a learner is remembered with its ETag, so their next
/// event reads nothing before its transaction. The transaction is conditional on that ETag: a copy
/// another writer (an instance, <c>forget me</c>) has overtaken fails it, is forgotten and read again.
/// </para>
/// </summary>
public sealed class BadgeLedger(StorageTables tables) : IDisposable
{
    public const string TableName = "Badges";
    private const string MarkerPrefix = "e|";

    // Row keys sharing a prefix form a contiguous range: '|' + 1 is '}'.
    private const string AwardsEnd = "a}";
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);
    private readonly MemoryCache written = new(new MemoryCacheOptions { SizeLimit = MaxRemembered });

    public static string Partition(string teamId, string learnerKey) => TableKeys.Encode(teamId) + "|" + learnerKey;

    /// <summary>The marker of an event: a hash of its id, so any id fits a row key.</summary>
    public static string MarkerRow(string eventId) =>
        MarkerPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..32];

    /// <summary>
    /// What counting needs, by point reads at once: the counts and the reaction tallies asked for.
    /// Whether an event was counted before is not read: the commit finds out (its marker exists).
    /// With <paramref name="guessNew"/> the counts are taken as absent without a read (the learner
    /// is new in the team): the commit adds them, and fails if they exist after all.
    /// </summary>
    public async Task<LedgerSnapshot> ReadAsync(string partition, IReadOnlyCollection<string> tallyRows, CancellationToken cancellationToken, bool guessNew = false)
    {
        ArgumentNullException.ThrowIfNull(tallyRows);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var remembered = written.TryGetValue(partition, out TableEntity? row) ? LearnerProgress.From(new TableEntity(row!)) : null;
        var progress = remembered is null && !guessNew
            ? table.GetEntityIfExistsAsync<TableEntity>(partition, LearnerProgress.Row, cancellationToken: cancellationToken)
            : null;
        var tallies = tallyRows.Select(row => table.GetEntityIfExistsAsync<ReactionTallyEntity>(partition, row, cancellationToken: cancellationToken)).ToList();
        await Task.WhenAll([.. tallies, .. progress is null ? Array.Empty<Task>() : [progress]]);
        var found = remembered ?? (progress is { Result.HasValue: true } ? LearnerProgress.From(progress.Result.Value!) : null);
        return new LedgerSnapshot(found, tallies.Where(t => t.Result.HasValue).Select(t => t.Result.Value!).ToDictionary(t => t.RowKey, StringComparer.Ordinal));
    }

    /// <summary>Whether an event's marker exists (it was counted).</summary>
    public async Task<bool> HasMarkerAsync(string partition, string markerRow, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, markerRow, select: ["RowKey"], cancellationToken: cancellationToken);
        return response.HasValue;
    }

    public async Task<LearnerProgress?> GetProgressAsync(string partition, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, LearnerProgress.Row, cancellationToken: cancellationToken);
        return response.HasValue ? LearnerProgress.From(response.Value!) : null;
    }

    /// <summary>
    /// Counts events of one learner: their markers, the counts (added, or replaced under their
    /// ETag), the reaction tallies and the new awards, in one transaction. The awards get their
    /// ETags back. When a marker exists already the result says which event it was.
    /// </summary>
    public async Task<LedgerCommit> CommitAsync(
        IReadOnlyList<(string Row, LearnerEvent Event)> markers,
        LearnerProgress progress,
        IReadOnlyCollection<ReactionTallyEntity> tallies,
        IReadOnlyList<BadgeAwardEntity> awards,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(markers);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(tallies);
        ArgumentNullException.ThrowIfNull(awards);
        var actions = new List<TableTransactionAction>(markers.Count + 1 + tallies.Count + awards.Count);
        actions.AddRange(markers.Select(m => new TableTransactionAction(
            TableTransactionActionType.Add,
            new TableEntity(progress.Entity.PartitionKey, m.Row) { ["Kind"] = m.Event.Kind.ToString(), ["At"] = m.Event.At })));
        actions.Add(progress.IsNew
            ? new(TableTransactionActionType.Add, progress.Entity)
            : new(TableTransactionActionType.UpdateReplace, progress.Entity, progress.Entity.ETag));
        actions.AddRange(tallies.Select(t => t.ETag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, t)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, t, t.ETag)));
        var firstAward = actions.Count;
        actions.AddRange(awards.Select(a => new TableTransactionAction(TableTransactionActionType.Add, a)));
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
            for (var i = 0; i < awards.Count && firstAward + i < responses.Count; i++)
            {
                awards[i].ETag = responses[firstAward + i].Headers.ETag ?? default;
            }

            Remember(progress.Entity, markers.Count < responses.Count ? responses[markers.Count].Headers.ETag : null);
            return new LedgerCommit(LedgerOutcome.Committed);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is { } index && index < markers.Count)
        {
            return new LedgerCommit(LedgerOutcome.AlreadyProcessed, index);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            written.Remove(progress.Entity.PartitionKey);
            return new LedgerCommit(LedgerOutcome.Conflict);
        }
    }

    /// <summary>The awards whose notifications are not settled yet (a range of the partition).</summary>
    public Task<IReadOnlyList<BadgeAwardEntity>> ListPendingAwardsAsync(string partition, CancellationToken cancellationToken) =>
        QueryAsync<BadgeAwardEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {BadgeAwardEntity.RowPrefix} and RowKey lt {AwardsEnd} and Done eq {false}"),
            cancellationToken);

    public Task<IReadOnlyList<BadgeAwardEntity>> ListAwardsAsync(string partition, CancellationToken cancellationToken) =>
        QueryAsync<BadgeAwardEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {BadgeAwardEntity.RowPrefix} and RowKey lt {AwardsEnd}"),
            cancellationToken);

    public async Task<BadgeAwardEntity?> GetAwardAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<BadgeAwardEntity>(partition, row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Replaces an award row if it has not changed since it was read; its ETag follows. False on a conflict.</summary>
    public async Task<bool> TryReplaceAwardAsync(BadgeAwardEntity award, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(award);
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(award, award.ETag, TableUpdateMode.Replace, cancellationToken);
            award.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    public void Dispose() => written.Dispose();

    /// <summary>Deletes a learner's whole partition in one team; returns the awards that were in it and the rows deleted.</summary>
    public async Task<(IReadOnlyList<BadgeAwardEntity> Awards, int Rows)> DeletePartitionAsync(string partition, CancellationToken cancellationToken)
    {
        written.Remove(partition);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var awards = await ListAwardsAsync(partition, cancellationToken);
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ToListAsync(cancellationToken);

        return (awards, await table.DeleteAllAsync(rows, cancellationToken));
    }

    /// <summary>Keeps a copy of the counts row as just written; without its new ETag there is nothing to keep.</summary>
    private void Remember(TableEntity progress, ETag? etag)
    {
        if (etag is not { } stored || stored == default)
        {
            written.Remove(progress.PartitionKey);
            return;
        }

        progress.ETag = stored;
        written.Set(progress.PartitionKey, new TableEntity(progress), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string filter, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        return await table.QueryAsync<T>(filter, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }
}

/// <summary>How a commit of events went; for <see cref="LedgerOutcome.AlreadyProcessed"/>, which event's marker existed.</summary>
public readonly record struct LedgerCommit(LedgerOutcome Outcome, int ProcessedMarker = -1);

public enum LedgerOutcome
{
    Committed,

    /// <summary>An event's marker exists: it was counted before (a redelivery).</summary>
    AlreadyProcessed,

    /// <summary>The learner's rows changed since they were read: read again and retry.</summary>
    Conflict,
}

/// <summary>What counting reads of a learner's partition: the counts, and the tallies of the reaction subjects asked for (by row key).</summary>
public sealed record LedgerSnapshot(LearnerProgress? Progress, IReadOnlyDictionary<string, ReactionTallyEntity> Tallies);
