using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace TeamsLearningBot.Testing;

/// <summary>
/// Everything one app instance keeps in storage under its prefix: every row of every table (all
/// properties but the server's timestamp) and the number of messages in each queue. Two snapshots
/// compare equal only when no request changed state in between.
/// </summary>
public sealed record StorageSnapshot(IReadOnlyList<string> Rows)
{
    public static async Task<StorageSnapshot> TakeAsync(string connectionString, string prefix, CancellationToken cancellationToken = default)
    {
        var rows = new List<string>();
        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync(cancellationToken: cancellationToken))
        {
            if (!table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                var properties = entity.Keys
                    .Where(k => k is not "Timestamp" and not "odata.etag")
                    .Order(StringComparer.Ordinal)
                    .Select(k => k + "=" + Convert.ToString(entity[k], CultureInfo.InvariantCulture));
                rows.Add($"{table.Name}|{string.Join(";", properties)}");
            }
        }

        var queues = new QueueServiceClient(connectionString);
        var queuePrefix = prefix.ToLowerInvariant();
        await foreach (var queue in queues.GetQueuesAsync(prefix: queuePrefix, cancellationToken: cancellationToken))
        {
            var properties = await queues.GetQueueClient(queue.Name).GetPropertiesAsync(cancellationToken);
            rows.Add($"queue {queue.Name}|{properties.Value.ApproximateMessagesCount}");
        }

        rows.Sort(StringComparer.Ordinal);
        return new StorageSnapshot(rows);
    }

    /// <summary>The rows only one of the snapshots has, for a readable assertion message.</summary>
    public string DifferenceFrom(StorageSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var added = Rows.Except(other.Rows, StringComparer.Ordinal).Select(r => "+ " + r);
        var removed = other.Rows.Except(Rows, StringComparer.Ordinal).Select(r => "- " + r);
        return string.Join(Environment.NewLine, added.Concat(removed));
    }
}
