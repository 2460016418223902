using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Insights;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Recognition;
using TeamsLearningBot.Tests.Reflections;
using static TeamsLearningBot.Tests.Insights.InsightsHost;

namespace TeamsLearningBot.Tests.Insights;

public sealed class InsightsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Members = 12;
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() => host = await StartAsync(azurite, Members);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private InsightsReports Reports => host.Get<InsightsReports>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tiers_follow_the_weeks_with_a_drop_with_the_benchmark_and_the_trend()
    {
        var item = await AddItemAsync(host, "Discovery calls", "sales");
        await PostedInAsync(host, item.Number, 1, 2, 3, 4, 5, 6, 7, 8);

        // 1–5 in two of the four weeks (the boundary: half of 4, and at least 2), 5 anonymously; 6–10 in one week (7 twice in it); 11–12 never.
        for (var n = 1; n <= 5; n++)
        {
            await PublishAsync(host, Reflected(host, n, item.Number, WeeksAgo(1), anonymous: n == 5), Reflected(host, n, item.Number, WeeksAgo(2), anonymous: n == 5));
            await PublishAsync(host, Reflected(host, n, item.Number, WeeksAgo(6)));
        }

        for (var n = 6; n <= 10; n++)
        {
            await PublishAsync(host, Reflected(host, n, item.Number, WeeksAgo(3)), Reflected(host, n, item.Number, WeeksAgo(7)));
        }

        await PublishAsync(host, Reflected(host, 7, item.Number, WeeksAgo(3).AddDays(2)));

        // A roster of 15: 11–15 never contributed, so every tier is a group of at least 5.
        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(), Roster(host, 15), Ct);
        var p = report.Participation;

        Assert.Equal(15, p.Members);
        Assert.Equal(4, p.DropWeeks);
        Assert.Equal(2, p.RegularWeeksNeeded);
        Assert.Equal(5, p.Regular.Now.Count);
        Assert.Equal(100.0 * 5 / 15, p.Regular.Now.Percent!.Value, 6);
        Assert.Equal(5, p.Occasional.Now.Count);
        Assert.Equal(5, p.NotYet.Now.Count);
        Assert.Equal([20.0, 62.0, 18.0], p.Tiers.Select(t => t.BenchmarkPercent));

        // Before: 1–5 and 6–10 each in one week, so nobody was regular (suppressed), ten occasional.
        Assert.True(p.Regular.Before.Suppressed);
        Assert.Null(p.Regular.TrendPoints);
        Assert.Equal(10, p.Occasional.Before.Count);
        Assert.Equal((100.0 * 5 / 15) - (100.0 * 10 / 15), p.Occasional.TrendPoints!.Value, 6);

        // Of the 12 on the host's roster, only 2 have not contributed: "fewer than 5", and one more
        // tier goes with it, so that 12 minus the tiers shown cannot tell the 2.
        var twelve = (await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(), Roster(host, Members), Ct)).Participation;
        Assert.Equal(12, twelve.Members);
        Assert.True(twelve.NotYet.Now.Suppressed);
        Assert.Equal("fewer than 5", twelve.NotYet.Now.Describe());
        Assert.Equal(2, twelve.Tiers.Count(t => t.Now.Suppressed));
        Assert.All(twelve.Tiers.Where(t => t.Now.Suppressed), t => Assert.Null(t.Now.Percent));
    }

    [Fact]
    public async Task Two_weeks_are_not_regular_when_five_weeks_had_a_drop()
    {
        var item = await AddItemAsync(host, "Objections", "sales");
        await PostedInAsync(host, item.Number, 1, 2, 3, 4, 5);
        for (var n = 1; n <= 5; n++)
        {
            await PublishAsync(host, Reflected(host, n, item.Number, WeeksAgo(1)), Reflected(host, n, item.Number, WeeksAgo(2)));
        }

        var thisWeek = InsightsWeeks.Of(Today);
        var fiveWeeks = new InsightsRequest(null, null, new InsightsPeriod(InsightsWeeks.Monday(thisWeek - 5), InsightsWeeks.Monday(thisWeek).AddDays(-1)));
        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), fiveWeeks, Roster(host, Members), Ct);

        Assert.Equal(3, report.Participation.RegularWeeksNeeded);
        Assert.True(report.Participation.Regular.Now.Suppressed);
        Assert.Equal(5, report.Participation.Occasional.Now.Count);
        Assert.Equal(7, report.Participation.NotYet.Now.Count);
    }

    [Fact]
    public async Task A_tag_or_an_item_narrows_every_figure_to_its_content()
    {
        var sales = await AddItemAsync(host, "Pricing", "sales");
        var safety = await AddItemAsync(host, "Lifting", "safety");
        await PostedInAsync(host, sales.Number, 1, 2);
        await PostedInAsync(host, safety.Number, 3);
        for (var n = 1; n <= 6; n++)
        {
            await PublishAsync(host, Reflected(host, n, sales.Number, WeeksAgo(1)), Reflected(host, n, sales.Number, WeeksAgo(2)), Reflected(host, n, safety.Number, WeeksAgo(3)));
        }

        var bySales = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(tag: "SALES"), Roster(host, Members), Ct);
        var bySafety = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(item: safety.Number), Roster(host, Members), Ct);

        Assert.Equal(2, bySales.Participation.DropWeeks);
        Assert.Equal(6, bySales.Participation.Regular.Now.Count);
        Assert.Equal([sales.Number], bySales.Relevance.Items.Select(i => i.Item));
        Assert.Equal(1, bySafety.Participation.DropWeeks);
        Assert.Equal(6, bySafety.Participation.Occasional.Now.Count);
        Assert.Equal([safety.Number], bySafety.Relevance.Items.Select(i => i.Item));
    }

    [Fact]
    public async Task Relevance_ranks_by_confidence_so_one_five_star_does_not_top_the_list()
    {
        var many = await AddItemAsync(host, "Well rated", "sales");
        var one = await AddItemAsync(host, "Rated once", "sales");
        var poor = await AddItemAsync(host, "Poorly rated", "ops");
        int[] ratings = [5, 5, 4, 4, 4, 4];
        for (var n = 1; n <= ratings.Length; n++)
        {
            await PublishAsync(host, Rated(host, n, many.Number, ratings[n - 1], WeeksAgo(1)), Rated(host, n, poor.Number, 1, WeeksAgo(2)));
        }

        await PublishAsync(host, Rated(host, 7, one.Number, 5, WeeksAgo(1)));

        var relevance = (await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(), Roster(host, Members), Ct)).Relevance;

        Assert.Equal([many.Number, one.Number, poor.Number], relevance.Items.Select(i => i.Item));
        var top = relevance.Items[0];
        Assert.Equal(6, top.Ratings);
        Assert.Equal(26.0 / 6, top.Mean!.Value, 6);

        // One rating is a figure about one person: no mean shown.
        Assert.Null(relevance.Items[1].Mean);
        Assert.Equal(poor.Number, relevance.Worst[0].Item);
        Assert.Equal("Needed for Poorly rated", relevance.Worst[0].PerformanceNeed);
        Assert.Equal(["sales", "ops"], relevance.Tags.Select(t => t.Tag));
    }

    [Fact]
    public async Task A_redelivered_event_is_counted_once()
    {
        var item = await AddItemAsync(host, "Once", "sales");
        var reflected = Reflected(host, 2, item.Number, WeeksAgo(1), id: "reflected|same");
        await PublishAsync(host, reflected);
        await PublishAsync(host, reflected);
        await PublishAsync(host, reflected, Rated(host, 2, item.Number, 4, WeeksAgo(1)));
        await PublishAsync(host, Rated(host, 2, item.Number, 4, WeeksAgo(1)));

        var relevance = (await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(), Roster(host, Members), Ct)).Relevance;

        Assert.Equal(1, Assert.Single(relevance.Items).Reflections);
        Assert.Equal(1, relevance.Items[0].Ratings);
    }

    [Fact]
    public async Task Two_instances_counting_the_same_learners_at_once_get_exact_totals()
    {
        var item = await AddItemAsync(host, "Busy", "sales");
        await using var other = host.AddInstance(refresher: false);
        var otherEvents = other.Services.GetRequiredService<TeamsLearningBot.Events.LearnerEvents>();
        var mine = host.Get<TeamsLearningBot.Events.LearnerEvents>();

        // Each of 8 learners reflects 5 times on each instance (distinct events) and each instance
        // also delivers the same 2 events per learner (a redelivery landing on both instances).
        var tasks = new List<Task>();
        for (var n = 1; n <= 8; n++)
        {
            for (var i = 0; i < 5; i++)
            {
                tasks.Add(mine.PublishAsync(Reflected(host, n, item.Number, WeeksAgo(1), id: $"a|{n}|{i}"), Ct));
                tasks.Add(otherEvents.PublishAsync(Reflected(host, n, item.Number, WeeksAgo(1), id: $"b|{n}|{i}"), Ct));
            }

            for (var i = 0; i < 2; i++)
            {
                var shared = Reflected(host, n, item.Number, WeeksAgo(2), id: $"both|{n}|{i}");
                tasks.Add(mine.PublishAsync(shared, Ct));
                tasks.Add(otherEvents.PublishAsync(shared, Ct));
            }

            tasks.Add(mine.PublishAsync(Rated(host, n, item.Number, 1 + (n % 5), WeeksAgo(1)), Ct));
        }

        await Task.WhenAll(tasks);

        // One more on the roster than the host has, so the 5 who never contributed are a group the report may show.
        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(), Roster(host, Members + 1), Ct);
        var busy = Assert.Single(report.Relevance.Items);
        Assert.Equal(8 * 12, busy.Reflections);
        Assert.Equal(8, busy.Ratings);
        Assert.Equal(8, report.Participation.Regular.Now.Count);
    }

    [Fact]
    public async Task Anonymous_contributions_count_but_are_never_named()
    {
        var item = await AddItemAsync(host, "Candid", "culture");
        await PostedInAsync(host, item.Number, 1);
        for (var n = 1; n <= 6; n++)
        {
            await PublishAsync(host, Reflected(host, n, item.Number, WeeksAgo(1), anonymous: n >= 4));
        }

        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(), Roster(host, Members), Ct);
        var experts = await Reports.ExpertsAsync(new InsightsScope(ReflectionsHost.TeamId), "culture", FourWeeks().Period, Ct);

        Assert.Equal(6, report.Participation.Occasional.Now.Count);
        Assert.Equal(6, report.Relevance.Items[0].Reflections);
        Assert.Equal([Name(1), Name(2), Name(3)], experts.Experts.Select(e => e.Name).Order());
        var text = string.Join("\n", InsightsCard.Experts(experts, "Learning Lab").Select(a => a.Content!.Value.GetRawText()));
        Assert.DoesNotContain(Name(4), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Name(6), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_channel_content_shows_only_in_that_channel_s_insights()
    {
        const string Private = "19:private0channel@thread.tacv2";
        var item = await AddItemAsync(host, "Secret project", "sales");
        for (var n = 1; n <= 5; n++)
        {
            await PublishAsync(host, Reflected(host, n, item.Number, WeeksAgo(1), channel: Private, channelType: "private"));
        }

        await PublishAsync(host, Reflected(host, 6, item.Number, WeeksAgo(1)));

        var team = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(), Roster(host, Members), Ct);
        var channel = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId, Private), FourWeeks(), Roster(host, 5), Ct);

        Assert.Equal(1, team.Relevance.Items[0].Reflections);
        Assert.Equal(5, channel.Relevance.Items[0].Reflections);
        Assert.Equal(5, channel.Participation.Occasional.Now.Count);
    }

    [Fact]
    public async Task Forget_me_removes_the_person_from_every_aggregate()
    {
        var item = await AddItemAsync(host, "Memorable", "sales");
        for (var n = 1; n <= 6; n++)
        {
            await PublishAsync(host, Reflected(host, n, item.Number, WeeksAgo(1)), Rated(host, n, item.Number, 5, WeeksAgo(1)));
        }

        await PublishAsync(host, Reaction(host, 3, item.Number, WeeksAgo(1), "reaction|1"));
        await host.SendAsync(host.Command(ExpertsVisibilityCommand.Hide, From(3)));
        Assert.NotEmpty(await StoredRows.MentioningAsync(host.App, Id(3), Key(host, 3), Name(3), InsightsStore.TableName));

        var eraser = host.App.Services.GetServices<IPersonalDataEraser>().OfType<InsightsPersonalDataEraser>().Single();
        var erased = await eraser.EraseAsync(new PersonalDataSubject(ReflectionsHost.TenantId, Id(3), Aad(3), Key(host, 3)), Ct);

        Assert.Equal(2, erased);

        // The leaderboard's day rows share the team's partition: its eraser takes those.
        var points = host.App.Services.GetServices<IPersonalDataEraser>().Single(e => e.Category == "leaderboard points");
        Assert.True(await points.EraseAsync(new PersonalDataSubject(ReflectionsHost.TenantId, Id(3), Aad(3), Key(host, 3)), Ct) > 0);
        Assert.Empty(await StoredRows.MentioningAsync(host.App, Id(3), Key(host, 3), Name(3), InsightsStore.TableName));
        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(), Roster(host, Members), Ct);
        Assert.Equal(5, report.Relevance.Items[0].Reflections);
        Assert.Equal(5, report.Relevance.Items[0].Ratings);
        Assert.Equal(5, report.Participation.Occasional.Now.Count);
        Assert.Equal(0, await eraser.EraseAsync(new PersonalDataSubject(ReflectionsHost.TenantId, Id(3), Aad(3), Key(host, 3)), Ct));
    }

    [Fact]
    public async Task Hide_me_from_experts_is_honoured_on_every_instance()
    {
        var item = await AddItemAsync(host, "Negotiation", "sales");
        await PublishAsync(host, Reflected(host, 2, item.Number, WeeksAgo(1)), Reflected(host, 3, item.Number, WeeksAgo(1)));
        await using var other = host.AddInstance(refresher: false);
        var elsewhere = other.Services.GetRequiredService<InsightsReports>();
        var period = FourWeeks().Period;
        Assert.Contains(Name(3), (await elsewhere.ExpertsAsync(new InsightsScope(ReflectionsHost.TeamId), "sales", period, Ct)).Experts.Select(e => e.Name));

        await host.SendAsync(host.Command(ExpertsVisibilityCommand.Hide, From(3)));
        Assert.Contains("won't see you", host.Teams.Activities[^1].Text, StringComparison.Ordinal);
        Assert.Equal([Name(2)], (await elsewhere.ExpertsAsync(new InsightsScope(ReflectionsHost.TeamId), "sales", period, Ct)).Experts.Select(e => e.Name));

        (await other.PostActivityAsync(host.Command(ExpertsVisibilityCommand.Show, From(3)), Ct)).EnsureSuccessStatusCode();
        Assert.Contains(Name(3), (await Reports.ExpertsAsync(new InsightsScope(ReflectionsHost.TeamId), "sales", period, Ct)).Experts.Select(e => e.Name));
    }

    [Fact]
    public async Task Experts_show_their_evidence_and_support_counts_stay_below_the_floor()
    {
        var item = await AddItemAsync(host, "Demos", "sales");
        await PublishAsync(host, Reflected(host, 2, item.Number, WeeksAgo(1), id: "r1"), Reflected(host, 2, item.Number, WeeksAgo(2), id: "r2"), Rated(host, 2, item.Number, 2, WeeksAgo(1)));
        await PublishAsync(host, Reaction(host, 2, item.Number, WeeksAgo(1), "x1"), Reaction(host, 2, item.Number, WeeksAgo(1), "x2"));
        await PublishAsync(host, Reflected(host, 4, item.Number, WeeksAgo(1)));

        var experts = await Reports.ExpertsAsync(new InsightsScope(ReflectionsHost.TeamId), "sales", FourWeeks().Period, Ct);

        Assert.Equal([Name(2), Name(4)], experts.Experts.Select(e => e.Name));
        Assert.Equal("2 reflections, 2 reactions, 30 words a reflection", experts.Experts[0].Evidence());
        Assert.True(experts.Support.LowRatings.Suppressed);
    }

    [Fact]
    public async Task A_non_facilitator_is_refused_politely()
    {
        await host.SendAsync(host.Command("insights", From(4)));
        await host.SendAsync(host.Command("experts sales", From(4)));

        var replies = host.Teams.Activities.TakeLast(2).Select(a => a.Text).ToList();
        Assert.All(replies, r => Assert.StartsWith("Only facilitators can use `", r, StringComparison.Ordinal));
        Assert.Contains(Name(Facilitator), replies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insights_go_to_the_facilitator_s_chat_and_the_channel_hears_only_that()
    {
        var item = await AddItemAsync(host, "Coaching", "people");
        for (var n = 1; n <= 6; n++)
        {
            await PublishAsync(host, Reflected(host, n, item.Number, DateTimeOffset.UtcNow), Rated(host, n, item.Number, 4, DateTimeOffset.UtcNow));
        }

        host.Teams.Reset();
        await host.SendAsync(host.Command("insights", From(Facilitator)));

        var sent = host.Teams.Activities;
        var channelReply = Assert.Single(sent, a => a.ConversationId?.StartsWith(ReflectionsHost.ChannelId, StringComparison.Ordinal) == true);
        Assert.Equal(InsightsDelivery.Sent, channelReply.Text);
        var card = Assert.Single(sent, a => a.ConversationId?.StartsWith(ReflectionsHost.ChannelId, StringComparison.Ordinal) != true).CardText();
        Assert.Contains("Participation", card, StringComparison.Ordinal);
        Assert.Contains("Regular", card, StringComparison.Ordinal);
        Assert.Contains("benchmark 20%", card, StringComparison.Ordinal);
        Assert.Contains("Coaching", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_period_gets_the_usage()
    {
        await host.SendAsync(host.Command("insights since yesterday", From(Facilitator)));

        var reply = host.Teams.Activities[^1].CardText();
        Assert.Contains("year-month-day", reply, StringComparison.Ordinal);
        Assert.Contains(InsightsRequest.Usage, reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_items_and_tags_page_over_cards_under_the_size_limit()
    {
        var tags = Enumerable.Range(1, 12).Select(t => $"tag{t}").ToArray();
        for (var i = 0; i < 40; i++)
        {
            var item = await AddItemAsync(host, $"Item number {i} with a fairly long title to fill the card {new string('x', 60)}", tags[i % 12], tags[(i + 1) % 12]);
            await PublishAsync(host, Rated(host, 1 + (i % 10), item.Number, 1 + (i % 5), WeeksAgo(1)));
        }

        var report = await Reports.BuildAsync(new InsightsScope(ReflectionsHost.TeamId), FourWeeks(), Roster(host, Members), Ct);
        var pages = InsightsCard.Build(report, "Learning Lab");

        Assert.All(pages, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p.Content!.Value.GetRawText()) < TeamsLearningBot.Cards.AdaptiveCard.MaxPayloadBytes));
        Assert.Equal(40, report.Relevance.Items.Count);
    }
}
