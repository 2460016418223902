using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Drops;

/// <summary>The drop commands end to end: typed in a channel, through /api/messages, answered and posted through the FakeConnector.</summary>
public sealed class DropCommandsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string TeamId = "19:0f1e2d3c4b5a69788796a5b4c3d2e1f0@thread.tacv2";
    private const string Design = "19:c2f4e1d0a7b94f6e8d5c3b2a1f0e9d8c@thread.tacv2";
    private const string Announcements = "19:c0ffee01d2e34f5a@thread.tacv2";
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private FakeConnector teams = null!;
    private DropsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        teams = await FakeConnector.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        teams.Channels = [new FakeChannel(Design, "Design"), new FakeChannel(Announcements, "Announcements")];
        host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Monday), teams, backgroundServices: true);

        // Megan installs the bot, so she is the team's facilitator.
        var install = await host.Factory.PostActivityAsync(TestActivities.Load("installation-update-add", teams.ServiceUrl), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
        await host.AddItemAsync("Giving feedback that lands", prompts: ["How would you open your next feedback conversation?"], teamId: TeamId);
        teams.Reset();
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task Schedule_lists_the_drop_posts_the_card_at_its_time_and_reports_the_delivery()
    {
        var scheduled = await CommandAsync("schedule C1 in #announcements every monday at 09:30");
        Assert.Contains("Scheduled D1", scheduled, StringComparison.Ordinal);
        Assert.Contains("every monday at 09:30", scheduled, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026, 09:30 (UTC)", scheduled, StringComparison.Ordinal);

        var listed = await CommandAsync("drops");
        Assert.Contains("Team time zone: UTC", listed, StringComparison.Ordinal);
        Assert.Contains("D1", listed, StringComparison.Ordinal);
        Assert.Contains("C1 · Giving feedback that lands", listed, StringComparison.Ordinal);
        Assert.Contains("#Announcements", listed, StringComparison.Ordinal);
        Assert.Empty(host.Posts);

        host.Time.Advance(TimeSpan.FromMinutes(90));
        await host.PumpUntilAsync(() => host.Posts.Count == 1);

        var post = Assert.Single(host.Posts);
        Assert.Equal(Announcements, post.ThreadChannel());
        Assert.Equal("Giving feedback that lands", post.CardTitle());
        Assert.Contains("How would you open your next feedback conversation?", post.CardText(), StringComparison.Ordinal);
        await host.PumpUntilAsync(() => CommandAsync("drop status D1").Result.Contains("posted", StringComparison.Ordinal));
        var status = await CommandAsync("drop status D1");
        Assert.Contains("#Announcements", status, StringComparison.Ordinal);
        Assert.Contains("next run Mon 7 Dec 2026, 09:30 (UTC)", status, StringComparison.Ordinal);
        Assert.Contains("posted to 1 of 1 channel", await CommandAsync("drops"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_stops_a_drop_before_it_runs()
    {
        await CommandAsync("schedule C1 in #announcements, #design every day at 09:00");

        Assert.Contains("Cancelled D1", await CommandAsync("cancel D1"), StringComparison.Ordinal);
        host.Time.Advance(TimeSpan.FromDays(2));
        await host.PumpForAsync(TimeSpan.FromSeconds(1));

        Assert.Empty(host.Posts);
        Assert.Contains("Nothing is scheduled", await CommandAsync("drops"), StringComparison.Ordinal);
        Assert.Contains("already cancelled", await CommandAsync("cancel D1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drop_now_posts_in_the_channel_it_was_typed_in_or_the_ones_named()
    {
        var here = await CommandAsync("drop C1 now");
        await host.PumpUntilAsync(() => host.Posts.Count == 1);
        Assert.Contains("Posting C1", here, StringComparison.Ordinal);
        Assert.Equal(Design, Assert.Single(host.Posts).ThreadChannel());

        await CommandAsync("drop C1 now in #announcements, General");
        await host.PumpUntilAsync(() => host.Posts.Count == 3);
        Assert.Equal(
            new[] { Design, Announcements, TeamId }.Order(StringComparer.Ordinal),
            host.Posts.Select(p => p.ThreadChannel()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_one_off_in_the_past_is_refused_with_the_forms_that_work()
    {
        var reply = await CommandAsync("schedule C1 in #design at 2026-11-29 09:00");

        Assert.Contains("has already passed", reply, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026, 08:00 (UTC)", reply, StringComparison.Ordinal);
        Assert.Contains("drop C12 now", reply, StringComparison.Ordinal);
        Assert.Contains("Nothing is scheduled", await CommandAsync("drops"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mistakes_get_a_friendly_answer_with_the_choices()
    {
        Assert.Contains("There is no channel called #marketing. This team's channels: #General, #Announcements or #Design.", await CommandAsync("schedule C1 in #marketing every day at 09:00"), StringComparison.Ordinal);
        Assert.Contains("There is no C9 in this team's library", await CommandAsync("schedule C9 in #design every day at 09:00"), StringComparison.Ordinal);
        Assert.Contains("not a time zone I know", await CommandAsync("schedule C1 in #design every day at 09:00 tz Paris"), StringComparison.Ordinal);
        Assert.Contains("Europe/Paris", await CommandAsync("timezone paris"), StringComparison.Ordinal);
        Assert.Contains("Drop ids look like", await CommandAsync("pause C1"), StringComparison.Ordinal);
        Assert.Contains("no drop D7", await CommandAsync("drop status D7"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_team_time_zone_is_shown_in_listings_and_moves_drops_that_follow_it()
    {
        await CommandAsync("schedule C1 in #design every day at 09:00");

        var set = await CommandAsync("timezone America/New_York");

        Assert.Contains("now America/New_York", set, StringComparison.Ordinal);
        Assert.Contains("D1 next Mon 30 Nov 2026, 09:00 (America/New_York)", set, StringComparison.Ordinal);
        var listed = await CommandAsync("drops");
        Assert.Contains("Team time zone: America/New_York", listed, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026, 09:00 (America/New_York)", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_and_resume_answer_with_the_next_run()
    {
        await CommandAsync("schedule C1 in #design every day at 09:00");

        Assert.Contains("Paused D1", await CommandAsync("pause D1"), StringComparison.Ordinal);
        host.Time.Advance(TimeSpan.FromDays(2));
        Assert.Contains("Resumed D1. Next run: Wed 2 Dec 2026, 09:00 (UTC)", await CommandAsync("resume D1"), StringComparison.Ordinal);
        await host.PumpForAsync(TimeSpan.FromSeconds(1));
        Assert.Empty(host.Posts);
    }

    [Fact]
    public async Task Someone_who_is_not_a_facilitator_is_refused()
    {
        var reply = await CommandAsync("schedule C1 in #design every day at 09:00", asFacilitator: false);

        Assert.Contains("Only facilitators can use `schedule`", reply, StringComparison.Ordinal);
        Assert.Contains("Only facilitators can use `drop`", await CommandAsync("drop C1 now", asFacilitator: false), StringComparison.Ordinal);
        await host.PumpForAsync(TimeSpan.FromSeconds(1));
        Assert.Empty(host.Posts);
        Assert.Contains("Nothing is scheduled", await CommandAsync("drops"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_Teams_delivers_twice_makes_one_drop_and_one_post()
    {
        var activity = Command("drop C1 now in #announcements", asFacilitator: true);

        await Task.WhenAll(
            host.Factory.PostActivityAsync(activity.DeepClone(), TestContext.Current.CancellationToken),
            host.Factory.PostActivityAsync(activity.DeepClone(), TestContext.Current.CancellationToken));
        await host.Factory.PostActivityAsync(activity.DeepClone(), TestContext.Current.CancellationToken);
        await host.PumpUntilAsync(() => host.Posts.Count == 1);
        await host.PumpForAsync(TimeSpan.FromSeconds(1));

        Assert.Single(host.Posts);
        Assert.All(teams.Activities, a => Assert.Contains("as D1.", a.Readable(), StringComparison.Ordinal));
        Assert.Null(await host.Get<DropStore>().GetAsync(TeamId, 2, TestContext.Current.CancellationToken));
    }

    // Types a command in the Design channel, @mentioning the bot; returns what the bot answered.
    private async Task<string> CommandAsync(string text, bool asFacilitator = true)
    {
        var before = teams.Activities.Count;
        var response = await host.Factory.PostActivityAsync(Command(text, asFacilitator), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join("\n", teams.Activities.Skip(before).Select(a => a.Readable()));
    }

    private JsonObject Command(string text, bool asFacilitator) =>
        TestActivities.Load("channel-message-with-mention", teams.ServiceUrl, a =>
        {
            a["id"] = Guid.NewGuid().ToString("N");
            a["text"] = "<at>Learning Bot</at> " + text;
            a["channelData"]!["team"]!["id"] = TeamId;
            if (asFacilitator)
            {
                a["from"] = new JsonObject { ["id"] = "29:1a2b3c4d5e6f-user-megan", ["name"] = "Megan Bowen", ["aadObjectId"] = "0c2f7b1a-3e4d-4f5a-8b6c-7d8e9f0a1b2c" };
            }
        });
}
