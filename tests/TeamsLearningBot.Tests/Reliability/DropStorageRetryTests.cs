using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Drops;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reliability;

/// <summary>
/// Table storage answering 503 (behind a <see cref="FaultProxy"/>) while a drop worker takes its
/// job: the job fails before it reaches Teams and comes back after the short back-off
/// (<c>Drops:RetryDelay</c>, doubling), not after the queue's visibility timeout (5 min, as in
/// production); once storage is back it posts within seconds, exactly once.
/// </summary>
public sealed class DropStorageRetryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DropChannel Channel = new("19:storage-retry@thread.tacv2", "Storage retry");
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);
    private FaultProxy proxy = null!;
    private DropsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        proxy = FaultProxy.Start(azurite.TablePort);
        host = await DropsHost.StartAsync(azurite, time, configure: app => Proxied(app));
        await host.SeedTeamAsync("UTC", [DropsHost.General, Channel]);
    }

    public async ValueTask DisposeAsync()
    {
        proxy.Fault = StorageFault.None;
        await host.DisposeAsync();
        await proxy.DisposeAsync();
    }

    [Fact]
    public async Task A_drop_job_failing_on_storage_is_retried_within_seconds_and_posts_once()
    {
        var item = await host.AddItemAsync("Storage retry");
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Once(time.GetUtcNow(), "now"), time.GetUtcNow(), null, Channel);
        await host.RunSchedulerAsync();
        Assert.Single(await host.PeekJobsAsync());

        // A second instance whose workers take the job while storage answers 503.
        proxy.Fault = StorageFault.ServiceUnavailable;
        await using var worker = await host.TwinAsync(configure: app => Proxied(app).WithSetting("Drops:WorkersEnabled", "true"));
        Assert.Equal(TimeSpan.FromMinutes(5), worker.Options.VisibilityTimeout);
        await worker.PumpUntilAsync(() => proxy.Faulted > 0);
        await worker.PumpForAsync(TimeSpan.FromSeconds(3));
        Assert.Empty(host.Attempts);

        proxy.Fault = StorageFault.None;
        var back = Stopwatch.StartNew();
        await worker.PumpUntilAsync(() => host.Posts.Count > 0, TimeSpan.FromSeconds(60));
        var retriedAfter = back.Elapsed;
        await worker.PumpForAsync(TimeSpan.FromSeconds(2));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"posted {retriedAfter.TotalSeconds:F1} s after storage was back ({proxy.Faulted} requests met the fault)"));

        Assert.Single(host.Attempts);
        Assert.Equal(1, host.Posts.Count(r => r.ThreadChannel() == Channel.Id));
        Assert.Equal(DeliveryState.Posted, Assert.Single(await host.DeliveriesAsync(drop.Number)).State);
        Assert.Equal(0, await host.QueueLengthAsync());
    }

    // Production's visibility timeout, a short back-off, and storage requests that give up quickly.
    private BotApplicationFactory Proxied(BotApplicationFactory app) => app
        .WithSetting("Storage:ConnectionString", azurite.WithTablesAt(proxy.Port))
        .WithSetting("Storage:NetworkTimeout", "00:00:02")
        .WithSetting("Storage:MaxRetries", "1")
        .WithSetting("Drops:VisibilityTimeout", "00:05:00")
        .WithSetting("Drops:RetryDelay", "00:00:01");
}
