using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Content;

/// <summary>
/// Table <c>Content</c>: each team's library in the team's partition, plus a counter row that
/// hands out the short ids (C1, C2, …). Adding an item bumps the counter and inserts the item in
/// one transaction, so ids are never reused or skipped under concurrency.
/// </summary>
public sealed class ContentStore(StorageTables tables)
{
    public const string TableName = "Content";
    private const string CounterRow = "counter";
    private const string NextNumber = "NextNumber";

    /// <summary>Stores a new item under the next free number and returns it as stored.</summary>
    public async Task<ContentItem> AddAsync(ContentItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(item.TeamId);
        while (true)
        {
            var counter = await table.GetEntityIfExistsAsync<TableEntity>(partition, CounterRow, cancellationToken: cancellationToken);
            var number = counter.HasValue ? counter.Value!.GetInt32(NextNumber) ?? 1 : 1;
            var stored = item with { Number = number };
            var next = new TableEntity(partition, CounterRow) { [NextNumber] = number + 1 };
            TableTransactionAction bump = counter.HasValue
                ? new(TableTransactionActionType.UpdateReplace, next, counter.Value!.ETag)
                : new(TableTransactionActionType.Add, next);
            try
            {
                await table.SubmitTransactionAsync([bump, new(TableTransactionActionType.Add, stored.ToEntity(partition))], cancellationToken);
                return stored;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another item took this number first; take the next one.
            }
        }
    }

    public async Task<ContentItem?> GetAsync(string teamId, int number, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<ContentEntity>(Partition(teamId), Row(number), cancellationToken: cancellationToken);
        return response.HasValue ? ContentItem.FromEntity(response.Value!) : null;
    }

    /// <summary>The team's items, oldest first; archived ones only when asked.</summary>
    public async Task<IReadOnlyList<ContentItem>> ListAsync(string teamId, string? tag, bool includeArchived, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(teamId);
        var items = new List<ContentItem>();
        await foreach (var entity in table.QueryAsync<ContentEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(ContentEntity.RowPrefix) >= 0 && e.RowKey.CompareTo("item}") < 0,
            cancellationToken: cancellationToken))
        {
            var item = ContentItem.FromEntity(entity);
            if ((includeArchived || item.Status == ContentStatus.Active)
                && (tag is null || item.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)))
            {
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>Replaces an item's fields (an edit); its number and history stay.</summary>
    public async Task ReplaceAsync(ContentItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpdateEntityAsync(item.ToEntity(Partition(item.TeamId)), ETag.All, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> ArchiveAsync(string teamId, int number, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var patch = new TableEntity(Partition(teamId), Row(number)) { [nameof(ContentEntity.Status)] = nameof(ContentStatus.Archived) };
        try
        {
            await table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    private static string Partition(string teamId) => TableKeys.Encode(teamId);

    private static string Row(int number) => ContentEntity.RowPrefix + number.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
}
