using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Storage;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Recognition;

/// <summary>Looks through an app's tables for rows that still hold something about a person.</summary>
internal static class StoredRows
{
    /// <summary>Every row of every table of the app holding any of <paramref name="needles"/> (as such or key-encoded) in a key or property.</summary>
    public static Task<List<string>> ContainingAsync(IServiceProvider services, params string[] needles) =>
        FindAsync(services, null, needles);

    /// <summary>Rows of <paramref name="table"/> (every table when null) that mention the person by id, one-way key or name.</summary>
    public static Task<List<string>> MentioningAsync(BotApplicationFactory app, string userId, string learnerKey, string name, string? table = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        return FindAsync(app.Services, table, [userId, learnerKey, name]);
    }

    private static async Task<List<string>> FindAsync(IServiceProvider services, string? table, IEnumerable<string> needles)
    {
        var ct = TestContext.Current.CancellationToken;
        var found = new List<string>();
        var forms = needles.Where(n => n.Length > 0).SelectMany(n => new[] { n, TableKeys.Encode(n) }).Distinct().ToList();
        await foreach (var client in services.GetRequiredService<StorageTables>().ListOwnTablesAsync(ct))
        {
            if (table is not null && !client.Name.EndsWith(table, StringComparison.Ordinal))
            {
                continue;
            }

            await foreach (var row in client.QueryAsync<TableEntity>(cancellationToken: ct))
            {
                var texts = row.Select(p => p.Value).OfType<string>().Append(row.PartitionKey).Append(row.RowKey);
                if (texts.Any(t => forms.Any(f => t.Contains(f, StringComparison.OrdinalIgnoreCase))))
                {
                    found.Add($"{client.Name}/{row.PartitionKey}/{row.RowKey}");
                }
            }
        }

        return found;
    }
}
