using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Events;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Recognition.Badges;

/// <summary>Each event counts once and each tier is awarded and announced once: under redelivery, concurrency across instances, and a crash between award and send.</summary>
public sealed class ExactlyOnceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // What badges and their notifications touch; other sinks (the leaderboard's ledger) count apart.
    private static readonly string[] BadgeTables = ["Badges", "BadgeSettings", "BadgeLearners", "BadgeOutbox", "Conversations", "Teams"];
    private BadgesHost host = null!;

    public async ValueTask InitializeAsync() => host = await BadgesHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_same_event_twice_counts_once_and_is_announced_once()
    {
        var kudos = host.Event(LearnerEventKind.KudosReceived, 1);

        await host.PublishAsync(kudos);
        await host.PublishAsync(kudos);
        await host.PublishAsync(kudos with { At = kudos.At.AddMinutes(5) });

        Assert.Equal(1, await host.CountAsync(1, "appreciated"));
        Assert.Equal(["appreciated:bronze"], await host.TiersAsync(1));
        Assert.Single(host.Congratulations());
        Assert.Single(host.PrivateMessages(1));
    }

    [Fact]
    public async Task A_redelivered_thread_reply_counts_once()
    {
        var reply = host.Reflections.Reply("I will start with a question: " + BadgesHost.Words(40), ReflectionsHost.Learner(1));

        await host.Reflections.SendAsync(reply);
        await host.Reflections.SendAsync(reply.DeepClone().AsObject());

        Assert.Equal(1, await host.CountAsync(1, "real-talk"));
        Assert.Equal(1, await host.CountAsync(1, "regular"));
    }

    [Fact]
    public async Task Fifty_concurrent_kudos_on_two_instances_each_delivered_twice_count_fifty_and_award_each_tier_once()
    {
        var other = host.Reflections.AddInstance();
        var sinks = new[] { host.Get<LearnerEvents>(), other.Services.GetRequiredService<LearnerEvents>() };
        var kudos = Enumerable.Range(0, 50).Select(_ => host.Event(LearnerEventKind.KudosReceived, 1)).ToList();

        await Task.WhenAll(kudos.SelectMany((e, i) => new[]
        {
            Task.Run(() => sinks[i % 2].PublishAsync(e, TestContext.Current.CancellationToken)),
            Task.Run(() => sinks[(i + 1) % 2].PublishAsync(e, TestContext.Current.CancellationToken)),
        }));

        Assert.Equal(50, await host.CountAsync(1, "appreciated"));
        Assert.Equal(["appreciated:bronze", "appreciated:silver", "appreciated:gold"], await host.TiersAsync(1));
        await WaitAsync(() => host.PrivateMessages(1).Count >= 3);
        Assert.Equal(3, host.Congratulations().Count);
        Assert.Equal(3, host.PrivateMessages(1).Count);
        Assert.All(await host.AwardsAsync(1), a => Assert.True(a.Done));
    }

    [Fact]
    public async Task A_send_that_failed_is_finished_once_by_the_redelivery()
    {
        var kudos = host.Event(LearnerEventKind.KudosReceived, 1);
        host.Teams.FailNext(10, System.Net.HttpStatusCode.ServiceUnavailable, when: r => r.ConversationId == ReflectionsHost.ThreadId);

        await host.PublishAsync(kudos);
        var pending = Assert.Single(await host.AwardsAsync(1));
        Assert.False(pending.Done);
        Assert.Empty(host.Congratulations());
        Assert.Empty(host.PrivateMessages(1));

        host.Teams.Reset();
        await host.PublishAsync(kudos);
        await host.PublishAsync(kudos);

        Assert.Single(host.Congratulations());
        Assert.Single(host.PrivateMessages(1));
        Assert.True(Assert.Single(await host.AwardsAsync(1)).Done);
        Assert.Equal(1, await host.CountAsync(1, "appreciated"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_send_that_failed_for_want_of_the_bot_s_token_is_sent_once_by_the_redelivery(int failures)
    {
        var tokens = new FailingBotTokens();
        await using var failing = await BadgesHost.StartAsync(azurite, configure: FailingBotTokens.In(tokens));
        var kudos = failing.Event(LearnerEventKind.KudosReceived, 1);
        tokens.FailNext(failures);

        // Each delivery's congratulation meets one refusal until Entra answers again.
        for (var delivery = 0; delivery <= failures; delivery++)
        {
            await failing.PublishAsync(kudos);
        }

        Assert.Equal(0, tokens.FailuresLeft);
        Assert.Single(failing.Congratulations());
        Assert.Single(failing.PrivateMessages(1));
        var award = Assert.Single(await failing.AwardsAsync(1));
        Assert.True(award.Done);
        Assert.Null(award.Unconfirmed);
        Assert.Equal(1, await failing.CountAsync(1, "appreciated"));
    }

    [Fact]
    public async Task A_worker_that_died_holding_the_notifications_is_replaced_once_its_lease_runs_out()
    {
        var kudos = host.Event(LearnerEventKind.KudosReceived, 1);
        await LeaveBehindAsync(kudos);

        // Nobody overtakes a worker while its lease holds: not another event, not the redelivery, not the sweeper.
        await host.PublishAsync(host.Event(LearnerEventKind.Rated, 1));
        await host.PublishAsync(kudos);
        Assert.Equal(0, await host.Get<BadgeNotificationSweeper>().SweepAsync(TestContext.Current.CancellationToken));
        Assert.Empty(host.Congratulations());

        await Task.Delay(TimeSpan.FromMilliseconds(600), TestContext.Current.CancellationToken);
        await host.PublishAsync(kudos);
        await host.PublishAsync(kudos);

        Assert.Single(host.Congratulations());
        Assert.Single(host.PrivateMessages(1));
        Assert.Empty(await host.Get<BadgeOutbox>().ListAsync(10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_pending_award_is_finished_by_the_learner_s_next_event_and_the_flag_then_cleared()
    {
        host.Teams.FailNext(10, System.Net.HttpStatusCode.ServiceUnavailable, when: r => r.ConversationId == ReflectionsHost.ThreadId);
        await host.PublishAsync(host.Event(LearnerEventKind.KudosReceived, 1));
        host.Teams.Reset();

        await host.PublishAsync(host.Event(LearnerEventKind.Rated, 1));
        Assert.Single(host.Congratulations());
        Assert.Single(host.PrivateMessages(1));

        await host.PublishAsync(host.Event(LearnerEventKind.Rated, 1));
        var progress = await host.Get<BadgeLedger>().GetProgressAsync(BadgeLedger.Partition(ReflectionsHost.TeamId, host.KeyOf(1)), TestContext.Current.CancellationToken);
        Assert.False(progress!.HasPending);
        Assert.Single(host.Congratulations());
    }

    [Fact]
    public async Task Sixty_events_of_one_learner_published_together_are_all_counted_once_within_transaction_limits()
    {
        // A kudos to many people: the giver's KudosGiven events arrive as one batch, more than one
        // 100-row transaction could hold with their markers and weekly-post rows.
        var batch = Enumerable.Range(0, 60)
            .Select(i => host.Event(LearnerEventKind.KudosGiven, 1, e => e with { OtherLearnerKey = $"receiver-{i}" }))
            .ToList();

        await host.Get<LearnerEvents>().PublishAsync(batch, TestContext.Current.CancellationToken);
        await host.Get<LearnerEvents>().PublishAsync(batch, TestContext.Current.CancellationToken);

        var encourager = host.Get<BadgeCatalogue>().Find("encourager")!;
        var progress = await host.Get<BadgeLedger>().GetProgressAsync(BadgeLedger.Partition(ReflectionsHost.TeamId, host.KeyOf(1)), TestContext.Current.CancellationToken);
        Assert.Equal(60, progress!.Count(encourager));
    }

    [Fact]
    public async Task An_award_costs_a_fresh_settings_read_and_its_notifications_and_the_next_event_one_look_for_pending_ones()
    {
        // Warm: the tables exist (created on first use) and learner 1 has counted before.
        await host.PublishAsync(host.Event(LearnerEventKind.KudosReceived, 2));
        await host.PublishAsync(host.Event(LearnerEventKind.Rated, 1));
        var mark = host.Reflections.Storage.Count;

        await host.PublishAsync(host.Event(LearnerEventKind.KudosReceived, 1));
        var award = host.Reflections.Storage.Since(mark, BadgeTables);
        mark = host.Reflections.Storage.Count;
        await host.PublishAsync(host.Event(LearnerEventKind.KudosReceived, 1));
        var next = host.Reflections.Storage.Since(mark, BadgeTables);

        // The counts are remembered from learner 1's last event, so no read: fresh settings, the
        // outbox row, commit; then before each of the two sends the mark that it is being sent and
        // after it the mark that it was, the preferences, two chat lookups, the chat remembered, the
        // outbox row removed. The next event looks for pending awards and commits.
        Assert.True(award.Count == 12, string.Join(", ", award));
        Assert.True(next.Count == 2, string.Join(", ", next));
    }

    [Fact]
    public async Task The_sweeper_finishes_an_award_left_behind_when_no_event_comes_back()
    {
        await LeaveBehindAsync(host.Event(LearnerEventKind.KudosReceived, 1));
        var sweeper = host.Get<BadgeNotificationSweeper>();
        var outbox = host.Get<BadgeOutbox>();
        Assert.Single(await outbox.ListAsync(10, TestContext.Current.CancellationToken));
        Assert.Equal(0, await sweeper.SweepAsync(TestContext.Current.CancellationToken));

        await Task.Delay(TimeSpan.FromMilliseconds(600), TestContext.Current.CancellationToken);
        Assert.Equal(1, await sweeper.SweepAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await sweeper.SweepAsync(TestContext.Current.CancellationToken));

        Assert.Single(host.Congratulations());
        Assert.Single(host.PrivateMessages(1));
        Assert.Empty(await outbox.ListAsync(10, TestContext.Current.CancellationToken));
        Assert.True(Assert.Single(await host.AwardsAsync(1)).Done);
    }

    [Fact]
    public async Task A_settled_award_leaves_nothing_in_the_outbox()
    {
        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 10);

        Assert.Equal(2, host.PrivateMessages(1).Count);
        Assert.Empty(await host.Get<BadgeOutbox>().ListAsync(10, TestContext.Current.CancellationToken));
    }

    /// <summary>Awards the event's tier as a worker that then died would: nothing sent, its lease still on the row for 400 ms.</summary>
    private async Task LeaveBehindAsync(LearnerEvent learnerEvent)
    {
        host.Teams.FailNext(10, System.Net.HttpStatusCode.ServiceUnavailable, when: r => r.ConversationId == ReflectionsHost.ThreadId);
        await host.PublishAsync(learnerEvent);
        host.Teams.Reset();
        var award = Assert.Single(await host.AwardsAsync(1));
        Assert.False(award.Done);
        award.LeaseOwner = "a worker that died";
        award.LeaseUntil = host.Get<TimeProvider>().GetUtcNow().AddMilliseconds(400);
        Assert.True(await host.Get<BadgeLedger>().TryReplaceAwardAsync(award, TestContext.Current.CancellationToken));
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
