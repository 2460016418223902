using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Insights.InsightsHost;
using TermBudget = TeamsLearningBot.Insights.Text.TermBudget;

namespace TeamsLearningBot.Tests.Insights;

/// <summary>
/// Term rows of four weeks, through the real reflection path on Azurite: each week counted apart,
/// rows of the weekly layout before blocks still read and moved into their block at their next
/// change, and retention and forget me leaving no trace in either layout.
/// </summary>
public sealed class TermRowBlockTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Members = 14;

    // Monday of week 1344, the first week of a block (1344 / 4 = 336).
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 10, 5, 10, 0, 0, TimeSpan.Zero));
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() => host = await StartAsync(azurite, Members, configure: app => app.WithTime(time));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private InsightsReports Reports => host.Get<InsightsReports>();

    private int Week => InsightsWeeks.Of(time.GetUtcNow());

    [Fact]
    public async Task A_row_keeps_its_four_weeks_apart_so_a_period_inside_a_block_counts_only_its_own_weeks()
    {
        Assert.Equal(0, Week % InsightsWeeks.BlockWeeks);
        for (var n = 2; n <= 4; n++)
        {
            await host.SendAsync(host.Reply($"Customer onboarding came up again with client {n}.", Learner(n)));
        }

        await host.SendAsync(host.Reply("Nice video about feedback.", Learner(5)));
        await host.SendAsync(host.Reply("Good points on feedback.", Learner(6)));
        time.Advance(TimeSpan.FromDays(7));
        for (var n = 7; n <= 11; n++)
        {
            await host.SendAsync(host.Reply($"Customer onboarding is slow for account {n}.", Learner(n)));
        }

        var rows = await TermRowsAsync();
        Assert.All(rows, r => Assert.NotNull(TermRows.BlockOf(r.RowKey)));
        Assert.Equal(10, rows.Where(r => r.RowKey.Contains("|*|*|", StringComparison.Ordinal)).Sum(r => TermCounts.FromRow(r).Documents));

        var monday = InsightsWeeks.Monday(Week);
        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), new InsightsRequest(null, null, new InsightsPeriod(monday, monday.AddDays(6))), Roster(host, Members), Ct);

        var term = Assert.Single(report.Business.Terms, t => t.Term == "customer onboarding");
        Assert.Equal(5, term.Count);
        Assert.Equal(3, term.PreviousCount);
        Assert.Equal(3, term.Quotes.Count);
        Assert.All(term.Quotes, q => Assert.Contains("slow for account", q.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Weekly_rows_written_before_blocks_are_still_read_and_move_into_their_block_when_forget_me_changes_them()
    {
        string[] said =
        [
            "Our pricing pages confuse first time visitors.",
            "I had two calls this week about the pricing pages.",
            "Pricing pages should show the total up front.",
            "Sales would love simpler pricing pages, colleague three says.",
        ];
        for (var n = 2; n <= 5; n++)
        {
            await host.SendAsync(host.Reply(said[n - 2], Learner(n)));
        }

        var before = Term(await ReportAsync(), "pricing page");
        Assert.Equal(4, before.Count);

        // The rows as the weekly layout wrote them, and no block rows.
        var table = await host.Get<InsightsStore>().TableAsync(Ct);
        foreach (var row in await TermRowsAsync())
        {
            var counts = TermCounts.FromRow(row);
            await table.UpsertEntityAsync(WeeklyRow(row, counts, Week), TableUpdateMode.Replace, Ct);
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: Ct);
        }

        Assert.All(await TermRowsAsync(), r => Assert.Null(TermRows.BlockOf(r.RowKey)));
        var weekly = Term(await ReportAsync(), "pricing page");
        Assert.Equal(4, weekly.Count);
        Assert.Equal(before.Quotes.Select(q => q.Text).Order(StringComparer.Ordinal), weekly.Quotes.Select(q => q.Text).Order(StringComparer.Ordinal));

        // A reflection after the change goes to the block row; the report adds both layouts up.
        await host.SendAsync(host.Reply("The pricing pages hide the discount.", Learner(6)));
        Assert.Equal(5, Term(await ReportAsync(), "pricing page").Count);

        var ledgerRow = (await table.GetEntityAsync<TableEntity>(InsightsStore.Partition(ReflectionsHost.TeamId), InsightsStore.LedgerRow(Key(host, 3)), cancellationToken: Ct)).Value;
        var ledger = LearnerLedger.FromRow(ledgerRow);
        var theirs = ledger.Quotes.Values.SelectMany(r => r).ToHashSet();
        Assert.NotEmpty(theirs);
        await ForgetAsync(3);

        var after = Term(await ReportAsync(), "pricing page");
        Assert.Equal(4, after.Count);
        Assert.DoesNotContain(after.Quotes, q => q.Author == Name(3) || q.Text.Contains("two calls", StringComparison.Ordinal));
        var rows = await TermRowsAsync();
        var keys = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        Assert.All(ledger.Terms.Keys, k => Assert.DoesNotContain(k, keys));
        Assert.Contains(keys, k => TermRows.BlockOf(k) is null);
        Assert.DoesNotContain(rows.SelectMany(r => TermCounts.FromRow(r).Refs).OfType<ReflectionRef>(), theirs.Contains);
        var all = rows.Where(r => r.RowKey.Contains("|*|*|", StringComparison.Ordinal)).Select(TermCounts.FromRow).ToList();
        Assert.Equal(4, all.Sum(r => r.Documents));
        Assert.Equal(4, all.Sum(r => r.Terms.GetValueOrDefault("pricing page")));
    }

    [Fact]
    public async Task Retention_takes_past_weeks_out_of_a_block_and_deletes_rows_of_either_layout_left_with_none()
    {
        for (var n = 2; n <= 4; n++)
        {
            await host.SendAsync(host.Reply($"Pricing pages confuse visitor {n}.", Learner(n)));
        }

        var oldWeek = Week;
        time.Advance(TimeSpan.FromDays(7));
        for (var n = 5; n <= 7; n++)
        {
            await host.SendAsync(host.Reply($"Customer onboarding is slow for account {n}.", Learner(n)));
        }

        // A weekly row of the layout before blocks, of the old week.
        var table = await host.Get<InsightsStore>().TableAsync(Ct);
        var partition = InsightsStore.Partition(ReflectionsHost.TeamId);
        var legacyKey = TermRows.Key(TermRows.All, "legacy", oldWeek, 0);
        await table.AddEntityAsync(new TableEntity(partition, legacyKey) { ["Documents"] = 1, ["T0"] = TermBudget.Encode([KeyValuePair.Create("old words", 1)]) }, Ct);
        var oldRefs = (await TermRowsAsync()).Select(TermCounts.FromRow).SelectMany(c => c.QuotesFor("pricing page", oldWeek)).ToHashSet();
        Assert.NotEmpty(oldRefs);

        // Ten weeks on, keeping the weeks from oldWeek + 1: the block of oldWeek…oldWeek + 3 keeps its second week only.
        time.Advance(TimeSpan.FromDays(63));
        await host.SendAsync(host.Reply("Customer onboarding again, this time in Lyon.", Learner(8)));
        Assert.Equal(oldWeek + 10, Week);
        Assert.True(await PurgeAsync(retentionDays: 65) > 0);

        var rows = await TermRowsAsync();
        Assert.DoesNotContain(rows, r => r.RowKey == legacyKey);
        var counts = rows.Select(TermCounts.FromRow).ToList();
        Assert.All(counts, c => Assert.Equal(0, c.DocumentsIn(oldWeek)));
        Assert.DoesNotContain(counts.SelectMany(c => c.Refs).OfType<ReflectionRef>(), oldRefs.Contains);
        Assert.DoesNotContain(counts, c => c.Terms.ContainsKey("pricing page"));
        Assert.Equal(3, counts.Where((_, i) => rows[i].RowKey.Contains("|*|*|", StringComparison.Ordinal)).Sum(c => c.DocumentsIn(oldWeek + 1)));

        // Past the whole block: its rows go.
        Assert.True(await PurgeAsync(retentionDays: 44) > 0);
        rows = await TermRowsAsync();
        Assert.All(rows, r => Assert.Equal(InsightsWeeks.BlockOf(Week), TermRows.BlockOf(r.RowKey)));
        Assert.Equal(1, rows.Where(r => r.RowKey.Contains("|*|*|", StringComparison.Ordinal)).Sum(r => TermCounts.FromRow(r).Documents));
    }

    private static RisingTerm Term(InsightsReport report, string term) => Assert.Single(report.Business.Terms, t => t.Term == term);

    private Task<InsightsReport> ReportAsync() =>
        Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), new InsightsRequest(null, null, InsightsPeriod.LastDays(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), 28)), Roster(host, Members), Ct);

    private Task<List<TableEntity>> TermRowsAsync() =>
        host.Get<InsightsStore>().RangeAsync(ReflectionsHost.TeamId, InsightsStore.TermPrefix, null, null, null, Ct);

    private async Task<int> PurgeAsync(int retentionDays) =>
        await new InsightsPurge(host.Get<InsightsStore>(), Options.Create(new PrivacyOptions { RetentionDays = retentionDays }), Options.Create(new InsightsOptions()), time).PurgeAsync(Ct);

    private async Task ForgetAsync(int n) =>
        await host.SendAsync(TestActivities.Load("personal-message", host.Teams.ServiceUrl, a =>
        {
            a["from"] = Learner(n);
            a["value"] = new JsonObject { ["verb"] = "privacy.forget" };
        }));

    /// <summary>Week <paramref name="week"/> of a block row, as the weekly layout wrote it: <c>Documents</c>, <c>T0</c>, <c>Q0</c>, <c>R0</c> under the week's key.</summary>
    private static TableEntity WeeklyRow(TableEntity block, TermCounts counts, int week)
    {
        var key = block.RowKey.Replace($"|b{InsightsWeeks.Key(InsightsWeeks.BlockOf(week))}|", $"|{InsightsWeeks.Key(week)}|", StringComparison.Ordinal);
        var terms = counts.TermsIn(week).ToList();
        var refs = terms.SelectMany(t => counts.QuotesFor(t.Key, week)).Distinct().ToList();
        var quotes = new StringBuilder();
        foreach (var (term, _) in terms)
        {
            var indices = counts.QuotesFor(term, week).Select(r => refs.IndexOf(r).ToString(CultureInfo.InvariantCulture)).ToList();
            if (indices.Count > 0)
            {
                quotes.Append(term).Append('\t').AppendJoin(',', indices).Append('\n');
            }
        }

        return new TableEntity(block.PartitionKey, key)
        {
            ["Documents"] = counts.DocumentsIn(week),
            ["T0"] = TermBudget.Encode(terms),
            ["Q0"] = quotes.ToString(),
            ["R0"] = JsonSerializer.Serialize(refs),
        };
    }

    private static JsonObject Learner(int n) => ReflectionsHost.Learner(n);
}
