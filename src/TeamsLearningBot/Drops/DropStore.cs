using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Table <c>Drops</c>: each team's drops in the team's partition, plus a counter row that hands out
/// the short ids (D1, D2, …) and a row per command that created a drop (<c>request|{activity id}</c>),
/// so a command Teams delivers twice makes one drop. Every change is a conditional update on the
/// drop's ETag, which is what makes a scheduler's claim exclusive.
/// </summary>
public sealed class DropStore(StorageTables tables)
{
    public const string TableName = "Drops";
    private const string CounterRow = "counter";
    private const string NextNumber = "NextNumber";
    private const string RequestRowPrefix = "request|";
    private const string DropNumber = "DropNumber";

    /// <summary>
    /// The drop number for the command <paramref name="requestId"/>: the one it already has when
    /// Teams delivers the command again, otherwise the next free one. Numbers are taken before
    /// anything else is written, so a failure later leaves a gap, never two drops with one number.
    /// </summary>
    public async Task<int> ReserveNumberAsync(string teamId, string? requestId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(teamId);
        if (requestId is not null && await FindRequestAsync(table, partition, requestId, cancellationToken) is { } known)
        {
            return known;
        }

        var number = await NextNumberAsync(table, partition, cancellationToken);
        if (requestId is null)
        {
            return number;
        }

        try
        {
            await table.AddEntityAsync(new TableEntity(partition, RequestRow(requestId)) { [DropNumber] = number }, cancellationToken);
            return number;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The same command, delivered twice at once: the other delivery's number wins.
            return await FindRequestAsync(table, partition, requestId, cancellationToken) ?? number;
        }
    }

    /// <summary>Stores a new drop; when its number is taken already (a command delivered twice), returns the stored one.</summary>
    public async Task<Drop> AddAsync(Drop drop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            var response = await table.AddEntityAsync(DropEntity.From(drop, Partition(drop.TeamId)), cancellationToken);
            return drop with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await GetAsync(drop.TeamId, drop.Number, cancellationToken) ?? throw new InvalidOperationException("A drop number was taken but its drop cannot be read.", e);
        }
    }

    public async Task<Drop?> GetAsync(string teamId, int number, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<DropEntity>(Partition(teamId), DropEntity.Row(number), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.ToDrop() : null;
    }

    /// <summary>The team's drops, oldest first.</summary>
    public async Task<IReadOnlyList<Drop>> ListAsync(string teamId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(teamId);
        var drops = new List<Drop>();
        await foreach (var entity in table.QueryAsync<DropEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(DropEntity.RowPrefix) >= 0 && e.RowKey.CompareTo("drop}") < 0,
            cancellationToken: cancellationToken))
        {
            drops.Add(entity.ToDrop());
        }

        return drops;
    }

    /// <summary>
    /// Replaces the drop if nobody changed it since it was read (its ETag). Returns the stored drop
    /// with its new ETag, or null when someone else got there first.
    /// </summary>
    public async Task<Drop?> TryReplaceAsync(Drop drop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(DropEntity.From(drop, Partition(drop.TeamId)), drop.ETag, TableUpdateMode.Replace, cancellationToken);
            return drop with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private static async Task<int?> FindRequestAsync(TableClient table, string partition, string requestId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, RequestRow(requestId), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetInt32(DropNumber) : null;
    }

    private static string RequestRow(string requestId) => RequestRowPrefix + TableKeys.Encode(requestId);

    private static async Task<int> NextNumberAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var counter = await table.GetEntityIfExistsAsync<TableEntity>(partition, CounterRow, cancellationToken: cancellationToken);
            var number = counter.HasValue ? counter.Value!.GetInt32(NextNumber) ?? 1 : 1;
            var next = new TableEntity(partition, CounterRow) { [NextNumber] = number + 1 };
            try
            {
                if (counter.HasValue)
                {
                    await table.UpdateEntityAsync(next, counter.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await table.AddEntityAsync(next, cancellationToken);
                }

                return number;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another drop took this number first; take the next one.
            }
        }
    }

    private static string Partition(string teamId) => TableKeys.Encode(teamId);

    /// <summary>
    /// <c>forget me</c>: drops keep running, but no longer name who scheduled them. A privacy
    /// sweep, not a hot path: one filtered pass over the table. Returns the drops changed.
    /// </summary>
    public async Task<int> ForgetSchedulerAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var erased = 0;
        await foreach (var row in table.QueryAsync<DropEntity>(e => e.CreatedById == userId, cancellationToken: cancellationToken))
        {
            var drop = row.ToDrop();
            while (drop is { CreatedById: not null } && drop.CreatedById == userId)
            {
                // Replaced with the ETag read: a scheduler's claim in between is kept, and the name is erased on the fresh copy.
                if (await TryReplaceAsync(drop with { CreatedById = null, CreatedByName = null }, cancellationToken) is not null)
                {
                    erased++;
                    break;
                }

                drop = await GetAsync(drop.TeamId, drop.Number, cancellationToken);
            }
        }

        return erased;
    }
}
