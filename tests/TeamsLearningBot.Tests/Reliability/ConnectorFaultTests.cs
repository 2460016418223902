using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Drops;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>
/// Teams failing for a sustained while — a storm of 429s with <c>Retry-After</c>, 500s, answers that
/// never come in time, slow answers — during a drop's fan-out to many channels, with the real
/// scheduler and workers running; then healthy again. The drops queue never holds more than one
/// message per channel, nothing is posted twice, and once Teams is back every channel gets its
/// post without help: exactly once, or (only when an answer never came) recorded as unconfirmed
/// with the one post Teams took. <c>CONNECTOR_FAULT_SECONDS</c> lengthens the fault (bench/ConnectorFaults).
/// </summary>
public sealed class ConnectorFaultTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int ChannelCount = 12;
    private static readonly DropChannel[] Channels = [.. Enumerable.Range(0, ChannelCount).Select(i => new DropChannel($"19:fault-channel-{i:D3}@thread.tacv2", $"Fault {i:D3}"))];
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private DropsHost host = null!;

    public static TheoryData<string> Faults => ["throttled", "500", "timeout", "slow"];

    public async ValueTask InitializeAsync()
    {
        host = await DropsHost.StartAsync(azurite, time, backgroundServices: true, configure: app => app
            // The clock is the test's: the pump moves it 200 ms per 20 ms of real time.
            .WithSetting("Drops:RetryDelay", "00:00:01")
            .WithSetting("Drops:MaxAttempts", "100")
            .WithSetting("Drops:MaxDeliveries", "1000")
            .WithSetting("Drops:VisibilityTimeout", "00:00:30")
            .WithSetting("Drops:WorkerConcurrency", "4")
            .WithSetting("Connector:MaxRetryAttempts", "2")
            .WithSetting("Connector:BaseDelay", "00:00:00.200")
            .WithSetting("Connector:AttemptTimeout", "00:00:02")
            .WithSetting("Connector:TotalTimeout", "00:00:20"));
        await host.SeedTeamAsync("UTC", [DropsHost.General, .. Channels]);
    }

    public async ValueTask DisposeAsync()
    {
        host.Teams.Outage = null;
        await host.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_fan_out_through_a_sustained_Connector_fault_stays_bounded_and_posts_each_channel_once_when_Teams_is_back(string fault)
    {
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("CONNECTOR_FAULT_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 3;
        var item = await host.AddItemAsync("Posting through a storm");
        host.Teams.Outage = fault switch
        {
            "throttled" => FakeFailure.Throttled(TimeSpan.FromSeconds(1)),
            "500" => FakeFailure.Status(HttpStatusCode.InternalServerError, "InternalServerError", "Scripted outage."),
            // Longer (in real time) than the attempt timeout takes on the pumped clock: no answer in time.
            "timeout" => FakeFailure.Slow(TimeSpan.FromSeconds(3)),
            _ => FakeFailure.Slow(TimeSpan.FromMilliseconds(100)),
        };
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Once(time.GetUtcNow(), "now"), time.GetUtcNow(), null, Channels);

        // The fault lasts a while of real time; the queue is looked at all along.
        var maxQueue = 0;
        var maxMemory = GC.GetTotalMemory(false);
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (DateTime.UtcNow < end)
        {
            await host.PumpForAsync(TimeSpan.FromMilliseconds(500));
            maxQueue = Math.Max(maxQueue, await host.QueueLengthAsync());
            maxMemory = Math.Max(maxMemory, GC.GetTotalMemory(false));
        }

        var attemptsDuringFault = host.Attempts.Count;
        var postsDuringFault = host.Posts.Count;
        host.Teams.Outage = null;

        var deliveries = (IReadOnlyList<Delivery>)[];
        await host.PumpUntilAsync(
            () =>
            {
                deliveries = host.DeliveriesAsync(drop.Number).GetAwaiter().GetResult();
                return deliveries.Count == ChannelCount && deliveries.All(d => d.State is DeliveryState.Posted or DeliveryState.Unconfirmed or DeliveryState.Failed);
            },
            // A job's back-off doubles with each failed try, so after a long fault the last one may wait about as long again.
            TimeSpan.FromSeconds(90 + (2 * seconds)));
        await host.PumpForAsync(TimeSpan.FromSeconds(1));

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{fault} for {seconds} s: {attemptsDuringFault} post attempts during the fault ({postsDuringFault} accepted), queue at most {maxQueue}, managed heap at most {maxMemory / 1024 / 1024} MB; after: {string.Join(", ", deliveries.GroupBy(d => d.State).Select(g => $"{g.Count()} {g.Key}"))}, {host.Posts.Count} posts"));

        Assert.True(maxQueue <= ChannelCount, $"The drops queue held {maxQueue} messages for {ChannelCount} jobs.");
        Assert.DoesNotContain(deliveries, d => d.State == DeliveryState.Failed);
        foreach (var channel in Channels)
        {
            var posts = host.Posts.Count(r => r.ThreadChannel() == channel.Id);
            var delivery = Assert.Single(deliveries, d => d.ChannelId == channel.Id);
            Assert.True(posts == 1, $"{posts} posts in {channel.Id} ({delivery.State}, {delivery.Reason})");
            if (fault != "timeout")
            {
                // Teams answered every time (an error or the post): nothing is in doubt.
                Assert.Equal(DeliveryState.Posted, delivery.State);
            }
        }

        Assert.Equal(0, await host.QueueLengthAsync());
    }
}

/// <summary>
/// The same faults while people share reflections from a card: the bot's echoes in the thread and
/// card updates wait for Teams to be back, then each shared reflection is in the thread once.
/// </summary>
public sealed class ConnectorFaultReplyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private Reflections.ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() =>
        host = await Reflections.ReflectionsHost.StartAsync(azurite, configure: app => app
            .WithSetting("Connector:AttemptTimeout", "00:00:01")
            .WithSetting("Connector:MaxRetryAttempts", "1")
            .WithSetting("Connector:BaseDelay", "00:00:00.100")
            .WithSetting("Connector:TotalTimeout", "00:00:05"));

    public async ValueTask DisposeAsync()
    {
        host.Teams.Outage = null;
        await host.DisposeAsync();
    }

    [Theory]
    [InlineData("throttled")]
    [InlineData("500")]
    [InlineData("timeout")]
    public async Task Echoes_wait_out_a_Connector_fault_and_land_once(string fault)
    {
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("CONNECTOR_FAULT_SECONDS"), CultureInfo.InvariantCulture, out var s) ? s : 3;
        host.Teams.Outage = fault switch
        {
            "throttled" => FakeFailure.Throttled(TimeSpan.FromSeconds(1)),
            "500" => FakeFailure.Status(HttpStatusCode.InternalServerError, "InternalServerError", "Scripted outage."),
            _ => FakeFailure.Slow(TimeSpan.FromSeconds(2)),
        };
        for (var i = 1; i <= 6; i++)
        {
            await host.SendAsync(host.Share($"Stormy reflection {i}", "4", Reflections.ReflectionsHost.Learner(i)));
        }

        await Task.Delay(TimeSpan.FromSeconds(seconds), TestContext.Current.CancellationToken);
        host.Teams.Outage = null;

        var card = await host.SettledCardAsync(TimeSpan.FromSeconds(90 + seconds));
        Assert.Equal((6, 6, 24), (card.Reflections, card.Ratings, card.RatingSum));
        var echoed = host.ThreadMessages().SelectMany(m => (m.Text ?? string.Empty).Split("\n\n")).Where(t => t.Contains("Stormy reflection", StringComparison.Ordinal)).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{fault} for {seconds} s: {echoed.Count} echoes of 6, {host.CardUpdates().Count} card updates");
        Assert.Equal(6, echoed.Count);
        Assert.Equal(6, echoed.Distinct().Count());
    }
}
