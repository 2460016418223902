using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Table <c>Drops</c>: each team's drops in the team's partition, plus a counter row that hands out
/// the short ids (D1, D2, …). Every change is a conditional update on the drop's ETag, which is
/// what makes a scheduler's claim exclusive.
/// </summary>
public sealed class DropStore(StorageTables tables)
{
    public const string TableName = "Drops";
    private const string CounterRow = "counter";
    private const string NextNumber = "NextNumber";

    /// <summary>
    /// Takes the next free drop number. It is taken before anything else is written, so a failure
    /// later leaves a gap in the numbers, never two drops with one number.
    /// </summary>
    public async Task<int> ReserveNumberAsync(string teamId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(teamId);
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

    public async Task<Drop> AddAsync(Drop drop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.AddEntityAsync(DropEntity.From(drop, Partition(drop.TeamId)), cancellationToken);
        return drop with { ETag = response.Headers.ETag ?? default };
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

    private static string Partition(string teamId) => TableKeys.Encode(teamId);
}
