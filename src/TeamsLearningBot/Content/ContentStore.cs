using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Content;

/// <summary>
/// Table <c>Content</c>: each team's library in the team's partition, plus a counter row that
/// hands out the short ids (C1, C2, …) and an index row per URL (<c>url|{hash}</c> → number).
/// Adding an item bumps the counter, inserts the item and indexes its URL in one transaction, so
/// ids are never reused or skipped under concurrency and a URL can be checked without a scan.
/// </summary>
public sealed class ContentStore(StorageTables tables)
{
    public const string TableName = "Content";
    private const string CounterRow = "counter";
    private const string NextNumber = "NextNumber";
    private const string UrlRowPrefix = "url|";

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
                await table.SubmitTransactionAsync(
                    [bump, new(TableTransactionActionType.Add, stored.ToEntity(partition)), new(TableTransactionActionType.UpsertReplace, UrlIndex(partition, stored))],
                    cancellationToken);
                return stored;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another item took this number first; take the next one.
            }
        }
    }

    /// <summary>
    /// Stores a new item unless the library already links to its URL (archived items count).
    /// Repeating an add — a redelivered submit, a starter pack loaded twice — so adds nothing.
    /// </summary>
    public async Task<ContentSaveResult> AddIfNewAsync(ContentItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(item.TeamId);
        while (true)
        {
            if (await FindByUrlAsync(table, partition, item.Url, cancellationToken) is { } holder)
            {
                return await DuplicateAsync(item.TeamId, holder, cancellationToken);
            }

            var counter = await table.GetEntityIfExistsAsync<TableEntity>(partition, CounterRow, cancellationToken: cancellationToken);
            var number = counter.HasValue ? counter.Value!.GetInt32(NextNumber) ?? 1 : 1;
            var stored = item with { Number = number };
            var next = new TableEntity(partition, CounterRow) { [NextNumber] = number + 1 };
            TableTransactionAction bump = counter.HasValue
                ? new(TableTransactionActionType.UpdateReplace, next, counter.Value!.ETag)
                : new(TableTransactionActionType.Add, next);
            try
            {
                await table.SubmitTransactionAsync(
                    [bump, new(TableTransactionActionType.Add, stored.ToEntity(partition)), new(TableTransactionActionType.Add, UrlIndex(partition, stored))],
                    cancellationToken);
                return new ContentSaveResult(ContentSaveOutcome.Saved, stored);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another add took the number or the URL first; look again.
            }
        }
    }

    public async Task<ContentItem?> GetAsync(string teamId, int number, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<ContentEntity>(Partition(teamId), Row(number), cancellationToken: cancellationToken);
        return response.HasValue ? ContentItem.FromEntity(response.Value!) : null;
    }

    /// <summary>The item that links to <paramref name="url"/> (archived ones count), if the library has one.</summary>
    public async Task<ContentItem?> FindByUrlAsync(string teamId, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var table = await tables.GetAsync(TableName, cancellationToken);
        return await FindByUrlAsync(table, Partition(teamId), url, cancellationToken) is { } number
            ? await GetAsync(teamId, number, cancellationToken)
            : null;
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
    public Task<ContentSaveResult> ReplaceAsync(ContentItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return UpdateAsync(item.TeamId, item.Number, _ => item, cancellationToken);
    }

    /// <summary>
    /// Changes an item: reads it, applies <paramref name="change"/> and writes it back under the
    /// ETag it was read with, so a concurrent edit is never overwritten unseen (the change is
    /// applied again to the fresh item). A changed URL moves the URL index in the same transaction.
    /// </summary>
    public async Task<ContentSaveResult> UpdateAsync(string teamId, int number, Func<ContentItem, ContentItem> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(teamId);
        while (true)
        {
            var response = await table.GetEntityIfExistsAsync<ContentEntity>(partition, Row(number), cancellationToken: cancellationToken);
            if (!response.HasValue)
            {
                return ContentSaveResult.NotFound;
            }

            var current = ContentItem.FromEntity(response.Value!);
            var updated = change(current) with { TeamId = current.TeamId, Number = current.Number };
            var entity = updated.ToEntity(partition);
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, entity, response.Value!.ETag)];
            if (UrlKey(updated.Url) != UrlKey(current.Url))
            {
                var holder = await FindByUrlAsync(table, partition, updated.Url, cancellationToken);
                if (holder is { } other && other != number)
                {
                    return await DuplicateAsync(teamId, other, cancellationToken);
                }

                var old = await table.GetEntityIfExistsAsync<TableEntity>(partition, UrlRow(current.Url), cancellationToken: cancellationToken);
                if (old.HasValue && old.Value!.GetInt32(nameof(ContentEntity.Number)) == number)
                {
                    actions.Add(new(TableTransactionActionType.Delete, old.Value, old.Value.ETag));
                }

                actions.Add(new(holder is null ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace, UrlIndex(partition, updated)));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return new ContentSaveResult(ContentSaveOutcome.Saved, updated);
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Changed meanwhile (the item, or another item took the URL); apply the change again.
            }
        }
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

    /// <summary>How URLs are compared: scheme and host as Uri normalises them, the fragment left out.</summary>
    internal static string UrlKey(Uri url) => url.GetLeftPart(UriPartial.Query);

    private static string UrlRow(Uri url) =>
        UrlRowPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(UrlKey(url))))[..32];

    private static TableEntity UrlIndex(string partition, ContentItem item) =>
        new(partition, UrlRow(item.Url)) { [nameof(ContentEntity.Number)] = item.Number, [nameof(ContentEntity.Url)] = UrlKey(item.Url) };

    private static async Task<int?> FindByUrlAsync(TableClient table, string partition, Uri url, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, UrlRow(url), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetInt32(nameof(ContentEntity.Number)) : null;
    }

    private async Task<ContentSaveResult> DuplicateAsync(string teamId, int number, CancellationToken cancellationToken) =>
        new(ContentSaveOutcome.DuplicateUrl, await GetAsync(teamId, number, cancellationToken));

    private static string Partition(string teamId) => TableKeys.Encode(teamId);

    private static string Row(int number) => ContentEntity.RowPrefix + number.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>forget me</c>: library items stay, but no longer name who added or suggested them. Returns the items changed.</summary>
    public async Task<int> ForgetPersonAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var erased = 0;
        await foreach (var item in table.QueryAsync<ContentEntity>(e => e.AddedById == userId || e.SuggestedById == userId, cancellationToken: cancellationToken))
        {
            // A merge cannot remove a property (nulls are not sent), so the row is replaced.
            if (item.AddedById == userId)
            {
                item.AddedById = null;
                item.AddedByName = null;
            }

            if (item.SuggestedById == userId)
            {
                item.SuggestedById = null;
                item.SuggestedByName = null;
            }

            await table.UpdateEntityAsync(item, item.ETag, TableUpdateMode.Replace, cancellationToken);
            erased++;
        }

        return erased;
    }
}

public enum ContentSaveOutcome
{
    Saved,

    /// <summary>Another item of the library already links to the URL; nothing was written.</summary>
    DuplicateUrl,

    NotFound,
}

/// <summary>
/// What a save did. <see cref="Item"/> is the item as stored when saved, the item that already
/// holds the URL for <see cref="ContentSaveOutcome.DuplicateUrl"/>, and null when not found.
/// </summary>
public sealed record ContentSaveResult(ContentSaveOutcome Outcome, ContentItem? Item)
{
    public static ContentSaveResult NotFound { get; } = new(ContentSaveOutcome.NotFound, null);
}
