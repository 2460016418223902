using TeamsLearningBot.Events;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Recognition.Badges;

/// <summary>
/// Every criterion at its tier boundaries: one below (nothing), at (the tier, congratulated once),
/// one above (nothing new). Events that reflections publish go through <c>/api/messages</c>; the
/// others are published as the kudos and suggestions features publish them.
/// </summary>
public sealed class BadgeCriteriaTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private BadgesHost host = null!;

    public async ValueTask InitializeAsync() => host = await BadgesHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData(LearnerEventKind.SuggestionApproved, "curator", 1, 5)]
    [InlineData(LearnerEventKind.KudosReceived, "appreciated", 1, 10)]
    [InlineData(LearnerEventKind.Rated, "relevance-rater", 10, 25)]
    public async Task A_counted_event_earns_each_tier_exactly_at_its_threshold(LearnerEventKind kind, string badgeId, int bronze, int silver)
    {
        await host.PublishAsync(kind, 1, bronze - 1);
        Assert.Empty(await host.TiersAsync(1, badgeId));
        Assert.Empty(host.Congratulations());

        await host.PublishAsync(kind, 1, 1);
        Assert.Equal([$"{badgeId}:bronze"], await host.TiersAsync(1, badgeId));
        Assert.Single(host.Congratulations());

        await host.PublishAsync(kind, 1, silver - bronze - 1);
        Assert.Equal([$"{badgeId}:bronze"], await host.TiersAsync(1, badgeId));

        await host.PublishAsync(kind, 1, 2);
        Assert.Equal([$"{badgeId}:bronze", $"{badgeId}:silver"], await host.TiersAsync(1, badgeId));
        Assert.Equal(silver + 1, await host.CountAsync(1, badgeId));
        Assert.Equal(2, host.Congratulations().Count);
        Assert.Equal(2, host.PrivateMessages(1).Count);
    }

    [Fact]
    public async Task Encourager_counts_distinct_people_given_kudos()
    {
        for (var i = 0; i < 4; i++)
        {
            await host.PublishAsync(host.Event(LearnerEventKind.KudosGiven, 1, e => e with { OtherLearnerKey = host.KeyOf(2) }));
        }

        await host.PublishAsync(host.Event(LearnerEventKind.KudosGiven, 1, e => e with { OtherLearnerKey = host.KeyOf(3) }));
        Assert.Equal(2, await host.CountAsync(1, "encourager"));
        Assert.Empty(await host.TiersAsync(1));

        await host.PublishAsync(host.Event(LearnerEventKind.KudosGiven, 1, e => e with { OtherLearnerKey = host.KeyOf(4) }));
        await host.PublishAsync(host.Event(LearnerEventKind.KudosGiven, 1, e => e with { OtherLearnerKey = host.KeyOf(5) }));

        Assert.Equal(["encourager:bronze"], await host.TiersAsync(1));
        Assert.Equal(4, await host.CountAsync(1, "encourager"));
        var stored = string.Join(' ', (await host.Get<TeamsLearningBot.Recognition.Badges.BadgeLedger>().GetProgressAsync(
            TeamsLearningBot.Recognition.Badges.BadgeLedger.Partition(ReflectionsHost.TeamId, host.KeyOf(1)), TestContext.Current.CancellationToken))!.Entity.Select(p => p.Value));
        Assert.DoesNotContain(host.KeyOf(2), stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conversation_starter_counts_reflections_holding_three_reactions_and_a_removal_before_the_award_takes_it_back()
    {
        LearnerEvent Reaction(string reflection, int delta) =>
            host.Event(LearnerEventKind.ReactionReceived, 1, e => e with { SubjectId = reflection, Delta = delta });

        await host.PublishAsync(Reaction("r1", 1));
        await host.PublishAsync(Reaction("r1", 1));
        await host.PublishAsync(Reaction("r2", 1));
        await host.PublishAsync(Reaction("r2", 1));
        await host.PublishAsync(Reaction("r1", -1));
        await host.PublishAsync(Reaction("r2", -1));
        await host.PublishAsync(Reaction("r1", 1));
        Assert.Equal(0, await host.CountAsync(1, "conversation-starter"));
        Assert.Empty(await host.TiersAsync(1));

        await host.PublishAsync(Reaction("r1", 1));
        Assert.Equal(1, await host.CountAsync(1, "conversation-starter"));
        Assert.Equal(["conversation-starter:bronze"], await host.TiersAsync(1));

        // After the award: a removed reaction takes the reflection out of the count, the tier stays, and it is not awarded again.
        await host.PublishAsync(Reaction("r1", -1));
        Assert.Equal(0, await host.CountAsync(1, "conversation-starter"));
        await host.PublishAsync(Reaction("r1", 1));
        await host.PublishAsync(Reaction("r1", 1));
        Assert.Equal(1, await host.CountAsync(1, "conversation-starter"));
        Assert.Equal(["conversation-starter:bronze"], await host.TiersAsync(1));
        Assert.Single(host.Congratulations());
    }

    [Fact]
    public async Task Regular_counts_consecutive_weeks_in_the_team_s_time_zone()
    {
        // Monday 7 Dec 2026, 00:30 in London is still Sunday 6 Dec in New York.
        await host.Get<TeamsLearningBot.Teams.TeamStore>().SetTimeZoneAsync(ReflectionsHost.TeamId, "America/New_York", TestContext.Current.CancellationToken);
        var monday = new DateTimeOffset(2026, 12, 7, 0, 30, 0, TimeSpan.Zero);
        LearnerEvent At(DateTimeOffset at) => host.Event(LearnerEventKind.Reflected, 1, e => e with { At = at });

        await host.PublishAsync(At(monday.AddDays(-7)));
        await host.PublishAsync(At(monday));
        await host.PublishAsync(At(monday.AddHours(6)));
        await host.PublishAsync(At(monday.AddDays(7)));
        Assert.Equal(3, await host.CountAsync(1, "regular"));
        Assert.Empty(await host.TiersAsync(1, "regular"));

        await host.PublishAsync(At(monday.AddDays(14)));
        Assert.Equal(["regular:bronze"], await host.TiersAsync(1, "regular"));

        // A week missed starts the run again; the tier stays.
        await host.PublishAsync(At(monday.AddDays(28)));
        Assert.Equal(1, await host.CountAsync(1, "regular"));
        Assert.Equal(["regular:bronze"], await host.TiersAsync(1, "regular"));
    }

    [Fact]
    public async Task Point_of_need_counts_distinct_cards_reflected_on_within_24_hours_of_posting()
    {
        var now = host.Get<TimeProvider>().GetUtcNow();
        LearnerEvent On(string card, TimeSpan after) =>
            host.Event(LearnerEventKind.Reflected, 1, e => e with { SubjectId = card, PostedAt = now - after, At = now });

        await host.PublishAsync(On("card-1", TimeSpan.FromHours(24)));
        await host.PublishAsync(On("card-1", TimeSpan.FromHours(2)));
        await host.PublishAsync(On("card-2", TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1)));
        await host.PublishAsync(On("card-3", TimeSpan.FromMinutes(5)));
        Assert.Equal(2, await host.CountAsync(1, "point-of-need"));
        Assert.Empty(await host.TiersAsync(1, "point-of-need"));

        await host.PublishAsync(On("card-4", TimeSpan.FromHours(23)));
        Assert.Equal(["point-of-need:bronze"], await host.TiersAsync(1, "point-of-need"));
        await host.PublishAsync(On("card-5", TimeSpan.FromHours(1)));
        Assert.Equal(["point-of-need:bronze"], await host.TiersAsync(1, "point-of-need"));
        Assert.Equal(4, await host.CountAsync(1, "point-of-need"));
    }

    [Fact]
    public async Task Real_talk_counts_thread_replies_of_40_words_or_more()
    {
        var megan = ReflectionsHost.Learner(1);
        await host.Reflections.SendAsync(host.Reflections.Reply(BadgesHost.Words(39), megan));
        await host.Reflections.SendAsync(host.Reflections.Reply(BadgesHost.Words(40), megan));
        await host.Reflections.SendAsync(host.Reflections.Reply(BadgesHost.Words(120), megan));
        Assert.Equal(2, await host.CountAsync(1, "real-talk"));
        Assert.Empty(await host.TiersAsync(1, "real-talk"));

        await host.Reflections.SendAsync(host.Reflections.Reply(BadgesHost.Words(41), megan));
        Assert.Equal(["real-talk:bronze"], await host.TiersAsync(1, "real-talk"));
        await host.Reflections.SendAsync(host.Reflections.Reply(BadgesHost.Words(45), megan));

        Assert.Equal(["real-talk:bronze"], await host.TiersAsync(1, "real-talk"));
        var congratulation = Assert.Single(host.Congratulations(), c => c.Text!.Contains("Real Talk", StringComparison.Ordinal));
        Assert.Contains("<at>Learner 1</at>", congratulation.Text, StringComparison.Ordinal);
        Assert.Contains("(reflections of 40+ words: 3)", congratulation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resourceful_counts_a_reflection_that_shares_a_link_and_point_of_need_a_fresh_card()
    {
        var megan = ReflectionsHost.Learner(1);
        await host.Reflections.SendAsync(host.Reflections.Share("No link here, just www dot something.", "4", megan));
        Assert.Empty(await host.TiersAsync(1, "resourceful"));
        Assert.Equal(1, await host.CountAsync(1, "point-of-need"));
        Assert.Equal(1, await host.CountAsync(1, "relevance-rater"));

        await host.Reflections.SendAsync(host.Reflections.Share("This helped me: https://example.org/more-on-feedback", "2", megan));

        Assert.Equal(["resourceful:bronze"], await host.TiersAsync(1, "resourceful"));
        Assert.Equal(1, await host.CountAsync(1, "point-of-need"));
        Assert.Equal(1, await host.CountAsync(1, "relevance-rater"));
        var message = Assert.Single(host.PrivateMessages(1));
        Assert.Contains("You earned **Resourceful** bronze in Learning Lab", message.Text, StringComparison.Ordinal);
        Assert.Contains("Next: silver at 5", message.Text, StringComparison.Ordinal);
    }
}
