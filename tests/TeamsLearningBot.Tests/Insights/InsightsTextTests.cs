using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Insights.InsightsHost;

namespace TeamsLearningBot.Tests.Insights;

/// <summary>
/// What people say, through the real reflection path: replies in the card's thread and shares from
/// the card become term counts, quotes and ideas in insights, and leave them again with forget me.
/// </summary>
public sealed class InsightsTextTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Members = 14;

    // A Monday; the card is posted then, the "before" reflections are written that week, and the
    // clock moves five weeks on for the reflections of the period the report covers.
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 10, 5, 10, 0, 0, TimeSpan.Zero));
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() => host = await StartAsync(azurite, Members, anonymous: true, configure: app => app.WithTime(time));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private InsightsReports Reports => host.Get<InsightsReports>();

    [Fact]
    public async Task A_rising_phrase_comes_with_quotes_from_different_people_and_anonymous_ones_are_a_colleague()
    {
        for (var n = 2; n <= 6; n++)
        {
            await host.SendAsync(host.Reply($"The feedback part was useful for my one to one meetings, number {n}.", Learner(n)));
        }

        time.Advance(TimeSpan.FromDays(35));
        await host.SendAsync(host.Reply("Customer onboarding takes far too long in our region.", Learner(2)));
        await host.SendAsync(host.Reply("I keep thinking about customer onboarding after this video.", Learner(3)));
        await host.SendAsync(host.Share("Our customer onboarding checklist is out of date.", "4", Learner(4), anonymous: true));
        await host.SendAsync(host.Reply("Customer onboarding could use the same feedback loop.", Learner(5)));
        await host.SendAsync(host.Reply("Nothing to add, nice video.", Learner(6)));

        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct);

        var term = report.Business.Terms[0];
        Assert.Equal("customer onboarding", term.Term);
        Assert.Equal(4, term.Count);
        Assert.Equal(0, term.PreviousCount);
        Assert.DoesNotContain(report.Business.Terms, t => t.Term is "customer" or "onboarding" or "feedback");
        Assert.Equal(3, term.Quotes.Count);
        Assert.All(term.Quotes, q => Assert.Contains("ustomer onboarding", q.Text, StringComparison.Ordinal));
        Assert.Equal(3, term.Quotes.Select(q => q.Author).Distinct().Count());
        Assert.DoesNotContain(term.Quotes, q => q.Author == Name(4));
        Assert.All(term.Quotes.Where(q => q.Text.Contains("checklist", StringComparison.Ordinal)), q => Assert.Equal(BusinessInsights.Colleague, q.Author));
    }

    [Fact]
    public async Task Ideas_and_customer_signals_are_listed_with_the_rule_that_found_them_and_struggles_are_counted()
    {
        time.Advance(TimeSpan.FromDays(35));
        await host.SendAsync(host.Reply("We could pair new starters with a buddy for their first month.", Learner(2)));
        await host.SendAsync(host.Reply("Customers keep asking for a shorter contract.", Learner(3)));
        await host.SendAsync(host.Reply("Good summary, I liked the examples.", Learner(4)));
        for (var n = 5; n <= 9; n++)
        {
            await host.SendAsync(host.Reply("Honestly I struggle with giving feedback to peers.", Learner(n)));
        }

        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct);
        var experts = await Reports.ExpertsAsync(new InsightsScope(ReflectionsHost.TeamId), host.Item.Tags[0], LastFourWeeks().Period, Ct);

        var idea = Assert.Single(report.Business.Ideas, q => q.Kind!.StartsWith(LedgerIdea.IdeaKind, StringComparison.Ordinal));
        Assert.Equal($"{LedgerIdea.IdeaKind} (\u201Cwe could\u201D)", idea.Kind);
        Assert.Equal(Name(2), idea.Author);
        var signal = Assert.Single(report.Business.Ideas, q => q.Kind!.StartsWith(LedgerIdea.SignalKind, StringComparison.Ordinal));
        Assert.Contains("shorter contract", signal.Text, StringComparison.Ordinal);
        Assert.Equal(2, report.Business.Ideas.Count);
        Assert.Equal(5, experts.Support.Struggling.Count);
        Assert.Equal(5, experts.Support.Named.Count);
    }

    [Fact]
    public async Task A_quote_whose_reflection_is_gone_gives_way_to_the_term_s_next_candidates()
    {
        time.Advance(TimeSpan.FromDays(35));
        string[] said =
        [
            "Customer onboarding took three weeks for the Berlin account.",
            "We lost a day in customer onboarding because the forms changed.",
            "Customer onboarding needs one owner, not four.",
            "I shadowed customer onboarding on Tuesday and took notes.",
            "The customer onboarding survey came back mostly positive.",
            "Nobody told me customer onboarding had a new checklist.",
        ];
        for (var n = 2; n <= 7; n++)
        {
            await host.SendAsync(host.Reply(said[n - 2], Learner(n)));
        }

        // The candidates in the order a report offers them: remove the reflections of the first two.
        var rows = await host.Get<InsightsStore>().RangeAsync(ReflectionsHost.TeamId, InsightsStore.TermPrefix, null, null, null, Ct);
        var offered = BusinessInsights.Candidates([.. rows.Where(r => r.RowKey.Contains("|*|*|", StringComparison.Ordinal)).Select(TermCounts.FromRow)], "customer onboarding", LastFourWeeks().Period, 10);
        Assert.Equal(6, offered.Count);
        var reflections = host.Get<ReflectionStore>();
        var gone = new List<string>();
        foreach (var reference in offered.Take(2))
        {
            var reflection = await reflections.GetReflectionAsync(reference.Post, reference.SourceId, Ct);
            gone.Add(reflection!.AuthorName!);
            await reflections.DeleteRowsAsync([reflection], Ct);
        }

        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct);

        var term = Assert.Single(report.Business.Terms, t => t.Term == "customer onboarding");
        Assert.Equal(6, term.Count);
        Assert.Equal(3, term.Quotes.Count);
        Assert.Equal(3, term.Quotes.Select(q => q.Author).Distinct().Count());
        Assert.DoesNotContain(term.Quotes, q => gone.Contains(q.Author));
    }

    [Fact]
    public async Task Ideas_whose_reflections_are_gone_give_way_to_older_ones()
    {
        string[] ideas = ["a buddy scheme", "a shared glossary", "shorter stand-ups", "a demo day", "office hours", "a wiki page", "a lunch and learn", "pair reviews", "a feedback form", "a newsletter", "a reading circle", "a help channel"];
        time.Advance(TimeSpan.FromDays(35));
        for (var n = 5; n <= 13; n++)
        {
            await host.SendAsync(host.Reply($"We could try {ideas[n - 2]} next month.", Learner(n)));
        }

        // The three newest ideas, those a report reads first, go.
        time.Advance(TimeSpan.FromDays(8));
        var table = await host.Get<InsightsStore>().TableAsync(Ct);
        var reflections = host.Get<ReflectionStore>();
        for (var n = 2; n <= 4; n++)
        {
            await host.SendAsync(host.Reply($"We could try {ideas[n - 2]} next month.", Learner(n)));
            var ledger = LearnerLedger.FromRow((await table.GetEntityAsync<TableEntity>(InsightsStore.Partition(ReflectionsHost.TeamId), InsightsStore.LedgerRow(Key(host, n)), cancellationToken: Ct)).Value);
            var reference = Assert.Single(ledger.Ideas).Ref;
            await reflections.DeleteRowsAsync([(await reflections.GetReflectionAsync(reference.Post, reference.SourceId, Ct))!], Ct);
        }

        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct);

        Assert.Equal(BusinessInsights.MaxIdeas, report.Business.Ideas.Count);
        Assert.Equal(BusinessInsights.MaxIdeas, report.Business.Ideas.Select(i => i.Author).Distinct().Count());
        Assert.All(report.Business.Ideas, i => Assert.Contains(i.Author, Enumerable.Range(5, 9).Select(Name)));
    }

    [Fact]
    public async Task A_ledger_written_before_entries_and_ideas_had_blocks_still_reads_and_its_next_change_moves_them()
    {
        time.Advance(TimeSpan.FromDays(35));
        await host.SendAsync(host.Reply("We could pair new starters with a buddy for their first month.", Learner(2)));

        // The row as it was written before: entries and ideas together in one JSON across L0….
        var table = await host.Get<InsightsStore>().TableAsync(Ct);
        var partition = InsightsStore.Partition(ReflectionsHost.TeamId);
        var rowKey = InsightsStore.LedgerRow(Key(host, 2));
        var row = (await table.GetEntityAsync<TableEntity>(partition, rowKey, cancellationToken: Ct)).Value;
        var ideas = Assert.Single(row.Keys, IsIdeasColumn);
        var legacy = new JsonObject
        {
            ["e"] = System.Text.Json.JsonSerializer.SerializeToNode(LearnerLedger.FromRow(row).Entries),
            ["d"] = JsonNode.Parse(row.GetString(ideas)!),
        };
        foreach (var column in row.Keys.Where(IsEntriesColumn).Append(ideas).ToList())
        {
            row.Remove(column);
        }

        row["L0"] = legacy.ToJsonString();
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, Ct);

        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct);
        Assert.Equal(Name(2), Assert.Single(report.Business.Ideas).Author);

        await host.SendAsync(host.Reply("What if every team kept a shared glossary?", Learner(2)));
        var rewritten = (await table.GetEntityAsync<TableEntity>(partition, rowKey, cancellationToken: Ct)).Value;
        Assert.Null(rewritten.GetString("L0"));
        Assert.Contains(rewritten.Keys, IsEntriesColumn);
        Assert.Equal(2, LearnerLedger.FromRow(rewritten).Entries.Sum(e => e.Reflections));
        Assert.Equal(2, JsonNode.Parse(rewritten.GetString(Assert.Single(rewritten.Keys, IsIdeasColumn))!)!.AsArray().Count);
        Assert.Equal(2, (await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct)).Business.Ideas.Count);
    }

    [Fact]
    public async Task A_report_reads_only_the_entries_of_its_weeks()
    {
        await host.SendAsync(host.Reply("Pairing helped me more than the training did.", Learner(2)));
        time.Advance(TimeSpan.FromDays(70));
        await host.SendAsync(host.Reply("Reviews go faster when the author explains the why.", Learner(2)));

        var table = await host.Get<InsightsStore>().TableAsync(Ct);
        var row = (await table.GetEntityAsync<TableEntity>(InsightsStore.Partition(ReflectionsHost.TeamId), InsightsStore.LedgerRow(Key(host, 2)), cancellationToken: Ct)).Value;
        Assert.Equal(2, LearnerLedger.FromRow(row).Entries.Sum(e => e.Reflections));
        Assert.Equal(2, row.Keys.Count(IsEntriesColumn));

        var period = LastFourWeeks().Period;
        var selected = (await table.GetEntityAsync<TableEntity>(row.PartitionKey, row.RowKey, LearnerLedger.ReportColumns(period.FirstWeek, period.LastWeek), Ct)).Value;
        var entry = Assert.Single(LearnerLedger.FromRow(selected).Entries);
        Assert.Equal(period.LastWeek, entry.Week);
        Assert.Equal(ReflectionsHost.ChannelId, entry.Channel);
    }

    [Fact]
    public async Task A_report_reads_only_the_ideas_of_its_period()
    {
        await host.SendAsync(host.Reply("We could run a monthly demo day for the whole floor.", Learner(2)));
        time.Advance(TimeSpan.FromDays(70));
        await host.SendAsync(host.Reply("We could pair new starters with a buddy for their first month.", Learner(2)));

        var table = await host.Get<InsightsStore>().TableAsync(Ct);
        var row = (await table.GetEntityAsync<TableEntity>(InsightsStore.Partition(ReflectionsHost.TeamId), InsightsStore.LedgerRow(Key(host, 2)), cancellationToken: Ct)).Value;
        Assert.Equal(2, LearnerLedger.FromRow(row).Ideas.Count);
        Assert.Equal(2, row.Keys.Count(IsIdeasColumn));

        var period = LastFourWeeks().Period;
        var selected = (await table.GetEntityAsync<TableEntity>(row.PartitionKey, row.RowKey, LearnerLedger.ReportColumnsWithIdeas(period.FirstWeek, period.LastWeek, period.FirstWeek, period.LastWeek), Ct)).Value;
        Assert.Equal(period.LastWeek, Assert.Single(LearnerLedger.FromRow(selected).Ideas).Week);
        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct);
        Assert.Contains("buddy", Assert.Single(report.Business.Ideas).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_takes_the_ideas_of_weeks_past_the_cut_off_out_of_the_ledger()
    {
        await host.SendAsync(host.Reply("We could run a monthly demo day for the whole floor.", Learner(2)));
        time.Advance(TimeSpan.FromDays(70));
        await host.SendAsync(host.Reply("We could pair new starters with a buddy for their first month.", Learner(2)));
        var purge = new InsightsPurge(host.Get<InsightsStore>(), Options.Create(new PrivacyOptions { RetentionDays = 30 }), Options.Create(new InsightsOptions()), time);

        Assert.True(await purge.PurgeAsync(Ct) > 0);

        var table = await host.Get<InsightsStore>().TableAsync(Ct);
        var row = (await table.GetEntityAsync<TableEntity>(InsightsStore.Partition(ReflectionsHost.TeamId), InsightsStore.LedgerRow(Key(host, 2)), cancellationToken: Ct)).Value;
        Assert.Single(row.Keys, IsIdeasColumn);
        Assert.Equal(InsightsWeeks.Of(time.GetUtcNow()), Assert.Single(LearnerLedger.FromRow(row).Ideas).Week);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), new InsightsRequest(null, null, new InsightsPeriod(today.AddDays(-80), today)), Roster(host, Members), Ct);
        Assert.Contains("buddy", Assert.Single(report.Business.Ideas).Text, StringComparison.Ordinal);
    }

    private static bool IsIdeasColumn(string property) => property.Length > 1 && property[0] == 'D' && char.IsAsciiDigit(property[1]);

    private static bool IsEntriesColumn(string property) => property.Length > 1 && property[0] == 'E' && char.IsAsciiDigit(property[1]);

    [Fact]
    public async Task Forget_me_takes_the_person_s_terms_and_quotes_out_of_every_term_row()
    {
        time.Advance(TimeSpan.FromDays(35));
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

        var before = (await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct)).Business.Terms.Single(t => t.Term == "pricing page");
        Assert.Equal(4, before.Count);
        Assert.Equal(4, (await TermRowsAsync()).Sum(r => r.Documents) / 2);

        await host.SendAsync(TestActivities.Load("personal-message", host.Teams.ServiceUrl, a =>
        {
            a["from"] = Learner(3);
            a["value"] = new JsonObject { ["verb"] = "privacy.forget" };
        }));

        var after = (await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct)).Business.Terms.Single(t => t.Term == "pricing page");
        Assert.Equal(3, after.Count);
        Assert.DoesNotContain(after.Quotes, q => q.Author == Name(3) || q.Text.Contains("two calls", StringComparison.Ordinal));
        var rows = await TermRowsAsync();
        Assert.Equal(3 * 2, rows.Sum(r => r.Documents));
        Assert.DoesNotContain(rows.SelectMany(r => r.Refs).OfType<ReflectionRef>(), r => r.SourceId.Length == 0);
    }

    [Fact]
    public async Task A_redelivered_reply_and_two_instances_at_once_count_each_reflection_once()
    {
        time.Advance(TimeSpan.FromDays(35));
        await using var other = host.AddInstance(refresher: false);
        var replies = Enumerable.Range(2, Members - 1).Select(n => host.Reply($"Role play with a mentor helped, from {n}.", Learner(n))).ToList();
        await Task.WhenAll(replies.Select((reply, i) => i % 2 == 0 ? host.SendAsync(reply) : other.PostActivityAsync(reply, Ct)));
        await host.SendAsync(replies[0]);
        await other.PostActivityAsync(replies[1], Ct);

        var rows = await TermRowsAsync();
        var all = rows.Where(r => r.Key.Contains("|*|*|", StringComparison.Ordinal)).ToList();
        Assert.Equal(Members - 1, all.Sum(r => r.Documents));
        Assert.Equal(Members - 1, all.Sum(r => r.Terms.GetValueOrDefault("role play")));
        Assert.Equal(Members - 1, rows.Where(r => !r.Key.Contains("|*|*|", StringComparison.Ordinal)).Sum(r => r.Terms.GetValueOrDefault("mentor")));
    }

    [Fact]
    public async Task A_private_channel_s_words_stay_in_that_channel_s_insights()
    {
        const string secret = "19:5e1a7c0b9f2d4e6a8b3c1d0e9f8a7b6c@thread.tacv2";
        var card = await host.PostCardAsync(secret, "1764240009999");
        time.Advance(TimeSpan.FromDays(35));
        string[] said = ["Merger integration is all we talk about.", "The merger integration timeline slipped again.", "Who owns merger integration now?", "Our merger integration playbook needs work."];
        for (var n = 2; n <= 5; n++)
        {
            var reply = ReflectionsHost.On(card, host.Reply(said[n - 2], Learner(n)));
            reply["channelData"]!["channel"]!["type"] = "private";
            await host.SendAsync(reply);
        }

        var team = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct);
        var channel = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId, secret), LastFourWeeks(), Roster(host, Members), Ct);

        Assert.DoesNotContain(team.Business.Terms, t => t.Term.Contains("merger", StringComparison.Ordinal));
        Assert.Equal(4, Assert.Single(channel.Business.Terms, t => t.Term == "merger integration").Count);
    }

    [Fact]
    public async Task A_changed_rating_replaces_the_first_in_relevance()
    {
        await host.SendAsync(host.Share(null, "5", Learner(2)));
        time.Advance(TimeSpan.FromDays(7));
        await host.SendAsync(host.Share(null, "1", Learner(2)));
        await host.SendAsync(host.Share(null, "1", Learner(2)));

        var item = Assert.Single((await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), LastFourWeeks(), Roster(host, Members), Ct)).Relevance.Items);
        Assert.Equal(1, item.Ratings);
        Assert.Equal(((InsightsReports.PriorWeight * InsightsReports.NeutralPrior) + 1) / (InsightsReports.PriorWeight + 1), item.Score, 6);
    }

    private InsightsRequest LastFourWeeks() => new(null, null, InsightsPeriod.LastDays(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), 28));

    private async Task<List<(string Key, int Documents, IReadOnlyDictionary<string, int> Terms, IReadOnlyList<ReflectionRef?> Refs)>> TermRowsAsync()
    {
        var rows = await host.Get<InsightsStore>().RangeAsync(ReflectionsHost.TeamId, InsightsStore.TermPrefix, null, null, null, Ct);
        return [.. rows.Select(r =>
        {
            var counts = TermCounts.FromRow(r);
            return (r.RowKey, counts.Documents, (IReadOnlyDictionary<string, int>)counts.Terms, (IReadOnlyList<ReflectionRef?>)counts.Refs);
        })];
    }

    private static JsonObject Learner(int n) => ReflectionsHost.Learner(n);
}
