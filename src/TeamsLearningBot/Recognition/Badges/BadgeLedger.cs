using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Table <c>Badges</c>: one partition per learner per team (<c>{team}|{learner key}</c>) holding
/// everything the engine writes about them there — the counts (<see cref="LearnerProgress"/>), one
/// marker row per event counted (<c>e|…</c>), reaction tallies (<c>x|…</c>) and the awards
/// (<c>a|…</c>). Because it is one partition, one entity-group transaction adds the event's marker,
/// replaces the counts if their ETag still matches and adds the award rows: an event counts once
/// (its marker can be added once) and a tier is awarded once (its row can be added once).
/// </summary>
public sealed class BadgeLedger(StorageTables tables)
{
    public const string TableName = "Badges";
    private const string MarkerPrefix = "e|";

    // Row keys sharing a prefix form a contiguous range: '|' + 1 is '}'.
    private const string AwardsEnd = "a}";

    public static string Partition(string teamId, string learnerKey) => TableKeys.Encode(teamId) + "|" + learnerKey;

    /// <summary>The marker of an event: a hash of its id, so any id fits a row key.</summary>
    public static string MarkerRow(string eventId) =>
        MarkerPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)))[..32];

    /// <summary>One query of the partition for everything an event needs: the counts, its marker, the tally of its subject.</summary>
    public async Task<LedgerSnapshot> ReadAsync(string partition, string markerRow, string? tallyRow, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var rows = new List<string> { LearnerProgress.Row, markerRow };
        if (tallyRow is not null)
        {
            rows.Add(tallyRow);
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and (" +
            string.Join(" or ", rows.Select(r => TableClient.CreateQueryFilter($"RowKey eq {r}"))) + ")";
        LearnerProgress? progress = null;
        ReactionTallyEntity? tally = null;
        var processed = false;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == LearnerProgress.Row)
            {
                progress = LearnerProgress.From(row);
            }
            else if (row.RowKey == markerRow)
            {
                processed = true;
            }
            else
            {
                tally = TableRows.As<ReactionTallyEntity>(row);
            }
        }

        return new LedgerSnapshot(progress, processed, tally);
    }

    public async Task<LearnerProgress?> GetProgressAsync(string partition, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, LearnerProgress.Row, cancellationToken: cancellationToken);
        return response.HasValue ? LearnerProgress.From(response.Value!) : null;
    }

    /// <summary>
    /// Counts one event: its marker, the counts (added, or replaced under their ETag), the reaction
    /// tally and the new awards, in one transaction. The awards get their ETags back.
    /// </summary>
    public async Task<LedgerOutcome> CommitAsync(
        string markerRow,
        LearnerEvent learnerEvent,
        LearnerProgress progress,
        ReactionTallyEntity? tally,
        IReadOnlyList<BadgeAwardEntity> awards,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(learnerEvent);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(awards);
        var marker = new TableEntity(progress.Entity.PartitionKey, markerRow)
        {
            ["Kind"] = learnerEvent.Kind.ToString(),
            ["At"] = learnerEvent.At,
        };
        var actions = new List<TableTransactionAction>(3 + awards.Count)
        {
            new(TableTransactionActionType.Add, marker),
            progress.IsNew
                ? new(TableTransactionActionType.Add, progress.Entity)
                : new(TableTransactionActionType.UpdateReplace, progress.Entity, progress.Entity.ETag),
        };
        if (tally is not null)
        {
            actions.Add(tally.ETag == default
                ? new(TableTransactionActionType.Add, tally)
                : new(TableTransactionActionType.UpdateReplace, tally, tally.ETag));
        }

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

            return LedgerOutcome.Committed;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 0)
        {
            return LedgerOutcome.AlreadyProcessed;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return LedgerOutcome.Conflict;
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

    /// <summary>Deletes a learner's whole partition in one team; returns the awards that were in it and the rows deleted.</summary>
    public async Task<(IReadOnlyList<BadgeAwardEntity> Awards, int Rows)> DeletePartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var awards = await ListAwardsAsync(partition, cancellationToken);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        foreach (var chunk in rows.Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                foreach (var row in chunk)
                {
                    await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                }
            }
        }

        return (awards, rows.Count);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string filter, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}
