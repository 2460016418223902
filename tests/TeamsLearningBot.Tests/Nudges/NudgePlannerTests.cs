using TeamsLearningBot.Drops;
using TeamsLearningBot.Nudges;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Nudges;

public sealed class NudgePlannerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_posted_drop_is_planned_a_day_later_once_for_all_its_channels_and_fans_out_to_the_members()
    {
        await using var host = await NudgesHost.StartAsync(azurite, members: 6, membersPerJob: 4);
        var ct = TestContext.Current.CancellationToken;
        var planner = host.Get<NudgePlanner>();
        var (post, job) = Posted(host, ReflectionsHost.ChannelId, ReflectionsHost.RootId);
        await planner.NotePostedAsync(post, job, ct);
        var (second, secondJob) = Posted(host, "19:another@thread.tacv2", "1764240000999");
        await planner.NotePostedAsync(second, secondJob, ct);

        host.Time.Advance(TimeSpan.FromHours(23.9));
        Assert.Equal(0, await planner.RunAsync(ct));

        host.Time.Advance(TimeSpan.FromHours(0.2));
        Assert.Equal(6, await planner.RunAsync(ct));

        // Done: the plan is gone, so another pass (or instance) enqueues nothing more.
        Assert.Equal(0, await planner.RunAsync(ct));
        // Four people to a job here: a job of four and a job of two.
        var queued = await host.Get<NudgeJobMessages>().ReceiveAsync(32, TimeSpan.FromMinutes(1), ct);
        var jobs = queued.Select(m => NudgeJob.FromMessage(m.MessageText)!).ToList();
        Assert.Equal([2, 4], jobs.Select(j => j.Members!.Count).Order());
        var people = jobs.SelectMany(j => j.People()).ToList();
        Assert.All(people, j => Assert.Equal(ReflectionsHost.ChannelId, j.ChannelId));
        Assert.Equal(6, people.Select(j => j.UserId).Distinct().Count());
        Assert.All(people, j => Assert.Equal("UTC", j.TeamTimeZone));
    }

    [Fact]
    public async Task A_team_with_nudges_off_gets_no_jobs()
    {
        await using var host = await NudgesHost.StartAsync(azurite, members: 6);
        var ct = TestContext.Current.CancellationToken;
        await host.Get<NudgeStore>().SetTeamEnabledAsync(ReflectionsHost.TeamId, false, host.Time.GetUtcNow(), ct);
        var (post, job) = Posted(host, ReflectionsHost.ChannelId, ReflectionsHost.RootId);
        await host.Get<NudgePlanner>().NotePostedAsync(post, job, ct);
        host.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await host.Get<NudgePlanner>().RunAsync(ct));
    }

    [Fact]
    public async Task Idle_workers_start_on_the_jobs_this_instance_just_queued_without_waiting_for_their_poll()
    {
        await using var host = await NudgesHost.StartAsync(azurite, members: 6, workers: true);
        var ct = TestContext.Current.CancellationToken;

        // Posted a day ago, so the plan is due now. The fake clock stands still from here on: the
        // workers' poll (5 s on that clock) never comes, so only the planner's signal can wake them.
        var (post, job) = Posted(host, ReflectionsHost.ChannelId, ReflectionsHost.RootId);
        post = post with { PostedAt = post.PostedAt - TimeSpan.FromHours(25) };
        await host.Get<NudgePlanner>().NotePostedAsync(post, job, ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        Assert.Empty(host.PersonalMessages());

        Assert.Equal(6, await host.Get<NudgePlanner>().RunAsync(ct));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (host.PersonalMessages().Count < 6 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct);
        }

        Assert.Equal(6, host.PersonalMessages().Select(r => r.Route[1]).Distinct().Count());
    }

    private static (DropPost Post, DropJob Job) Posted(NudgesHost host, string channelId, string rootId)
    {
        var now = host.Time.GetUtcNow();
        var post = new DropPost
        {
            ChannelId = channelId,
            ActivityId = rootId,
            ThreadConversationId = channelId + ";messageid=" + rootId,
            TeamId = ReflectionsHost.TeamId,
            DropNumber = 4,
            OccurrenceId = "20261201T100000Z",
            ContentNumber = host.Host.Item.Number,
            Prompt = host.Host.Item.Prompts[0],
            PostedAt = now,
        };
        var job = new DropJob
        {
            TeamId = ReflectionsHost.TeamId,
            DropNumber = 4,
            OccurrenceId = post.OccurrenceId,
            OccurrenceDueUtc = now,
            ChannelId = channelId,
            ChannelName = "General",
            ContentNumber = host.Host.Item.Number,
            Item = host.Host.Item,
            ServiceUrl = host.Teams.ServiceUrl,
            TenantId = ReflectionsHost.TenantId,
            BotId = "28:9b3c4d5e-1111-2222-3333-444455556666",
            Prompt = post.Prompt,
        };
        return (post, job);
    }
}
