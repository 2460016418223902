using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Table <c>BadgeOutbox</c>: one row per award whose notifications are not settled, in one
/// partition, so <see cref="BadgeNotificationSweeper"/> finds them with a bounded partition query
/// and no scan. Written just before the award's transaction (a row whose award never committed is
/// dropped by the sweeper), deleted when the award is settled.
/// </summary>
public sealed class BadgeOutbox(StorageTables tables)
{
    public const string TableName = "BadgeOutbox";
    private const string Pending = "pending";

    /// <summary>Notes the awards about to be committed, in one transaction.</summary>
    public async Task AddAsync(IReadOnlyList<BadgeAwardEntity> awards, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(awards);
        if (awards.Count == 0)
        {
            return;
        }

        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.SubmitTransactionAsync(
            awards.Select(a => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Pending, Row(a))
            {
                ["AwardPartition"] = a.PartitionKey,
                ["AwardRow"] = a.RowKey,
                ["LearnerKey"] = a.LearnerKey,
            })),
            cancellationToken);
    }

    /// <summary>Up to <paramref name="max"/> rows, oldest keys first: (award partition, award row, when noted).</summary>
    public async Task<IReadOnlyList<(string Partition, string Row, DateTimeOffset? NotedAt)>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        return await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Pending}"), maxPerPage: max, cancellationToken: cancellationToken)
            .Take(max)
            .Select(row => (row.GetString("AwardPartition") ?? string.Empty, row.GetString("AwardRow") ?? string.Empty, row.Timestamp))
            .ToListAsync(cancellationToken);
    }

    public async Task RemoveAsync(string awardPartition, string awardRow, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(Pending, awardPartition + "|" + awardRow, ETag.All, cancellationToken);
    }

    /// <summary>Removes a learner's rows (for <c>forget me</c>): a filtered query of the one partition.</summary>
    public async Task<int> RemoveLearnerAsync(string learnerKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var removed = 0;
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Pending} and LearnerKey eq {learnerKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ToListAsync(cancellationToken);

        foreach (var row in rows)
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            removed++;
        }

        return removed;
    }

    private static string Row(BadgeAwardEntity award) => award.PartitionKey + "|" + award.RowKey;
}
