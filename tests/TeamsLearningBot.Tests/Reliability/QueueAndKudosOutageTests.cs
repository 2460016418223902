using System.Net;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Recognition.Badges;
using TeamsLearningBot.Recognition.Kudos;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Drops;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Recognition.Kudos;
using static TeamsLearningBot.Tests.Reliability.CrashChecks;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>
/// Queue storage behind a <see cref="FaultProxy"/> that hangs, resets or answers 503 while a drop
/// fans out to its channels and while the workers post: the scheduler and the workers give up on
/// the pass (nothing hangs) and, once the queue is back, the next pass and the workers post every
/// channel exactly once.
/// </summary>
public sealed class QueueOutageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DropChannel[] Channels = [.. Enumerable.Range(0, 6).Select(i => new DropChannel($"19:queue-outage-{i:D2}@thread.tacv2", $"Outage {i:D2}"))];
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private FaultProxy proxy = null!;
    private DropsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        proxy = FaultProxy.Start(azurite.QueuePort);
        var queues = azurite.WithQueuesAt(proxy.Port);
        host = await DropsHost.StartAsync(azurite, time, configure: app => app
            .WithSetting("Storage:ConnectionString", queues)
            .WithSetting("Storage:NetworkTimeout", "00:00:02")
            .WithSetting("Storage:MaxRetries", "1"));
        await host.SeedTeamAsync("UTC", [DropsHost.General, .. Channels]);
    }

    public async ValueTask DisposeAsync()
    {
        proxy.Fault = StorageFault.None;
        await host.DisposeAsync();
        await proxy.DisposeAsync();
    }

    [Theory]
    [InlineData(StorageFault.Hang)]
    [InlineData(StorageFault.Reset)]
    [InlineData(StorageFault.ServiceUnavailable)]
    public async Task A_queue_outage_during_the_fan_out_and_the_posts_posts_each_channel_once_when_it_is_back(StorageFault fault)
    {
        var item = await host.AddItemAsync("Queue outage");

        // The queue fails as the drop falls due: the pass cannot queue the jobs.
        proxy.Fault = fault;
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Once(time.GetUtcNow(), "now"), time.GetUtcNow(), null, Channels);
        await Attempt(host.RunSchedulerAsync);
        Assert.True(proxy.Faulted > 0, "no queue request met the fault");
        Assert.Empty(host.Posts);

        // Back: the next pass (once the fan-out lease ran out) queues them; the queue fails again while workers post.
        proxy.Fault = StorageFault.None;
        time.Advance(host.Options.FanOutLease + TimeSpan.FromSeconds(1));
        await host.RunSchedulerAsync();
        Assert.Equal(Channels.Length, (await host.PeekJobsAsync()).Count);
        await host.DeliverAllAsync().ContinueWith(_ => { }, TaskScheduler.Default);
        proxy.Fault = fault;
        await Attempt(host.DeliverAllAsync);

        proxy.Fault = StorageFault.None;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await host.QueueLengthAsync() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The drops queue did not empty.");
            time.Advance(host.Options.VisibilityTimeout + TimeSpan.FromSeconds(1));
            await Task.Delay(host.Options.VisibilityTimeout, TestContext.Current.CancellationToken);
            await host.DeliverAllAsync();
        }

        var deliveries = await host.DeliveriesAsync(drop.Number);
        foreach (var channel in Channels)
        {
            Assert.Equal(1, host.Posts.Count(r => r.ThreadChannel() == channel.Id));
            Assert.Equal(DeliveryState.Posted, Assert.Single(deliveries, d => d.ChannelId == channel.Id).State);
        }
    }

    // A pass or a worker that meets the outage fails; the test only needs it to end.
    private static async Task Attempt(Func<Task<int>> work)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Expected while the queue is down (the proxy's bare 503 even fails the client's error parsing).
        }
    }
}

/// <summary>
/// Table storage failing (503) while people give kudos: each is answered 500 (Teams delivers it
/// again), and after the outage and the redeliveries every kudos is stored and counted once, its
/// card posted once and its receiver's Appreciated badge awarded and announced once.
/// </summary>
public sealed class KudosOutageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly KudosHost.Person[] Roster = [.. Enumerable.Range(0, 16).Select(i => new KudosHost.Person(
        $"29:1outage-person-{i:D4}", $"Outage Person {i:D2}", $"00000000-0000-4000-a000-{i:D12}"))];

    private FaultProxy proxy = null!;
    private KudosHost host = null!;

    public async ValueTask InitializeAsync()
    {
        proxy = FaultProxy.Start(azurite.TablePort);
        var tables = azurite.WithTablesAt(proxy.Port);
        host = await KudosHost.StartAsync(azurite, Roster, configure: app => app
            .WithSetting("Storage:ConnectionString", tables)
            .WithSetting("Storage:NetworkTimeout", "00:00:03")
            .WithSetting("Storage:MaxRetries", "1")
            .WithSetting("Recognition:Badges:NotificationLease", "00:00:02"));
    }

    public async ValueTask DisposeAsync()
    {
        proxy.Fault = StorageFault.None;
        await host.DisposeAsync();
        await proxy.DisposeAsync();
    }

    [Theory]
    [InlineData(StorageFault.Reset)]
    [InlineData(StorageFault.ServiceUnavailable)]
    public async Task Kudos_during_a_table_outage_are_answered_500_and_count_post_and_award_once_after_redelivery(StorageFault fault)
    {
        // Warm: the tables exist.
        await host.SendAsync(host.InChannel(Roster[14], "kudos {0} for the warm-up", Roster[15]));

        var kudos = Enumerable.Range(0, 7).Select(i => host.InChannel(Roster[2 * i], $"kudos {{0}} for outage case {i}", Roster[(2 * i) + 1])).ToList();
        proxy.Fault = fault;
        var answers = await Task.WhenAll(kudos.Select(async k =>
        {
            using var response = await host.App.PostActivityAnyStatusAsync(k.DeepClone(), TestContext.Current.CancellationToken);
            return response.StatusCode;
        }));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.InternalServerError, a));

        proxy.Fault = StorageFault.None;
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        foreach (var k in kudos.Concat(kudos.Take(3)))
        {
            await RedeliverAsync(host.App, k);
        }

        var problems = new List<string>();
        for (var i = 0; i < kudos.Count; i++)
        {
            var n = i;
            problems.AddRange(await EventuallyAsync(async () =>
            {
                var found = new List<string>();
                var giverKey = host.KeyOf(Roster[2 * n]);
                var rows = await host.Get<KudosStore>().ListGiverRowsAsync(giverKey, TestContext.Current.CancellationToken);
                Expect(found, 1, rows.Count(r => r.RowKey.StartsWith(KudosEntity.RowPrefix, StringComparison.Ordinal)), $"kudos stored for case {n}");
                Expect(found, 1, rows.Where(r => !r.RowKey.StartsWith(KudosEntity.RowPrefix, StringComparison.Ordinal)).Sum(r => r.GetInt32("Count") ?? 0), $"kudos counted for case {n}");
                var place = kudos[n]["conversation"]!["id"]!.GetValue<string>();
                Expect(found, 1, host.KudosCards().Count(r => r.ConversationId == place), $"kudos cards for case {n}");
                await BadgeOnceAsync(found, host.Get<BadgeLedger>(), host.Teams, KudosHost.TeamId, host.KeyOf(Roster[(2 * n) + 1]), Roster[(2 * n) + 1].Id, place, "appreciated", "Appreciated");
                return found;
            }));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
