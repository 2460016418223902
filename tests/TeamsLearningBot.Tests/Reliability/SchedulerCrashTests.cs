using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Tests.Drops;
using TeamsLearningBot.Tests.Infrastructure;
using static TeamsLearningBot.Tests.Reliability.CrashChecks;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>
/// The scheduler's handling of one due drop (read it, claim the occurrence, queue one job per
/// channel, mark the fan-out done, remove the due row), stopped at every storage request of a clean
/// run (<see cref="CrashTable"/>); then, once <c>Drops:FanOutLease</c> has run out, the next pass
/// meets the due row — every other case on a second instance that remembers nothing — and workers
/// work the queue. Each case is a drop of its own to channels of its own: every channel gets exactly
/// one post recorded as posted, the occurrence's fan-out ends done, and no due row is left.
/// </summary>
public sealed class SchedulerCrashTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int ChannelsPerDrop = 3;
    private static readonly DropChannel[] Roster = [.. Enumerable.Range(0, 40 * ChannelsPerDrop).Select(i => new DropChannel($"19:fan-out-crash-{i:D4}@thread.tacv2", $"Fan-out {i:D4}"))];
    private readonly CrashPoints crash = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private readonly ConcurrentDictionary<int, Drop> drops = new();
    private DropsHost host = null!;
    private DropsHost twin = null!;
    private TeamsLearningBot.Content.ContentItem item = null!;

    public async ValueTask InitializeAsync()
    {
        host = await DropsHost.StartAsync(azurite, time, configure: app => crash.Register(app));
        await host.SeedTeamAsync("UTC", [DropsHost.General, .. Roster]);
        item = await host.AddItemAsync("Crash-safe fan-out");
        twin = await host.TwinAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await twin.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_fan_out_stopped_at_any_storage_request_posts_each_channel_once_after_the_next_pass()
    {
        var table = new CrashTable();
        var problems = await table.RunAsync(
            "scheduler: one due drop to 3 channels",
            prepare: async n => drops[n] = await host.ScheduleAsync(item, null, DropSchedule.Once(time.GetUtcNow(), "now"), time.GetUtcNow(), null, Channels(n)),
            act: async n =>
            {
                try
                {
                    await host.Get<DueDropProcessor>().ProcessAsync(Due(n), TestContext.Current.CancellationToken);
                    return "done";
                }
                catch (Azure.RequestFailedException)
                {
                    return "died";
                }
            },
            settle: () =>
            {
                time.Advance(host.Options.FanOutLease + TimeSpan.FromSeconds(1));
                return Task.CompletedTask;
            },
            redeliver: async c =>
            {
                var instance = c.Number % 2 == 0 ? host : twin;
                await instance.Get<DueDropProcessor>().ProcessAsync(Due(c.Number), TestContext.Current.CancellationToken);
                await instance.DeliverAllAsync();
            },
            check: n => EventuallyAsync(() => CheckAsync(n)));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Environment.NewLine + table);
    }

    private static DropChannel[] Channels(int n) => Roster[((n + 1) * ChannelsPerDrop)..((n + 2) * ChannelsPerDrop)];

    private DueDrop Due(int n) => new(DropsHost.TeamId, drops[n].Number, drops[n].NextDueUtc!.Value);

    private async Task<IReadOnlyList<string>> CheckAsync(int n)
    {
        var ct = TestContext.Current.CancellationToken;
        var problems = new List<string>();

        // The workers post what the passes queued (a job queued twice is claimed once, and its copy comes back to find it posted).
        await twin.DeliverAllAsync();
        var drop = drops[n];
        var deliveries = await host.DeliveriesAsync(drop.Number);
        foreach (var channel in Channels(n))
        {
            Expect(problems, 1, host.Posts.Count(r => r.ThreadChannel() == channel.Id), $"posts in {channel.Id}");
            var state = deliveries.SingleOrDefault(d => d.ChannelId == channel.Id)?.State;
            if (state != DeliveryState.Posted)
            {
                problems.Add($"the delivery to {channel.Id} is {state?.ToString() ?? "missing"}");
            }
        }

        var stored = await host.GetDropAsync(drop.Number);
        if (stored.Occurrence?.FanOut != FanOutState.Done || stored.Status != DropStatus.Completed)
        {
            problems.Add($"the drop is {stored.Status} with its fan-out {stored.Occurrence?.FanOut.ToString() ?? "missing"}");
        }

        var due = new List<DueDrop>();
        await foreach (var page in host.Get<DropScheduleIndex>().ListDueAsync(time.GetUtcNow(), 1000, ct))
        {
            due.AddRange(page);
        }

        if (due.Any(d => d.Number == drop.Number))
        {
            problems.Add("its due row is still there");
        }

        return problems;
    }
}
