using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Privacy;

namespace TeamsLearningBot.Insights;

/// <summary>
/// Retention for insights (<c>Privacy:RetentionDays</c>): weeks that ended before the cut-off leave
/// every ledger (with their term shares and idea references), and the term rows, post notes and
/// event markers of those weeks are deleted (a term row of four weeks some of which are kept loses
/// the others). A ledger left empty is deleted with its index row.
/// </summary>
public sealed class InsightsPurge(InsightsStore store, IOptions<PrivacyOptions> privacy, IOptions<InsightsOptions> options, TimeProvider time) : IRetentionPurge
{
    public bool Enabled => options.Value.RetentionEnabled;

    public TimeSpan Interval => options.Value.RetentionInterval;

    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-privacy.Value.RetentionDays);
        var firstKept = InsightsWeeks.Of(cutoff) + 1;
        var table = await store.TableAsync(cancellationToken);
        var purged = 0;

        // A background pass: it reads every team's ledgers, never on a request's path.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"t|"} and PartitionKey lt {"t}"} and RowKey ge {InsightsStore.LedgerPrefix} and RowKey lt {"u}"}");
        var teams = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            teams.Add(row.PartitionKey);
            var ledger = LearnerLedger.FromRow(row);
            if (ledger.Entries.All(e => e.Week >= firstKept) && ledger.Ideas.All(i => i.Week >= firstKept) && ledger.Terms.Keys.All(k => TermRows.WeekOf(k) >= firstKept))
            {
                continue;
            }

            await store.ChangeAsync(row.PartitionKey, [new RowChange(row.RowKey, current => Pruned(current, firstKept))], cancellationToken);
            purged++;
        }

        foreach (var partition in teams)
        {
            var old = new List<TableEntity>();
            var partlyOld = new List<string>();
            foreach (var prefix in new[] { InsightsStore.TermPrefix, InsightsStore.PostPrefix })
            {
                var rows = table.QueryAsync<TableEntity>(
                    TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}"),
                    select: ["PartitionKey", "RowKey", "N"],
                    cancellationToken: cancellationToken);
                await foreach (var row in rows)
                {
                    if (prefix == InsightsStore.TermPrefix && TermRows.BlockOf(row.RowKey) is { } block)
                    {
                        // A block row: deleted when all its weeks are past, rewritten without them when some are.
                        var firstWeek = block * InsightsWeeks.BlockWeeks;
                        if (firstWeek + InsightsWeeks.BlockWeeks <= firstKept)
                        {
                            old.Add(row);
                        }
                        else if (firstWeek < firstKept && HasDocumentsBefore(row, firstKept - firstWeek))
                        {
                            partlyOld.Add(row.RowKey);
                        }
                    }
                    else if ((prefix == InsightsStore.PostPrefix ? WeekOfPostRow(row.RowKey) : TermRows.WeekOf(row.RowKey)) < firstKept)
                    {
                        old.Add(row);
                    }
                }
            }

            await store.ChangeAsync(partition, [.. partlyOld.Select(k => new RowChange(k, current => PrunedTerms(current, firstKept)))], cancellationToken);
            purged += partlyOld.Count;

            var markers = table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {InsightsStore.MarkerPrefix} and RowKey lt {"e}"} and At lt {cutoff}"),
                select: ["PartitionKey", "RowKey"],
                cancellationToken: cancellationToken);
            await foreach (var row in markers)
            {
                old.Add(row);
            }

            purged += await store.DeleteAsync(old, cancellationToken);
        }

        return purged;
    }

    private static TableEntity? Pruned(TableEntity? row, int firstKept)
    {
        if (row is null)
        {
            return null;
        }

        var ledger = LearnerLedger.FromRow(row);
        ledger.Entries.RemoveAll(e => e.Week < firstKept);
        ledger.Ideas.RemoveAll(i => i.Week < firstKept);
        foreach (var old in ledger.Terms.Keys.Where(k => TermRows.WeekOf(k) < firstKept).ToList())
        {
            ledger.Terms.Remove(old);
        }

        foreach (var old in ledger.Quotes.Keys.Where(k => TermRows.WeekOf(k) < firstKept).ToList())
        {
            ledger.Quotes.Remove(old);
        }

        // Left empty, the ledger goes (its index row stays harmlessly until forget me removes it).
        return ledger.Entries.Count == 0 && ledger.Ideas.Count == 0 && ledger.Terms.Count == 0 ? null : ledger.ToRow();
    }

    private static TableEntity? PrunedTerms(TableEntity? row, int firstKept)
    {
        if (row is null)
        {
            return null;
        }

        var counts = TermCounts.FromRow(row);
        counts.RemoveWeeksBefore(firstKept);
        return counts.IsEmpty ? null : counts.ToRow();
    }

    /// <summary>Whether a block row's first <paramref name="weeks"/> weeks count any reflection (its <c>N</c>: documents per week).</summary>
    private static bool HasDocumentsBefore(TableEntity row, int weeks) =>
        (row.GetString("N") ?? string.Empty).Split(',').Take(weeks).Any(n => n.Length > 0 && n != "0");

    private static int WeekOfPostRow(string rowKey)
    {
        var parts = rowKey.Split('|');
        return parts.Length > 1 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var week) ? week : int.MaxValue;
    }
}
