using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Storage;

/// <summary>
/// Hands out table clients under the configured prefix, creating each table on first use. A
/// creation that fails or hangs is given up after <see cref="CreationTimeout"/> and not kept, so a
/// storage outage heals on the next request (<see cref="CreatedOnFirstUse{T}"/>).
/// </summary>
public sealed class StorageTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, CreatedOnFirstUse<TableClient>> tables = new(StringComparer.Ordinal);

    public string Prefix => options.Value.TablePrefix;

    /// <summary>The longest a table's or queue's creation is waited for: every try of it timing out, and the waits between.</summary>
    public TimeSpan CreationTimeout => options.Value.OperationTimeout;

    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken = default) =>
        tables.GetOrAdd(Prefix + name, n => new CreatedOnFirstUse<TableClient>(c => CreateAsync(n, c), CreationTimeout)).GetAsync(cancellationToken);

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

    private async Task<TableClient> CreateAsync(string fullName, CancellationToken cancellationToken)
    {
        var client = service.GetTableClient(fullName);
        await client.CreateIfNotExistsAsync(cancellationToken);
        return client;
    }
}
