using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Drops;

/// <summary>Two instances of the app, schedulers and workers running, on one storage account and one Teams.</summary>
public sealed class DropScaleOutTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2027, 2, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_instances_post_every_occurrence_exactly_once_to_every_channel()
    {
        await using var first = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start), backgroundServices: true);
        await first.SeedTeamAsync();
        await using var second = await first.TwinAsync(backgroundServices: true);
        const int Drops = 10;
        for (var i = 1; i <= Drops; i++)
        {
            var item = await first.AddItemAsync($"Item {i}");
            await first.ScheduleAsync(item, null, DropSchedule.Recurring("0 9 * * *", "every day at 09:00"), Start.AddHours(1), channels: [DropsHost.General, DropsHost.Random, DropsHost.Design]);
        }

        for (var day = 1; day <= 2; day++)
        {
            first.Time.Advance(day == 1 ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1) - TimeSpan.FromSeconds(30));
            await first.PumpUntilAsync(() => first.Posts.Count >= Drops * 3 * day, TimeSpan.FromSeconds(45));
            await first.PumpForAsync(TimeSpan.FromSeconds(1));
        }

        var posts = first.Posts;
        Assert.Equal(Drops * 3 * 2, posts.Count);
        var perChannelAndItem = posts.GroupBy(p => (Channel: p.ThreadChannel(), Title: p.CardTitle())).ToList();
        Assert.Equal(Drops * 3, perChannelAndItem.Count);
        Assert.All(perChannelAndItem, g => Assert.Equal(2, g.Count()));
        for (var number = 1; number <= Drops; number++)
        {
            var drop = await first.GetDropAsync(number);
            Assert.Equal(2, drop.OccurrenceCount);
            Assert.Equal(FanOutState.Done, drop.Occurrence!.FanOut);
            Assert.Equal(6, (await first.DeliveriesAsync(number)).Count(d => d.State == DeliveryState.Posted));
        }
    }

    [Fact]
    public async Task A_drop_planned_here_for_sooner_than_the_scheduler_means_to_wake_is_claimed_at_its_time()
    {
        // The scheduler would sleep an hour when it sees nothing due; the drop is due in ten minutes.
        await using var host = await DropsHost.StartAsync(
            azurite,
            new FakeTimeProvider(Start),
            backgroundServices: true,
            configure: f => f.WithSetting("Drops:SchedulerInterval", "01:00:00"));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Feedback");

        // Its first pass finds nothing and goes to sleep.
        await host.PumpForAsync(TimeSpan.FromSeconds(2));
        var due = host.Time.GetUtcNow().AddMinutes(10);
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Once(due, "once"), due);

        host.Time.Advance(due - host.Time.GetUtcNow());

        // At most a few minutes of fake time go by here, far less than the hour it slept for.
        await host.PumpUntilAsync(() => host.Posts.Count == 2, TimeSpan.FromSeconds(30));
        Assert.True(host.Time.GetUtcNow() < due.AddMinutes(30));
        Assert.Equal(1, (await host.GetDropAsync(drop.Number)).OccurrenceCount);
    }
}
