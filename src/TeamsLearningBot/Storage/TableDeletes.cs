using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Storage;

public static class TableDeletes
{
    /// <summary>
    /// Deletes <paramref name="rows"/> (of any partitions, each row once), in transactions of up to
    /// 100 rows of one partition; rows already gone are fine. Returns the number of rows asked to delete.
    /// </summary>
    public static async Task<int> DeleteAllAsync(this TableClient table, IEnumerable<ITableEntity> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var count = 0;
        foreach (var chunk in rows.DistinctBy(r => (r.PartitionKey, r.RowKey)).GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(100)))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // One of them was gone: the others one by one (a delete of a missing row is a no-op there).
                foreach (var row in chunk)
                {
                    await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                }
            }

            count += chunk.Length;
        }

        return count;
    }
}
