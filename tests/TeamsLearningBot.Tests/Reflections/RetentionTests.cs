using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

public sealed class RetentionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() => host = await ReflectionsHost.StartAsync(
        azurite,
        refresher: false,
        configure: app => app.WithTime(time).WithSetting("Privacy:RetentionDays", "30"));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Reflections_older_than_the_retention_period_are_purged_day_by_day_and_newer_ones_wait_their_turn()
    {
        await host.SendAsync(host.Reply("Old one", ReflectionsHost.Learner(1)));
        await host.SendAsync(host.Share("Old two", "4", ReflectionsHost.Learner(2)));
        await host.RefreshAsync();
        time.Advance(TimeSpan.FromDays(20));
        await host.SendAsync(host.Reply("Newer", ReflectionsHost.Learner(3)));
        var purge = host.Get<ReflectionPurge>();

        time.Advance(TimeSpan.FromDays(5));
        Assert.Equal(0, await purge.PurgeAsync(TestContext.Current.CancellationToken));

        time.Advance(TimeSpan.FromDays(6));
        Assert.Equal(2, await purge.PurgeAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Newer", Assert.Single(await ListAsync()).Text);
        // The card's day row moved to the day of its oldest remaining reflection (day 20).
        Assert.Empty(await host.Get<ReflectionIndex>().ListDaysBeforeAsync(time.GetUtcNow().AddDays(-11), 10, TestContext.Current.CancellationToken));
        Assert.Single(await host.Get<ReflectionIndex>().ListDaysBeforeAsync(time.GetUtcNow().AddDays(-10), 10, TestContext.Current.CancellationToken));
        Assert.Equal(0, await purge.PurgeAsync(TestContext.Current.CancellationToken));

        time.Advance(TimeSpan.FromDays(20));
        Assert.Equal(1, await purge.PurgeAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await ListAsync());
        Assert.Empty(await host.Get<ReflectionStore>().ListParticipantsAsync(host.Post, TestContext.Current.CancellationToken));
        Assert.Empty(await host.Get<ReflectionIndex>().ListDaysBeforeAsync(time.GetUtcNow().AddDays(1), 10, TestContext.Current.CancellationToken));
        var card = await host.CardAsync();
        Assert.Equal((3, 1, 4), (card!.Reflections, card.Ratings, card.RatingSum));
    }

    [Fact]
    public async Task The_retention_service_runs_the_purge_on_its_interval()
    {
        await using var service = await ReflectionsHost.StartAsync(
            azurite,
            refresher: false,
            configure: app => app.WithTime(time)
                .WithSetting("Privacy:RetentionDays", "30")
                .WithSetting("Reflections:RetentionEnabled", "true")
                .WithSetting("Reflections:RetentionInterval", "01:00:00"));
        await service.SendAsync(service.Reply("Short-lived", ReflectionsHost.Learner(1)));
        await service.RefreshAsync();
        Assert.Single(await service.Get<ReflectionStore>().ListReflectionsAsync(service.Post, null, TestContext.Current.CancellationToken));

        time.Advance(TimeSpan.FromDays(31));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await service.Get<ReflectionStore>().ListReflectionsAsync(service.Post, null, TestContext.Current.CancellationToken)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The retention service did not purge within 30 s of the interval passing.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task After_a_purge_no_instance_writes_a_deleted_learner_row_back_from_memory()
    {
        var sam = ReflectionsHost.Learner(7);
        await host.SendAsync(host.Reply("Old thought", sam));
        await host.RefreshAsync();

        // Another instance writes Sam's row with the card row, so it remembers both.
        await using var other = host.AddInstance(refresher: false);
        (await other.PostActivityAsync(host.Share(null, "3", sam), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, await host.Get<ReflectionPurge>().PurgeAsync(TestContext.Current.CancellationToken));
        var samKey = host.Get<LearnerKeys>().For(ReflectionsHost.TenantId, sam["aadObjectId"]!.GetValue<string>());
        Assert.Empty(await host.Get<ReflectionIndex>().ListLearnerAsync(samKey, TestContext.Current.CancellationToken));

        (await other.PostActivityAsync(host.Share("Back again", null, sam), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        // Sam is new to the card again: their row is written afresh and indexed, so forget me finds it.
        Assert.Single(await host.Get<ReflectionIndex>().ListLearnerAsync(samKey, TestContext.Current.CancellationToken));
        var participant = Assert.Single(await host.Get<ReflectionStore>().ListParticipantsAsync(host.Post, TestContext.Current.CancellationToken));
        Assert.Null(participant.Rating);
        Assert.Equal(1, participant.Reflections);
    }

    private Task<IReadOnlyList<ReflectionEntity>> ListAsync() =>
        host.Get<ReflectionStore>().ListReflectionsAsync(host.Post, null, TestContext.Current.CancellationToken);
}
