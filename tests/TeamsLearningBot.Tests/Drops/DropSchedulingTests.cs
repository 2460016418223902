using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Drops;

/// <summary>The scheduler on real storage and a fake clock: claims, time zones, downtime, series.</summary>
public sealed class DropSchedulingTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_due_one_off_is_posted_once_to_each_channel_and_recorded_for_its_thread()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Listening", prompts: ["What would you do differently next time?"]);
        var due = Start.AddHours(2);
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Once(due, "once"), due);

        Assert.Equal(0, await host.RunSchedulerAsync());
        host.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await host.RunSchedulerAsync());
        await host.DeliverAllAsync();

        Assert.Equal(
            new[] { DropsHost.General.Id, DropsHost.Random.Id }.Order(StringComparer.Ordinal),
            host.Posts.Select(p => p.ThreadChannel()).Order(StringComparer.Ordinal));
        Assert.All(host.Posts, p => Assert.Contains("What would you do differently next time?", p.CardText(), StringComparison.Ordinal));
        var deliveries = await host.DeliveriesAsync(drop.Number);
        Assert.All(deliveries, d => Assert.Equal(DeliveryState.Posted, d.State));
        var posted = deliveries.Single(d => d.ChannelId == DropsHost.Random.Id);
        var recorded = await host.Get<PostStore>().FindAsync(DropsHost.Random.Id, posted.ActivityId!, TestContext.Current.CancellationToken);
        Assert.NotNull(recorded);
        Assert.Equal(drop.Number, recorded.DropNumber);
        Assert.Equal(item.Number, recorded.ContentNumber);
        Assert.Equal(DropsHost.Random.Id + ";messageid=" + posted.ActivityId, recorded.ThreadConversationId);
        Assert.Equal("What would you do differently next time?", recorded.Prompt);
        Assert.Equal(DropStatus.Completed, (await host.GetDropAsync(drop.Number)).Status);
        Assert.Equal(0, await host.RunSchedulerAsync());
    }

    [Fact]
    public async Task Two_schedulers_claiming_at_once_queue_every_occurrence_once()
    {
        await using var first = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await first.SeedTeamAsync();
        await using var second = await first.TwinAsync();
        var item = await first.AddItemAsync("Coaching");
        var due = Start.AddMinutes(30);
        for (var i = 0; i < 12; i++)
        {
            await first.ScheduleAsync(item, null, DropSchedule.Recurring("30 7 * * *", "every day at 07:30"), due);
        }

        first.Time.Advance(TimeSpan.FromMinutes(30));
        await Task.WhenAll(first.RunSchedulerAsync(), second.RunSchedulerAsync(), first.RunSchedulerAsync(), second.RunSchedulerAsync());

        Assert.Equal(24, await first.QueueLengthAsync());
        await Task.WhenAll(first.DeliverAllAsync(), second.DeliverAllAsync());
        var posts = first.Posts;
        Assert.Equal(24, posts.Count);
        for (var number = 1; number <= 12; number++)
        {
            var drop = await first.GetDropAsync(number);
            Assert.Equal(1, drop.OccurrenceCount);
            Assert.Equal(Start.AddDays(1).AddMinutes(30), drop.NextDueUtc);
            Assert.Equal(2, (await first.DeliveriesAsync(number)).Count(d => d.State == DeliveryState.Posted));
        }
    }

    [Theory]
    [InlineData("Europe/London", "2027-03-26T12:00:00Z", new[] { "2027-03-27T09:00:00Z", "2027-03-28T08:00:00Z", "2027-03-29T08:00:00Z" })]
    [InlineData("America/New_York", "2027-03-12T16:00:00Z", new[] { "2027-03-13T14:00:00Z", "2027-03-14T13:00:00Z", "2027-03-15T13:00:00Z" })]
    public async Task A_0900_drop_is_posted_at_0900_local_time_across_the_clock_change(string zoneId, string start, string[] expectedUtc)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await DropsHost.StartAsync(azurite, time);
        await host.SeedTeamAsync(timeZone: zoneId);
        var item = await host.AddItemAsync("Daily habit");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var schedule = DropSchedule.Recurring("0 9 * * *", "every day at 09:00");
        var drop = await host.ScheduleAsync(item, null, schedule, schedule.NextAfter(time.GetUtcNow(), zone)!.Value, channels: [DropsHost.General]);

        var posted = new List<DateTimeOffset>();
        for (var i = 0; i < expectedUtc.Length; i++)
        {
            var next = (await host.GetDropAsync(drop.Number)).NextDueUtc!.Value;
            time.Advance(next - time.GetUtcNow());
            await host.RunSchedulerAsync();
            await host.DeliverAllAsync();
            posted.Add((await host.GetDropAsync(drop.Number)).Occurrence!.DueUtc);
        }

        Assert.Equal(expectedUtc.Select(s => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture)), posted);
        Assert.All(posted, p => Assert.Equal(9, TimeZoneInfo.ConvertTime(p, zone).Hour));
        Assert.Equal(expectedUtc.Length, host.Posts.Count);
    }

    [Fact]
    public async Task After_downtime_the_missed_occurrences_collapse_into_one_post_and_the_status_says_so()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Retrospectives");
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Recurring("0 9 * * *", "every day at 09:00"), Start.AddHours(2));

        // Down from before the first run until three days after it.
        host.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromHours(4));
        await host.RunSchedulerAsync();
        await host.DeliverAllAsync();

        Assert.Equal(2, host.Posts.Count);
        var stored = await host.GetDropAsync(drop.Number);
        Assert.Equal(4, stored.Occurrence!.Collapsed);
        Assert.Equal(Start.AddDays(3).AddHours(2), stored.Occurrence.DueUtc);
        Assert.Equal(Start.AddDays(4).AddHours(2), stored.NextDueUtc);
        var status = DropCard.Status(stored, "C1", TimeZoneInfo.Utc, await host.DeliveriesAsync(drop.Number)).Content!.Value.GetRawText();
        Assert.Contains("4 missed occurrences were collapsed into one", status, StringComparison.Ordinal);
        Assert.Equal(0, await host.RunSchedulerAsync());
    }

    [Fact]
    public async Task A_series_posts_the_next_unposted_item_with_its_tag_then_says_it_ran_out()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var first = await host.AddItemAsync("Feedback one", tags: ["feedback"]);
        await host.AddItemAsync("Unrelated", tags: ["other"]);
        var second = await host.AddItemAsync("Feedback two", tags: ["Feedback"]);
        var drop = await host.ScheduleAsync(null, "feedback", DropSchedule.Recurring("0 9 * * *", "every day at 09:00"), Start.AddHours(2), channels: [DropsHost.General]);

        var titles = new List<string>();
        for (var day = 0; day < 3; day++)
        {
            host.Time.Advance(TimeSpan.FromDays(day == 0 ? 0 : 1) + (day == 0 ? TimeSpan.FromHours(2) : TimeSpan.Zero));
            await host.RunSchedulerAsync();
            await host.DeliverAllAsync();
        }

        Assert.Equal([first.Title, second.Title], host.Posts.Select(p => p.CardTitle()));
        var stored = await host.GetDropAsync(drop.Number);
        Assert.Equal(FanOutState.Skipped, stored.Occurrence!.FanOut);
        Assert.Contains("ran out", stored.Occurrence.Note, StringComparison.Ordinal);
        Assert.Equal(DropStatus.Active, stored.Status);
        Assert.Contains("ran out", DropCard.Summarize(stored.Occurrence, []), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recurring_item_asks_its_prompts_in_turn()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Mentoring", prompts: ["How would you start?", "What would you change?"]);
        await host.ScheduleAsync(item, null, DropSchedule.Recurring("0 9 * * *", "every day at 09:00"), Start.AddHours(2), channels: [DropsHost.General]);

        host.Time.Advance(TimeSpan.FromHours(2));
        for (var day = 0; day < 3; day++)
        {
            await host.RunSchedulerAsync();
            await host.DeliverAllAsync();
            host.Time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(
            ["How would you start?", "What would you change?", "How would you start?"],
            host.Posts.Select(p => p.CardText().Split('\n').Single(t => t.EndsWith('?'))));
    }

    [Fact]
    public async Task Pause_then_resume_posts_nothing_that_fell_in_the_pause()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Pausing");
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Recurring("0 9 * * *", "every day at 09:00"), Start.AddHours(2));
        var planner = host.Get<DropPlanner>();

        Assert.True((await planner.PauseAsync(DropsHost.TeamId, drop.Number, TestContext.Current.CancellationToken)).Changed);
        host.Time.Advance(TimeSpan.FromDays(3));
        await host.RunSchedulerAsync();
        var resumed = await planner.ResumeAsync(DropsHost.TeamId, drop.Number, TestContext.Current.CancellationToken);
        await host.RunSchedulerAsync();
        await host.DeliverAllAsync();

        Assert.True(resumed.Changed);
        Assert.Equal(Start.AddDays(3).AddHours(2), resumed.Drop!.NextDueUtc);
        Assert.Empty(host.Posts);
        host.Time.Advance(TimeSpan.FromHours(2));
        await host.RunSchedulerAsync();
        await host.DeliverAllAsync();
        Assert.Equal(2, host.Posts.Count);
        Assert.Equal(1, (await host.GetDropAsync(drop.Number)).Occurrence!.Collapsed);
    }

    [Fact]
    public async Task An_item_archived_before_its_run_is_skipped_with_a_note()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Archived");
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Recurring("0 9 * * *", "every day at 09:00"), Start.AddHours(2));
        await host.Get<TeamsLearningBot.Content.ContentStore>().ArchiveAsync(DropsHost.TeamId, item.Number, TestContext.Current.CancellationToken);

        host.Time.Advance(TimeSpan.FromHours(2));
        await host.RunSchedulerAsync();
        await host.DeliverAllAsync();

        Assert.Empty(host.Attempts);
        var stored = await host.GetDropAsync(drop.Number);
        Assert.Equal(FanOutState.Skipped, stored.Occurrence!.FanOut);
        Assert.Contains("no longer in the library", stored.Occurrence.Note, StringComparison.Ordinal);
        Assert.Equal(Start.AddDays(1).AddHours(2), stored.NextDueUtc);
    }

    [Fact]
    public async Task A_cancelled_drop_does_not_run()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Cancelled");
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Recurring("0 9 * * *", "every day at 09:00"), Start.AddHours(2));

        Assert.True((await host.Get<DropPlanner>().CancelAsync(DropsHost.TeamId, drop.Number, TestContext.Current.CancellationToken)).Changed);
        host.Time.Advance(TimeSpan.FromDays(2));
        await host.RunSchedulerAsync();
        await host.DeliverAllAsync();

        Assert.Empty(host.Posts);
        Assert.Equal(DropStatus.Cancelled, (await host.GetDropAsync(drop.Number)).Status);
    }

    [Fact]
    public async Task A_fan_out_cut_short_after_the_claim_is_finished_by_another_scheduler()
    {
        await using var healthy = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await healthy.SeedTeamAsync();

        // This instance claims, then loses the queue before it has queued anything.
        await using var broken = await healthy.TwinAsync(configure: f => f.WithServices(s => s.Replace(ServiceDescriptor.Singleton(new QueueServiceClient(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;",
            new QueueClientOptions { Retry = { MaxRetries = 0 } })))));
        var item = await healthy.AddItemAsync("Resilience");
        var drop = await healthy.ScheduleAsync(item, null, DropSchedule.Recurring("0 9 * * *", "every day at 09:00"), Start.AddHours(2));
        healthy.Time.Advance(TimeSpan.FromHours(2));

        await broken.RunSchedulerAsync();
        var claimed = await healthy.GetDropAsync(drop.Number);
        Assert.Equal(FanOutState.Pending, claimed.Occurrence!.FanOut);
        await healthy.RunSchedulerAsync();
        Assert.Equal(0, await healthy.QueueLengthAsync());

        healthy.Time.Advance(healthy.Options.FanOutLease);
        await healthy.RunSchedulerAsync();
        await healthy.DeliverAllAsync();

        Assert.Equal(2, healthy.Posts.Count);
        var finished = await healthy.GetDropAsync(drop.Number);
        Assert.Equal(FanOutState.Done, finished.Occurrence!.FanOut);
        Assert.Equal(1, finished.OccurrenceCount);
        Assert.Equal(Start.AddDays(1).AddHours(2), finished.NextDueUtc);
        Assert.Equal(0, await healthy.RunSchedulerAsync());
    }
}
