using System.Globalization;
using Azure;
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
            Azure.Data.Tables.TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task RemoveAsync(string teamId, int number, DateTimeOffset dueUtc, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(Partition, Row(teamId, number, dueUtc), ETag.All, cancellationToken);
    }

    /// <summary>Rows due at or before <paramref name="nowUtc"/>, earliest first.</summary>
    public async Task<IReadOnlyList<DueDrop>> ListDueAsync(DateTimeOffset nowUtc, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);

        // '}' sorts after '|', so this bound includes every row of the current second.
        var upper = Stamp(nowUtc) + "}";
        var due = new List<DueDrop>();
        await foreach (var row in table.QueryAsync<DropScheduleEntity>(
            e => e.PartitionKey == Partition && e.RowKey.CompareTo(upper) < 0,
            maxPerPage: Math.Min(max, 1000),
            cancellationToken: cancellationToken))
        {
            if (row.DueUtc <= nowUtc)
            {
                due.Add(new DueDrop(row.TeamId, row.DropNumber, row.DueUtc));
            }

            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    private static string Row(string teamId, int number, DateTimeOffset dueUtc) =>
        Stamp(dueUtc) + "|" + TableKeys.Encode(teamId) + "|" + number.ToString("D8", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset instant) => DropOccurrence.IdFor(instant);
}
