using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Table <c>DropSchedule</c>: an index of due times, so a scheduler finds what is due with one
/// range query instead of scanning drops. Rows sort by due time; everything due is the range below
/// "now". The index only points: the drop row decides, so a stale row is harmless and is removed
/// when met. One partition serves thousands of due drops a second; shard it by a key suffix if
/// that is ever not enough.
/// </summary>
public sealed class DropScheduleIndex(StorageTables tables)
{
    public const string TableName = "DropSchedule";
    private const string Partition = "due";

    /// <summary>Adds (or keeps) the row for a planned run. Idempotent.</summary>
    public async Task AddAsync(string teamId, int number, DateTimeOffset dueUtc, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(
            new DropScheduleEntity
            {
                PartitionKey = Partition,
                RowKey = Row(teamId, number, dueUtc),
                TeamId = teamId,
                DropNumber = number,
                DueUtc = dueUtc.ToUniversalTime(),
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task RemoveAsync(string teamId, int number, DateTimeOffset dueUtc, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(Partition, Row(teamId, number, dueUtc), ETag.All, cancellationToken);
    }

    /// <summary>
    /// Rows due at or before <paramref name="nowUtc"/>, earliest first, a page of up to
    /// <paramref name="pageSize"/> at a time: the next page is asked for when the caller is done
    /// with one, and continues after its last row, so rows the caller left (a drop that failed)
    /// are not met again in the same walk.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<DueDrop>> ListDueAsync(DateTimeOffset nowUtc, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);

        // '}' sorts after '|', so this bound includes every row of the current second.
        var upper = Stamp(nowUtc) + "}";
        var pages = table.QueryAsync<DropScheduleEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(upper) < 0,
            maxPerPage: Math.Clamp(pageSize, 1, 1000),
            cancellationToken: cancellationToken).AsPages();
        await foreach (var page in pages)
        {
            var due = page.Values.Where(r => r.DueUtc <= nowUtc).Select(r => new DueDrop(r.TeamId, r.DropNumber, r.DueUtc)).ToList();
            if (due.Count > 0)
            {
                yield return due;
            }
        }
    }

    /// <summary>The earliest due time after <paramref name="nowUtc"/> and before <paramref name="untilUtc"/>, if any.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset nowUtc, DateTimeOffset untilUtc, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var lower = Stamp(nowUtc);
        var upper = Stamp(untilUtc) + "}";
        await foreach (var row in table.QueryAsync<DropScheduleEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(lower) >= 0 && e.RowKey.CompareTo(upper) < 0,
            maxPerPage: 100,
            cancellationToken: cancellationToken))
        {
            // Rows of this second that are already due were left by the pass (a failure): skip them.
            if (row.DueUtc > nowUtc)
            {
                return row.DueUtc;
            }
        }

        return null;
    }

    /// <summary>Removes rows whose drops are done with them, in transactions of up to 100 (they share one partition). Rows already gone are fine.</summary>
    public async Task RemoveAsync(IReadOnlyCollection<DueDrop> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = await tables.GetAsync(TableName, cancellationToken);
        foreach (var chunk in rows.Chunk(100))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, Row(r.TeamId, r.Number, r.DueUtc)), ETag.All)),
                    cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // One was removed meanwhile (by another instance): remove the rest one by one.
                foreach (var row in chunk)
                {
                    await RemoveAsync(row.TeamId, row.Number, row.DueUtc, cancellationToken);
                }
            }
        }
    }

    private static string Row(string teamId, int number, DateTimeOffset dueUtc) =>
        Stamp(dueUtc) + "|" + TableKeys.Encode(teamId) + "|" + number.ToString("D8", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset instant) => DropOccurrence.IdFor(instant);
}

/// <summary>A row of the schedule index: drop <paramref name="Number"/> of a team is due at <paramref name="DueUtc"/>.</summary>
public sealed record DueDrop(string TeamId, int Number, DateTimeOffset DueUtc);

/// <summary>An index row: partition <c>due</c>, row <c>{dueUtc:yyyyMMddTHHmmssZ}|{team}|{number:D8}</c>.</summary>
public sealed record DropScheduleEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public int DropNumber { get; set; }

    public DateTimeOffset DueUtc { get; set; }
}
