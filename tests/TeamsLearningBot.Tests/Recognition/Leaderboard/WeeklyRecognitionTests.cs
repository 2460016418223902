using System.Text.Json;
using TeamsLearningBot.Content;
using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Recognition.Leaderboard;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using static TeamsLearningBot.Tests.Recognition.RecognitionHost;

namespace TeamsLearningBot.Tests.Recognition.Leaderboard;

/// <summary>
/// The weekly recognition post on a fake clock: Monday 09:00 in the team's zone (Europe/London
/// here, across the spring-forward weekend of 29 March 2026), once per team and week.
/// </summary>
public sealed class WeeklyRecognitionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Wednesday 25 March 2026, 12:00 UTC (GMT); the clocks go forward on Sunday 29 March.
    private static readonly DateTimeOffset Wednesday = new(2026, 3, 25, 12, 0, 0, TimeSpan.Zero);

    // Monday 30 March, 09:00 in London, is 08:00 UTC (BST).
    private static readonly DateTimeOffset FirstPost = new(2026, 3, 30, 8, 0, 0, TimeSpan.Zero);

    private RecognitionHost host = null!;
    private int nextEvent;

    public async ValueTask InitializeAsync()
    {
        host = await RecognitionHost.StartAsync(azurite, Wednesday, badges: false);
        await host.SeedTeamAsync("Europe/London");
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task The_post_goes_out_on_monday_at_nine_local_time_across_the_clock_change_and_only_once()
    {
        await SeedWeekAsync();

        host.Time.SetUtcNow(FirstPost.AddSeconds(-1));
        await RunAsync(host);
        Assert.Empty(Posts(host));

        host.Time.SetUtcNow(FirstPost);
        await RunAsync(host);
        await RunAsync(host);

        var post = Assert.Single(Posts(host));
        Assert.Equal(TeamId, post.Body!.Value.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        var text = post.CardText();
        Assert.Contains("This week in Learning Lab", text, StringComparison.Ordinal);
        Assert.Contains("Mon 23 Mar – Sun 29 Mar", text, StringComparison.Ordinal);
        Assert.Contains("**Alex Wilber** earned 🎯 Point of Need (bronze)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Megan", text, StringComparison.Ordinal);
        Assert.Contains("2 kudos given", text, StringComparison.Ordinal);
        Assert.Contains("**Alex Wilber**, **Sam Steward** and **Fran Facilitator** — thank you", text, StringComparison.Ordinal);
        Assert.Contains("C1 \u201CGiving feedback that lands\u201D — relevance 4.5/5 from 4 ratings", text, StringComparison.Ordinal);

        var settings = await host.Get<ContributionStore>().GetSettingsAsync(TeamId, TestContext.Current.CancellationToken);
        Assert.Equal(new DateTimeOffset(2026, 4, 6, 8, 0, 0, TimeSpan.Zero), settings!.NextWeeklyDueUtc);
    }

    [Fact]
    public async Task Each_local_day_counts_in_one_week_and_a_week_with_nothing_to_tell_posts_nothing()
    {
        await SeedWeekAsync();
        host.Time.SetUtcNow(FirstPost);
        await RunAsync(host);

        // Megan's contribution at 00:30 on Monday 30 March (London) is told in the next week's post.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 4, 6, 8, 0, 0, TimeSpan.Zero));
        await RunAsync(host);
        Assert.Equal(2, Posts(host).Count);
        var second = Posts(host)[1].CardText();
        Assert.Contains("Mon 30 Mar – Sun 5 Apr", second, StringComparison.Ordinal);
        Assert.Contains("**Megan Bowen** — thank you", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Megan", Posts(host)[0].CardText(), StringComparison.Ordinal);

        // Nothing happens in the week of 6 April: the post of 13 April says nothing.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 4, 13, 8, 0, 0, TimeSpan.Zero));
        await RunAsync(host);

        Assert.Equal(2, Posts(host).Count);
        var ct = TestContext.Current.CancellationToken;
        var week = await host.Get<ContributionStore>().GetWeekAsync(TeamId, new DateOnly(2026, 4, 6), ct);
        Assert.Equal(WeeklyPostState.Empty, week!.Status);
        Assert.Equal(new DateTimeOffset(2026, 4, 20, 8, 0, 0, TimeSpan.Zero), (await host.Get<ContributionStore>().GetSettingsAsync(TeamId, ct))!.NextWeeklyDueUtc);
    }

    [Fact]
    public async Task Two_instances_post_a_week_once()
    {
        await SeedWeekAsync();
        await using var twin = await host.TwinAsync();
        host.Time.SetUtcNow(FirstPost);

        await Task.WhenAll(RunAsync(host), RunAsync(twin), RunAsync(host), RunAsync(twin));

        Assert.Single(Posts(host));
    }

    [Fact]
    public async Task Two_instances_running_the_scheduler_post_once_when_the_time_comes()
    {
        await SeedWeekAsync();
        await using var first = await host.TwinAsync(weeklyScheduler: true);
        await using var second = await host.TwinAsync(weeklyScheduler: true);
        _ = first.Get<WeeklyRecognitionProcessor>();
        _ = second.Get<WeeklyRecognitionProcessor>();
        host.Time.SetUtcNow(FirstPost.AddMinutes(-1));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Posts(host).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The schedulers did not post in time.");
            host.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        for (var i = 0; i < 50; i++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        var post = Assert.Single(Posts(host));
        Assert.True(post.ReceivedAt >= FirstPost, "Posted before Monday 09:00 in London.");
    }

    [Fact]
    public async Task Switched_off_it_posts_nothing_and_switched_on_it_plans_the_next()
    {
        await SeedWeekAsync();
        Assert.Contains("off for this team", Assert.Single(await host.SayAsync(Fran, "weekly recognition off")).Text, StringComparison.Ordinal);
        host.Time.SetUtcNow(FirstPost);
        await RunAsync(host);

        Assert.Empty(Posts(host));
        Assert.Null((await host.Get<ContributionStore>().GetSettingsAsync(TeamId, TestContext.Current.CancellationToken))!.NextWeeklyDueUtc);

        var on = Assert.Single(await host.SayAsync(Sam, "weekly recognition on")).Text!;
        Assert.Contains("next on Mon 6 Apr 2026, 09:00 (Europe/London)", on, StringComparison.Ordinal);
        Assert.Contains("Only facilitators can use `weekly recognition`", Assert.Single(await host.SayAsync(Alex, "weekly recognition off")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facilitators_can_send_it_to_another_channel()
    {
        await SeedWeekAsync();

        var moved = Assert.Single(await host.SayAsync(Fran, "weekly recognition in #announcements")).Text!;
        host.Time.SetUtcNow(FirstPost);
        await RunAsync(host);

        Assert.Contains("goes to #Announcements, next on Mon 30 Mar 2026, 09:00 (Europe/London)", moved, StringComparison.Ordinal);
        var post = Assert.Single(Posts(host));
        Assert.Equal(AnnouncementsId, post.Body!.Value.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Contains("There is no channel called #nowhere", Assert.Single(await host.SayAsync(Fran, "weekly recognition in #nowhere")).CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_leaderboard_off_the_post_ranks_nobody()
    {
        await SeedWeekAsync();
        await host.SayAsync(Fran, "leaderboard off");
        host.Time.SetUtcNow(FirstPost);
        await RunAsync(host);

        var text = Assert.Single(Posts(host)).CardText();
        Assert.DoesNotContain("Top contributors", text, StringComparison.Ordinal);
        Assert.Contains("Badges earned", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_claimed_by_an_instance_that_died_is_taken_over_after_its_lease()
    {
        await SeedWeekAsync();
        host.Time.SetUtcNow(FirstPost);
        host.Teams.FailNext(2, System.Net.HttpStatusCode.ServiceUnavailable, when: r => r.Route is ["conversations"]);
        await RunAsync(host);
        Assert.Empty(Posts(host));

        host.Time.Advance(TimeSpan.FromMinutes(1));
        await RunAsync(host);
        Assert.Empty(Posts(host));

        host.Time.Advance(TimeSpan.FromMinutes(5));
        await RunAsync(host);
        await RunAsync(host);

        Assert.Single(Posts(host));
    }

    /// <summary>The week of Monday 23 March in London: named and anonymous badges, kudos, contributions and ratings.</summary>
    private async Task SeedWeekAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var item = await host.Get<ContentStore>().AddAsync(
            new ContentItem { TeamId = TeamId, Number = 0, Title = "Giving feedback that lands", Url = new Uri("https://example.org/feedback"), Prompts = ["What will you try?"] },
            ct);
        var card = new PostKey(ChannelId, "1774000000001");
        await host.Get<ReflectionStore>().OpenAsync(
            new ReflectionPostEntity { TeamId = TeamId, ChannelId = card.ChannelId, ActivityId = card.RootActivityId, ThreadConversationId = card.ThreadConversationId, ContentNumber = item.Number, Ratings = 4, RatingSum = 18 },
            ct);

        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 26, 9, 0, 0, TimeSpan.Zero));
        await PublishAsync(LearnerEventKind.BadgeAwarded, Alex, badge: "point-of-need");
        await PublishAsync(LearnerEventKind.BadgeAwarded, Megan, badge: "real-talk", anonymous: true);
        await PublishAsync(LearnerEventKind.Reflected, Alex);
        await PublishAsync(LearnerEventKind.Reflected, Sam);
        await PublishAsync(LearnerEventKind.KudosGiven, Fran);
        await PublishAsync(LearnerEventKind.KudosGiven, Sam);
        await PublishAsync(LearnerEventKind.Rated, Megan, anonymous: true, place: new EventPlace(host.Teams.ServiceUrl, card.ThreadConversationId));

        // Sunday 29 March, 23:30 in London (22:30 UTC) still belongs to the week.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 22, 30, 0, TimeSpan.Zero));
        await PublishAsync(LearnerEventKind.Reflected, Alex);

        // Monday 30 March, 00:30 in London (23:30 UTC on Sunday) belongs to the next week.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 29, 23, 30, 0, TimeSpan.Zero));
        await PublishAsync(LearnerEventKind.SuggestionApproved, Megan);
    }

    private Task PublishAsync(LearnerEventKind kind, Person person, string? badge = null, bool anonymous = false, EventPlace? place = null) =>
        host.PublishAsync(new LearnerEvent
        {
            Kind = kind,
            EventId = $"weekly-test|{Interlocked.Increment(ref nextEvent)}",
            TenantId = TenantId,
            TeamId = TeamId,
            LearnerKey = host.Get<LearnerKeys>().For(TenantId, person.AadObjectId),
            Learner = new LearnerIdentity(person.Id, person.AadObjectId, person.Name),
            At = host.Time.GetUtcNow(),
            Anonymous = anonymous,
            BadgeId = badge,
            Tier = badge is null ? null : "bronze",
            Place = place,
        });

    private static Task<int> RunAsync(RecognitionHost instance) =>
        instance.Get<WeeklyRecognitionProcessor>().RunOnceAsync(TestContext.Current.CancellationToken);

    private static List<RecordedRequest> Posts(RecognitionHost instance) =>
        [.. instance.Teams.Requests.Where(r => r.Succeeded && r.Method == "POST" && r.Route is ["conversations"]
            && r.Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("channelData", out var data) && data.TryGetProperty("channel", out _))];
}
