using System.Net;
using TeamsLearningBot.Nudges;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Insights;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Nudges;

public sealed class NudgeDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private NudgesHost host = null!;

    public async ValueTask InitializeAsync() => host = await NudgesHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_learner_who_has_not_contributed_yet_gets_one_nudge_with_the_drop_and_the_form()
    {
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2, anonymous: true)));

        var sent = Assert.Single(host.PersonalMessages(2));
        var text = sent.Readable();
        Assert.Contains("A minute for this week's drop in Learning Lab", text, StringComparison.Ordinal);
        Assert.Contains(host.Host.Item.Title, text, StringComparison.Ordinal);
        Assert.Contains(host.Host.Item.Prompts[0], text, StringComparison.Ordinal);
        Assert.Contains(NudgeCard.WhyItMatters, text, StringComparison.Ordinal);
        Assert.Contains("Share anonymously", text, StringComparison.Ordinal);
        Assert.Contains("`stop nudges`", text, StringComparison.Ordinal);
        var card = sent.BodyText!;
        Assert.Contains(NudgeVerbs.Reflect, card, StringComparison.Ordinal);
        Assert.Contains(NudgeVerbs.NotNow, card, StringComparison.Ordinal);
        Assert.Contains(NudgeVerbs.Stop, card, StringComparison.Ordinal);

        // The 1:1 chat was opened with create-conversation for that person.
        Assert.Contains(host.Teams.Requests, r => r.Method == "POST" && r.Route is ["conversations"] && r.BodyText!.Contains(InsightsHost.Id(2), StringComparison.Ordinal));
        var state = await host.StateAsync(2);
        Assert.Equal(1, state!.WeekCount);
        Assert.Equal(1, state.Unanswered);
    }

    [Fact]
    public async Task Never_in_the_first_24_hours_after_the_drop()
    {
        Assert.Equal(NudgeOutcome.Deferred, await host.RunAsync(host.Job(2, postedAgo: TimeSpan.FromHours(23))));
        Assert.Empty(host.PersonalMessages());
        Assert.Null(await host.StateAsync(2));
    }

    [Fact]
    public async Task Outside_working_hours_in_the_learner_s_own_zone_it_waits()
    {
        // 10:00 UTC is 19:00 in Tokyo: the learner's client said Tokyo, so the team's London does not apply.
        await host.SendAsync(host.Personal(3, "help", timeZone: "Asia/Tokyo"));
        await host.ZoneStoredAsync(3, "Asia/Tokyo");

        Assert.Equal(NudgeOutcome.Deferred, await host.RunAsync(host.Job(3)));
        Assert.Empty(host.PersonalMessages(3));

        // Wednesday 09:30 in Tokyo (00:30 UTC): now it goes.
        host.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 0, 30, 0, TimeSpan.Zero));
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(3, postedAgo: TimeSpan.FromHours(38))));

        // Someone whose zone the bot never saw goes by the team's zone: 00:30 UTC is night in London.
        Assert.Equal(NudgeOutcome.Deferred, await host.RunAsync(host.Job(4, postedAgo: TimeSpan.FromHours(38))));
    }

    [Fact]
    public async Task At_most_one_a_week_across_teams()
    {
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2)));
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(2, teamId: NudgesHost.OtherTeamId, drop: 1)));
        Assert.Single(host.PersonalMessages(2));

        // The next week, the other team's drop may nudge.
        host.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2, teamId: NudgesHost.OtherTeamId, drop: 2, occurrence: "20261207T100000Z")));
        Assert.Equal(2, host.PersonalMessages(2).Count);
    }

    [Fact]
    public async Task Never_to_someone_who_contributed_that_week_nor_to_those_already_in_a_tier()
    {
        await host.ReflectedAsync(2, host.Time.GetUtcNow().AddHours(-2));
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(2)));

        // A rating alone, this week, is a response too.
        await InsightsHost.PublishAsync(host.Host, InsightsHost.Rated(host.Host, 3, host.Host.Item.Number, 4, host.Time.GetUtcNow().AddHours(-1)));
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(3)));

        // Someone who contributed two weeks ago is Occasional, not "Not yet".
        await host.ReflectedAsync(4, host.Time.GetUtcNow().AddDays(-14));
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(4)));
        Assert.Empty(host.PersonalMessages());
    }

    [Fact]
    public async Task Someone_who_went_quiet_after_sharing_gets_the_we_missed_your_voice_nudge()
    {
        // Contributed six weeks ago (the period before the current 28 days), with kudos since.
        await host.ReflectedAsync(5, host.Time.GetUtcNow().AddDays(-42));
        await InsightsHost.PublishAsync(host.Host, new Events.LearnerEvent
        {
            Kind = Events.LearnerEventKind.KudosReceived,
            EventId = "kudos|test|5",
            TenantId = ReflectionsHost.TenantId,
            TeamId = ReflectionsHost.TeamId,
            LearnerKey = host.Key(5),
            At = host.Time.GetUtcNow().AddDays(-20),
        });
        await host.Get<TeamsLearningBot.Content.ContentStore>().AddAsync(
            new TeamsLearningBot.Content.ContentItem
            {
                TeamId = ReflectionsHost.TeamId,
                Number = 0,
                Title = "Feedback in one-to-ones",
                Url = new Uri("https://example.org/one-to-ones"),
                Tags = ["Feedback"],
                AddedAt = host.Time.GetUtcNow().AddDays(-3),
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(5)));
        var text = Assert.Single(host.PersonalMessages(5)).Readable();
        Assert.Contains("We missed your voice", text, StringComparison.Ordinal);
        Assert.Contains("Feedback in one-to-ones", text, StringComparison.Ordinal);
        Assert.Contains("#feedback", text, StringComparison.Ordinal);
        Assert.Contains("Kudos you received", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Teams_refusing_the_chat_marks_the_person_unreachable_and_they_are_not_tried_again_next_week()
    {
        host.Teams.FailNext(1, HttpStatusCode.Forbidden, "BotNotInConversationRoster", when: r => r.Method == "POST" && r.Route is ["conversations"]);
        Assert.Equal(NudgeOutcome.Unreachable, await host.RunAsync(host.Job(6)));
        var state = await host.StateAsync(6);
        Assert.NotNull(state!.UnreachableAt);
        Assert.Equal(0, state.WeekCount);

        host.Time.Advance(TimeSpan.FromDays(7));
        var before = host.Teams.Requests.Count;
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(6, occurrence: "20261207T100000Z")));
        Assert.Equal(before, host.Teams.Requests.Count);
    }

    [Fact]
    public async Task A_chat_that_could_not_be_opened_is_tried_again_and_the_nudge_sent_once()
    {
        // Teams drops the connection on every attempt to open the 1:1 chat: nothing reached the person.
        var teamsDown = true;
        host.Teams.DropNext(1000, when: r => teamsDown && r.Method == "POST" && r.Route is ["conversations"]);
        var message = await host.EnqueueAndReceiveAsync(host.Job(2));
        Assert.Equal(NudgeOutcome.Retrying, await host.ProcessAsync(message));
        Assert.Empty(host.PersonalMessages(2));
        var record = await host.Get<NudgeStore>().GetRecordAsync(host.Key(2), NudgeRecord.RowFor(ReflectionsHost.TeamId, 4, "20261130T100000Z"), TestContext.Current.CancellationToken);
        Assert.Equal(NudgeStates.Retrying, record!.State);

        teamsDown = false;
        Assert.Equal(NudgeOutcome.Sent, await host.ProcessAsync(message));
        Assert.Single(host.PersonalMessages(2));
        Assert.Equal(1, (await host.StateAsync(2))!.WeekCount);
    }

    [Fact]
    public async Task A_nudge_whose_send_failed_for_want_of_the_bot_s_token_is_tried_again_and_sent_once()
    {
        var tokens = new FailingBotTokens();
        await using var failing = await NudgesHost.StartAsync(azurite, configure: FailingBotTokens.In(tokens));

        // The 1:1 chat is opened; the send is refused a token.
        tokens.FailNext(1, after: 1);
        var message = await failing.EnqueueAndReceiveAsync(failing.Job(2));
        Assert.Equal(NudgeOutcome.Retrying, await failing.ProcessAsync(message));
        Assert.Equal(0, tokens.FailuresLeft);
        Assert.Empty(failing.PersonalMessages(2));

        Assert.Equal(NudgeOutcome.Sent, await failing.ProcessAsync(message));
        Assert.Single(failing.PersonalMessages(2));
        Assert.Equal(1, (await failing.StateAsync(2))!.WeekCount);
    }

    [Fact]
    public async Task A_redelivered_job_sends_one_nudge()
    {
        var message = await host.EnqueueAndReceiveAsync(host.Job(2));
        Assert.Equal(NudgeOutcome.Sent, await host.ProcessAsync(message));
        Assert.Equal(NudgeOutcome.AlreadyHandled, await host.ProcessAsync(message));

        // The same job enqueued again (a planner that took a plan over) finds it done too.
        Assert.Equal(NudgeOutcome.AlreadyHandled, await host.RunAsync(host.Job(2)));
        Assert.Single(host.PersonalMessages(2));
    }

    [Fact]
    public async Task A_job_of_several_nudges_each_once_and_gives_whoever_must_wait_a_job_of_their_own()
    {
        // 10:00 UTC is 19:00 in Tokyo, where learner 3's client is: they wait, 2 and 4 are nudged now.
        await host.SendAsync(host.Personal(3, "help", timeZone: "Asia/Tokyo"));
        await host.ZoneStoredAsync(3, "Asia/Tokyo");
        var message = await host.EnqueueAndReceiveAsync(host.JobOfSeveral([2, 3, 4]));

        Assert.Equal([NudgeOutcome.Sent, NudgeOutcome.Deferred, NudgeOutcome.Sent], await host.ProcessAllAsync(message));
        Assert.Single(host.PersonalMessages(2));
        Assert.Single(host.PersonalMessages(4));
        Assert.Empty(host.PersonalMessages(3));

        // The job of several is gone; learner 3's own job waits, hidden, for the morning in Tokyo.
        Assert.Equal(1, await host.QueuedAsync());

        // Delivered again (a worker that stopped before its delete): nobody is nudged twice.
        Assert.Equal([NudgeOutcome.AlreadyHandled, NudgeOutcome.Deferred, NudgeOutcome.AlreadyHandled], await host.ProcessAllAsync(message));
        Assert.Equal(2, host.PersonalMessages().Count);
    }

    [Fact]
    public async Task People_of_a_job_of_several_who_must_wait_come_back_on_their_own_and_are_nudged()
    {
        // Two seconds short of the first day: each person waits two seconds, in a job of their own.
        var message = await host.EnqueueAndReceiveAsync(host.JobOfSeveral([2, 3], postedAgo: TimeSpan.FromHours(24) - TimeSpan.FromSeconds(2)));
        Assert.Equal([NudgeOutcome.Deferred, NudgeOutcome.Deferred], await host.ProcessAllAsync(message));
        Assert.Empty(host.PersonalMessages());

        host.Time.Advance(TimeSpan.FromSeconds(3));
        var own = new List<NudgeJob>();
        var queue = host.Get<NudgeJobMessages>();
        for (var attempt = 0; own.Count < 2 && attempt < 100; attempt++)
        {
            foreach (var single in await queue.ReceiveAsync(2, TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken))
            {
                var job = NudgeJob.FromMessage(single.MessageText)!;
                Assert.False(job.IsSeveral);
                Assert.Equal(1, job.EarlierAttempts);
                own.Add(job);
                Assert.Equal(NudgeOutcome.Sent, await host.ProcessAsync(single));
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal([InsightsHost.Id(2), InsightsHost.Id(3)], own.Select(j => j.UserId).Order(StringComparer.Ordinal));
        Assert.Single(host.PersonalMessages(2));
        Assert.Single(host.PersonalMessages(3));
    }

    [Fact]
    public async Task Two_instances_racing_for_the_same_job_send_one_nudge()
    {
        var other = host.Host.AddInstance(refresher: false);
        other.WithTime(host.Time);
        var first = await host.EnqueueAndReceiveAsync(host.Job(2));
        var outcomes = await Task.WhenAll(host.ProcessAsync(first), host.ProcessAsync(first, other));
        Assert.Contains(NudgeOutcome.Sent, outcomes);
        Assert.Single(host.PersonalMessages(2));
        Assert.Equal(1, (await host.StateAsync(2))!.WeekCount);
    }

    [Fact]
    public async Task Two_teams_drops_racing_for_one_learner_s_week_send_one()
    {
        var other = host.Host.AddInstance(refresher: false);
        other.WithTime(host.Time);
        var a = await host.EnqueueAndReceiveAsync(host.Job(2));
        var b = await host.EnqueueAndReceiveAsync(host.Job(2, teamId: NudgesHost.OtherTeamId, drop: 9));
        var outcomes = await Task.WhenAll(host.ProcessAsync(a), host.ProcessAsync(b, other));
        Assert.Equal(1, outcomes.Count(o => o == NudgeOutcome.Sent));
        Assert.Single(host.PersonalMessages(2));
    }

    [Fact]
    public async Task A_worker_that_died_mid_send_leaves_the_nudge_unconfirmed_not_sent_again()
    {
        // What a worker that stopped between its claim and Teams' answer leaves behind.
        var job = host.Job(2);
        var key = host.Key(2);
        var claim = new NudgeRecord
        {
            PartitionKey = NudgeStore.LearnerPartition(key),
            RowKey = NudgeRecord.RowFor(job.TeamId, job.DropNumber, job.OccurrenceId),
            TeamId = job.TeamId,
            State = NudgeStates.Sending,
            SendingSince = host.Time.GetUtcNow(),
        };
        var state = new LearnerNudgeState { PartitionKey = NudgeStore.LearnerPartition(key), WeekCount = 1 };
        Assert.Equal(ReserveResult.Reserved, await host.Get<NudgeStore>().TryReserveAsync(null, state, claim, TestContext.Current.CancellationToken));

        // While its claim is young, the redelivery waits for it.
        Assert.Equal(NudgeOutcome.Deferred, await host.RunAsync(job));

        host.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(NudgeOutcome.Unconfirmed, await host.RunAsync(job));
        Assert.Empty(host.PersonalMessages(2));
        Assert.Equal(NudgeStates.Unconfirmed, (await host.Get<NudgeStore>().GetRecordAsync(key, claim.RowKey, TestContext.Current.CancellationToken))!.State);
    }
}
