using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Nudges;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Drops;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Nudges;

/// <summary>From a scheduled drop to the nudges, through the drop worker's hook: nothing driven by hand but the clock.</summary>
public sealed class NudgeDropHookTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 55, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_drop_the_scheduler_posted_nudges_the_channel_s_members_a_day_later_once_each()
    {
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        var ct = TestContext.Current.CancellationToken;
        await host.SeedTeamAsync();
        var item = await host.AddItemAsync("Working out loud", prompts: ["What will you share this week, and with whom?"]);
        var due = Start.AddMinutes(5);
        await host.ScheduleAsync(item, null, DropSchedule.Once(due, "once"), due, channels: [DropsHost.General]);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.RunSchedulerAsync();
        await host.DeliverAllAsync();
        Assert.Single(host.Posts);

        // Not before a day has passed; then one job per member of the drop's channel.
        var planner = host.Get<NudgePlanner>();
        Assert.Equal(0, await planner.RunAsync(ct));
        host.Time.Advance(TimeSpan.FromHours(24.1));
        var members = host.Teams.Members.Count;
        Assert.Equal(members, await planner.RunAsync(ct));

        var outcomes = new List<NudgeOutcome>();
        var jobs = host.Get<NudgeJobMessages>();
        while (await jobs.ReceiveAsync(32, TimeSpan.FromMinutes(1), ct) is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                await using var scope = host.Factory.Services.CreateAsyncScope();
                outcomes.AddRange(await scope.ServiceProvider.GetRequiredService<NudgeJobProcessor>().ProcessAsync(message, null, ct));
            }
        }

        Assert.Equal(Enumerable.Repeat(NudgeOutcome.Sent, members), outcomes);
        var nudges = host.Teams.Activities.Where(r => r.Method == "POST" && r.Route is ["conversations", var id, "activities"] && id.StartsWith("a:", StringComparison.Ordinal)).ToList();
        Assert.Equal(members, nudges.Select(r => r.Route[1]).Distinct().Count());
        Assert.All(nudges, n =>
        {
            Assert.Contains("Working out loud", n.BodyText, StringComparison.Ordinal);
            Assert.Contains("What will you share this week, and with whom?", n.BodyText, StringComparison.Ordinal);
        });

        // The plan is done: another pass (or instance) plans nothing more.
        Assert.Equal(0, await planner.RunAsync(ct));
    }
}
