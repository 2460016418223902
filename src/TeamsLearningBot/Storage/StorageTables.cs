using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Storage;

/// <summary>
/// Hands out table clients under the configured prefix, creating each table on first use. A
/// failed creation is not cached, so a storage outage heals on the next request.
/// </summary>
public sealed class StorageTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tables = new(StringComparer.Ordinal);

    public string Prefix => options.Value.TablePrefix;

    public async Task<TableClient> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var fullName = Prefix + name;
        var lazy = tables.GetOrAdd(fullName, n => new Lazy<Task<TableClient>>(() => CreateAsync(n)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch when (lazy.Value.IsFaulted)
        {
            tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(fullName, lazy));
            throw;
        }
    }

    /// <summary>Every table this app owns, for privacy sweeps and tests.</summary>
    public async IAsyncEnumerable<TableClient> ListOwnTablesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var table in service.QueryAsync(cancellationToken: cancellationToken))
        {
            if (table.Name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                yield return service.GetTableClient(table.Name);
            }
        }
    }

    private async Task<TableClient> CreateAsync(string fullName)
    {
        var client = service.GetTableClient(fullName);
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
