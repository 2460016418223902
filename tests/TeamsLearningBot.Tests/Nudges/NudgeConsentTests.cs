using TeamsLearningBot.Nudges;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Insights;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Nudges;

public sealed class NudgeConsentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private NudgesHost host = null!;

    public async ValueTask InitializeAsync() => host = await NudgesHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static string Occurrence(int week) => $"2026120{week}T100000Z";

    [Fact]
    public async Task Not_now_pauses_nudges_for_two_weeks()
    {
        var job = host.Job(2);
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(job));
        var response = await host.Host.SendAsync(host.Press(2, NudgeVerbs.NotNow, job));
        Assert.Contains("no nudges for 14 days", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        host.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(2, occurrence: Occurrence(2))));
        host.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2, occurrence: Occurrence(3))));
    }

    [Fact]
    public async Task Stop_these_stops_nudges_in_every_team_until_start_nudges()
    {
        var job = host.Job(2);
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(job));
        await host.Host.SendAsync(host.Press(2, NudgeVerbs.Stop, job));
        Assert.True((await host.StateAsync(2))!.Stopped);

        host.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(2, occurrence: Occurrence(2))));
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(2, teamId: NudgesHost.OtherTeamId, drop: 1, occurrence: Occurrence(2))));

        await host.SendAsync(host.Personal(2, "start nudges"));
        Assert.Contains("Nudges are on again", host.Teams.Activities[^1].Readable(), StringComparison.Ordinal);
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2, occurrence: Occurrence(3))));
    }

    [Fact]
    public async Task The_stop_nudges_command_stops_them()
    {
        await host.SendAsync(host.Personal(3, "stop nudges"));
        Assert.Contains("no more nudges", host.Teams.Activities[^1].Readable(), StringComparison.Ordinal);
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(3)));
        Assert.Empty(host.PersonalMessages(3));
    }

    [Fact]
    public async Task After_three_unanswered_the_bot_stops_and_says_so_once()
    {
        for (var week = 0; week < 3; week++)
        {
            Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2, occurrence: Occurrence(week))));
            host.Time.Advance(TimeSpan.FromDays(7));
        }

        Assert.Equal(NudgeOutcome.AutoStopped, await host.RunAsync(host.Job(2, occurrence: Occurrence(3))));
        Assert.Contains("I'll stop here", host.PersonalMessages(2)[^1].Readable(), StringComparison.Ordinal);
        Assert.Equal(4, host.PersonalMessages(2).Count);

        host.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(2, occurrence: Occurrence(4))));
        Assert.Equal(4, host.PersonalMessages(2).Count);

        await host.SendAsync(host.Personal(2, "start nudges"));
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2, occurrence: Occurrence(5))));
    }

    [Fact]
    public async Task A_contribution_between_nudges_resets_the_run_of_unanswered_ones()
    {
        for (var week = 0; week < 2; week++)
        {
            Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2, occurrence: Occurrence(week))));
            host.Time.Advance(TimeSpan.FromDays(7));
        }

        // A reflection somewhere else in the team: an answer, though not to the nudge's own card.
        await host.ReflectedAsync(2, host.Time.GetUtcNow().AddDays(-3));
        Assert.Equal(0, (await host.StateAsync(2))!.Unanswered);
    }

    [Fact]
    public async Task A_reflection_from_the_nudge_is_recorded_on_the_drop_s_card()
    {
        var job = host.Job(2);
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(job));

        var response = await host.Host.SendAsync(host.Press(2, NudgeVerbs.Reflect, job, reflection: "I'll open with what I saw, not what I think.", relevance: "4"));
        Assert.Contains("your reflection is in the drop", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var card = await host.Host.CardAsync();
        Assert.Equal(1, card!.Reflections);
        Assert.Equal(1, card.Ratings);
        var state = await host.StateAsync(2);
        Assert.True(state!.LastAnswered);
        Assert.Equal(0, state.Unanswered);
    }

    [Fact]
    public async Task A_rating_alone_from_the_nudge_counts()
    {
        var job = host.Job(2);
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(job));
        var response = await host.Host.SendAsync(host.Press(2, NudgeVerbs.Reflect, job, relevance: "5"));
        Assert.Contains("your rating is in", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(1, (await host.Host.CardAsync())!.Ratings);
    }

    [Fact]
    public async Task A_nudge_answer_names_only_the_learner_s_own_nudge()
    {
        // Learner 3 was never nudged about this drop: a forged press reaches no card.
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2)));
        var response = await host.Host.App.PostActivityAnyStatusAsync(host.Press(3, NudgeVerbs.Reflect, host.Job(3), reflection: "Not mine to add."), TestContext.Current.CancellationToken);
        Assert.Contains("not one I can take answers on", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, (await host.Host.CardAsync())!.Reflections);
    }

    [Fact]
    public async Task Facilitators_switch_nudges_off_for_the_team_and_see_counts_only()
    {
        var facilitator = InsightsHost.From(InsightsHost.Facilitator);
        await host.SendAsync(host.Host.Command("nudges off", facilitator));
        Assert.Contains("Nudges are off", host.Teams.Activities[^1].Readable(), StringComparison.Ordinal);
        Assert.Equal(NudgeOutcome.Skipped, await host.RunAsync(host.Job(2)));

        await host.SendAsync(host.Host.Command("nudges on", facilitator));
        Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(host.Job(2)));
        var press = host.Press(2, NudgeVerbs.Reflect, host.Job(2), reflection: "Trying it on Friday.");
        await host.Host.SendAsync(press);

        await host.SendAsync(host.Host.Command("nudges", facilitator));
        var report = host.Teams.Activities[^1].Readable();
        Assert.Contains("Nudges here", report, StringComparison.Ordinal);
        Assert.Contains("fewer than 5", report, StringComparison.Ordinal);
        Assert.DoesNotContain(InsightsHost.Name(2), report, StringComparison.Ordinal);

        // Learners may not.
        await host.SendAsync(host.Host.Command("nudges off", InsightsHost.From(4)));
        Assert.DoesNotContain("Nudges are off", host.Teams.Activities[^1].Readable(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_count_of_who_contributed_after_a_nudge_shows_above_the_floor()
    {
        foreach (var learner in Enumerable.Range(2, 6))
        {
            var job = host.Job(learner);
            Assert.Equal(NudgeOutcome.Sent, await host.RunAsync(job));
            if (learner <= 6)
            {
                await host.Host.SendAsync(host.Press(learner, NudgeVerbs.Reflect, job, relevance: "3"));
            }
        }

        await host.SendAsync(host.Host.Command("nudges", InsightsHost.From(InsightsHost.Facilitator)));
        var report = host.Teams.Activities[^1].Readable();
        Assert.Contains("6", report, StringComparison.Ordinal);
        Assert.Contains("5 (83%)", report, StringComparison.Ordinal);
    }
}
