using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Bench.Export;

/// <summary>
/// What Azurite gives without the app, in the same run as the exports (the machine is shared, so
/// only ratios within one run mean much): every card's partition read with the storage client, rows
/// parsed and counted, no CSV and no HTTP to the app. Read one card after another with the export's
/// query (its ratings and reflections in one), with the two queries a card it used before, and four
/// cards at once.
/// </summary>
internal static class RawRates
{
    public const string Sequential = "one query a card, one card after another (the export's query)";
    public const string TwoQueries = "ratings, then reflections: two queries a card (the export's before)";
    public const string Concurrent = "one query a card, 4 cards at once";
    public const string Empty = "a partition that does not exist, 100 times (no rows: what Azurite spends on scanning its table per query)";

    private static readonly string[] RowColumns = ["RowKey", "Rating", "Text", "Anonymous", "AuthorName", "LearnerKey", "CreatedAt"];
    private static readonly string[] ReflectionColumns = ["Text", "Anonymous", "AuthorName", "LearnerKey", "CreatedAt"];

    public static async Task<IReadOnlyList<RawResult>> MeasureAsync(IServiceProvider services, Azurite azurite, int cards, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var table = await services.GetRequiredService<StorageTables>().GetAsync(ReflectionStore.TableName, cancellationToken);
        await OneQueryAsync(table, 0, from, until, cancellationToken);
        return
        [
            await TimeAsync(Sequential, azurite, async () =>
            {
                var total = new Count();
                for (var c = 0; c < cards; c++)
                {
                    total.Add(await OneQueryAsync(table, c, from, until, cancellationToken));
                }

                return total;
            }),
            await TimeAsync(TwoQueries, azurite, async () =>
            {
                var total = new Count();
                for (var c = 0; c < cards; c++)
                {
                    total.Add(await TwoQueriesAsync(table, c, from, until, cancellationToken));
                }

                return total;
            }),
            await TimeAsync(Concurrent, azurite, async () =>
            {
                var total = new Count();
                await Parallel.ForEachAsync(Enumerable.Range(0, cards), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (c, ct) =>
                {
                    var one = await OneQueryAsync(table, c, from, until, ct);
                    lock (total)
                    {
                        total.Add(one);
                    }
                });
                return total;
            }),
            await TimeAsync(Empty, azurite, async () =>
            {
                var total = new Count();
                for (var c = 0; c < 100; c++)
                {
                    total.Add(await ReadAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {"none|" + c} and RowKey ge {ReflectionEntity.RowPrefix} and RowKey lt {"r}"}"), RowColumns, IsReflection, cancellationToken));
                }

                return total;
            }),
        ];
    }

    private static async Task<RawResult> TimeAsync(string name, Azurite azurite, Func<Task<Count>> read)
    {
        var cpu = azurite.CpuTime;
        var clock = Stopwatch.StartNew();
        var count = await read();
        return new RawResult(name, count.Queries, count.Rows, count.Reflections, clock.Elapsed.TotalSeconds, (azurite.CpuTime - cpu).TotalSeconds);
    }

    private static async Task<Count> OneQueryAsync(TableClient table, int card, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var partition = Seeder.CardKey(card).Partition;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and ((RowKey ge {ParticipantEntity.RowPrefix} and RowKey lt {"p}"}) or (RowKey ge {ReflectionEntity.RowPrefix} and RowKey lt {"r}"} and CreatedAt ge {from} and CreatedAt lt {until}))");
        return await ReadAsync(table, filter, RowColumns, IsReflection, cancellationToken);
    }

    private static async Task<Count> TwoQueriesAsync(TableClient table, int card, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var partition = Seeder.CardKey(card).Partition;
        var ratings = await ReadAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ParticipantEntity.RowPrefix} and RowKey lt {"p}"}"), null, _ => false, cancellationToken);
        var reflections = await ReadAsync(
            table,
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ReflectionEntity.RowPrefix} and RowKey lt {"r}"} and CreatedAt ge {from} and CreatedAt lt {until}"),
            ReflectionColumns,
            _ => true,
            cancellationToken);
        ratings.Add(reflections);
        return ratings;
    }

    private static bool IsReflection(TableEntity row) => row.RowKey.StartsWith(ReflectionEntity.RowPrefix, StringComparison.Ordinal);

    private static async Task<Count> ReadAsync(TableClient table, string filter, string[]? select, Func<TableEntity, bool> isReflection, CancellationToken cancellationToken)
    {
        var count = new Count();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, 1000, select, cancellationToken).AsPages())
        {
            count.Queries++;
            foreach (var row in page.Values)
            {
                count.Rows++;
                if (isReflection(row))
                {
                    count.Reflections++;
                }
            }
        }

        return count;
    }

    private sealed class Count
    {
        public long Queries { get; set; }

        public long Rows { get; set; }

        public long Reflections { get; set; }

        public void Add(Count other)
        {
            Queries += other.Queries;
            Rows += other.Rows;
            Reflections += other.Reflections;
        }
    }
}

/// <summary>One way of reading every card straight from Azurite: query pages, rows, reflections among them, time and Azurite's CPU.</summary>
internal sealed record RawResult(string Name, long Queries, long Rows, long Reflections, double Seconds, double AzuriteCpu);
