using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Recognition;

/// <summary>Looks through an app's tables for rows that still hold something about a person.</summary>
internal static class StoredRows
{
    /// <summary>Rows of <paramref name="table"/> (every table when null) whose keys or text properties contain any of <paramref name="needles"/>.</summary>
    public static async Task<List<string>> MentioningAsync(BotApplicationFactory app, string userId, string learnerKey, string name, string? table = null)
    {
        var ct = TestContext.Current.CancellationToken;
        string[] needles = [userId, TableKeys.Encode(userId), learnerKey, name];
        var found = new List<string>();
        await foreach (var client in app.Services.GetRequiredService<StorageTables>().ListOwnTablesAsync(ct))
        {
            if (table is not null && !client.Name.EndsWith(table, StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var row in client.QueryAsync<TableEntity>(cancellationToken: ct))
            {
                var texts = row.Select(p => p.Value).OfType<string>().Append(row.PartitionKey).Append(row.RowKey);
                if (texts.Any(t => needles.Any(n => t.Contains(n, StringComparison.Ordinal))))
                {
                    found.Add($"{client.Name}/{row.PartitionKey}/{row.RowKey}");
                }
            }
        }

        return found;
    }
}
