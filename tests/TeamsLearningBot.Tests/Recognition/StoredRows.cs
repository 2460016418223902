using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Tests.Recognition;

internal static class StoredRows
{
    /// <summary>Every row of every table of the app holding any of <paramref name="needles"/> (as such or key-encoded) in a key or property.</summary>
    public static async Task<List<string>> ContainingAsync(IServiceProvider services, params string[] needles)
    {
        var ct = TestContext.Current.CancellationToken;
        var found = new List<string>();
        var forms = needles.Where(n => n.Length > 0).SelectMany(n => new[] { n, TableKeys.Encode(n) }).Distinct().ToList();
        await foreach (var table in services.GetRequiredService<StorageTables>().ListOwnTablesAsync(ct))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: ct))
            {
                var texts = row.Select(p => p.Value).OfType<string>().Append(row.PartitionKey).Append(row.RowKey);
                if (texts.Any(t => forms.Any(f => t.Contains(f, StringComparison.OrdinalIgnoreCase))))
                {
                    found.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}");
                }
            }
        }

        return found;
    }
}
