using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Table <c>ReflectionIndex</c>: the ways into the cards' partitions without a scan — by learner
/// (<c>forget me</c>; the learner partitions are <see cref="LearnerIndex"/>'s, which writes them),
/// by item (listings) and by day (retention). See <see cref="ReflectionIndexEntity"/>.
/// </summary>
public sealed class ReflectionIndex(StorageTables tables)
{
    public const string TableName = LearnerIndex.TableName;
    private const string DayPrefix = "d|";

    /// <summary>The cards a learner has rows on: their learner-index partition without its team rows (<see cref="LearnerIndex"/>).</summary>
    public async Task<IReadOnlyList<ReflectionIndexEntity>> ListLearnerAsync(string learnerKey, CancellationToken cancellationToken) =>
        [.. (await ListPartitionAsync(LearnerPartition(learnerKey), cancellationToken)).Where(r => !LearnerIndex.IsTeamRow(r.RowKey))];

    /// <summary>Indexes a newly posted card under its item and its day.</summary>
    public async Task AddPostAsync(string teamId, int contentNumber, DateTimeOffset postedAt, PostKey post, CancellationToken cancellationToken)
    {
        await UpsertAsync(ItemPartition(teamId, contentNumber), post, cancellationToken);
        await UpsertAsync(DayPartition(postedAt), post, cancellationToken);
    }

    public Task<IReadOnlyList<ReflectionIndexEntity>> ListItemAsync(string teamId, int contentNumber, CancellationToken cancellationToken) =>
        ListPartitionAsync(ItemPartition(teamId, contentNumber), cancellationToken);

    /// <summary>Day rows of every day before <paramref name="day"/>: a range of partition keys, not a scan.</summary>
    public async Task<IReadOnlyList<ReflectionIndexEntity>> ListDaysBeforeAsync(DateTimeOffset day, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {DayPrefix} and PartitionKey lt {DayPartition(day)}");
        return await table.QueryAsync<ReflectionIndexEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Moves a card's day row to a later day (it still has reflections to expire then).</summary>
    public async Task MoveDayAsync(ReflectionIndexEntity row, DateTimeOffset day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await UpsertAsync(DayPartition(day), row.Post, cancellationToken);
        await RemoveAsync(row, cancellationToken);
    }

    public async Task RemoveAsync(ReflectionIndexEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
    }

    /// <summary>Removes one card from a learner's index partition.</summary>
    public async Task RemoveLearnerEntryAsync(string learnerKey, PostKey post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(LearnerPartition(learnerKey), post.Partition, ETag.All, cancellationToken);
    }

    /// <summary>Removes a learner's card rows (not their team rows, which go last: <see cref="LearnerIndex.RemoveTeamsAsync"/>), in transactions of up to 100 rows.</summary>
    public async Task RemoveLearnerAsync(string learnerKey, IReadOnlyList<ReflectionIndexEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteAllAsync(rows.Where(r => r.PartitionKey == LearnerPartition(learnerKey) && !LearnerIndex.IsTeamRow(r.RowKey)), cancellationToken);
    }

    public static string DayPartition(DateTimeOffset day) => DayPrefix + day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string LearnerPartition(string learnerKey) => LearnerIndex.Partition(learnerKey);

    private static string ItemPartition(string teamId, int contentNumber) =>
        "i|" + TableKeys.Encode(teamId) + "|" + contentNumber.ToString("D8", CultureInfo.InvariantCulture);

    private async Task UpsertAsync(string partition, PostKey post, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(Row(partition, post), TableUpdateMode.Replace, cancellationToken);
    }

    private static ReflectionIndexEntity Row(string partition, PostKey post) =>
        new() { PartitionKey = partition, RowKey = post.Partition, ChannelId = post.ChannelId, ActivityId = post.RootActivityId };

    private async Task<IReadOnlyList<ReflectionIndexEntity>> ListPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        return await table.QueryAsync<ReflectionIndexEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }
}
