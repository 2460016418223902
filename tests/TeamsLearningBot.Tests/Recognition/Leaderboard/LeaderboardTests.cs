using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsLearningBot.Events;
using TeamsLearningBot.Learners;
using TeamsLearningBot.Privacy;
using TeamsLearningBot.Recognition.Leaderboard;
using TeamsLearningBot.Tests.Infrastructure;
using static TeamsLearningBot.Tests.Recognition.RecognitionHost;

namespace TeamsLearningBot.Tests.Recognition.Leaderboard;

/// <summary>The contributions ledger and <c>leaderboard</c>: events published straight into the sinks, the board read through <c>/api/messages</c>.</summary>
public sealed class LeaderboardTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private RecognitionHost host = null!;
    private int nextEvent;

    public async ValueTask InitializeAsync()
    {
        host = await RecognitionHost.StartAsync(azurite, Now);
        await host.SeedTeamAsync();
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task The_top_contributors_are_listed_highest_first_with_their_points()
    {
        await PublishAsync(LearnerEventKind.Reflected, Alex);
        await PublishAsync(LearnerEventKind.Reflected, Alex);
        await PublishAsync(LearnerEventKind.Rated, Alex);
        await PublishAsync(LearnerEventKind.KudosReceived, Megan);
        await PublishAsync(LearnerEventKind.SuggestionApproved, Sam);
        await PublishAsync(LearnerEventKind.ReactionReceived, Megan);
        await PublishAsync(LearnerEventKind.ReactionReceived, Megan, delta: -1);

        var board = await LeaderboardAsync();

        Assert.Equal([("1. Alex Wilber", "7 points"), ("2. Sam Steward", "5 points"), ("3. Megan Bowen", "2 points")], board);
    }

    [Fact]
    public async Task Only_the_last_30_days_count()
    {
        await PublishAsync(LearnerEventKind.Reflected, Alex, at: Now.AddDays(-29));
        await PublishAsync(LearnerEventKind.Reflected, Megan, at: Now.AddDays(-30));
        Assert.Equal([("1. Alex Wilber", "3 points")], await LeaderboardAsync());

        host.Time.Advance(TimeSpan.FromDays(1));

        Assert.Empty(await LeaderboardAsync());
        Assert.Contains("Nothing counted yet", Assert.Single(await host.SayAsync(Alex, "leaderboard")).CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_contributions_never_move_the_board_nor_leave_the_learner_in_it()
    {
        for (var i = 0; i < 5; i++)
        {
            await PublishAsync(LearnerEventKind.Reflected, Megan, anonymous: true);
        }

        await PublishAsync(LearnerEventKind.Rated, Megan, anonymous: true, place: new EventPlace(host.Teams.ServiceUrl, ThreadId));
        await PublishAsync(LearnerEventKind.Rated, Alex);

        Assert.Equal([("1. Alex Wilber", "1 point")], await LeaderboardAsync());
        Assert.Empty(await LeaderboardRowsMentioningAsync(Megan));
    }

    [Fact]
    public async Task Only_the_top_ten_with_points_are_shown_and_nobody_with_nothing()
    {
        var learners = Enumerable.Range(1, 12).Select(n => new Person($"29:learner-{n:D2}", $"Learner {n:D2}", $"00000000-0000-4000-8000-{n:D12}")).ToList();
        foreach (var (learner, n) in learners.Select((l, i) => (l, i + 1)))
        {
            for (var i = 0; i < n; i++)
            {
                await PublishAsync(LearnerEventKind.Rated, learner);
            }
        }

        // Someone whose only reaction was taken back has nothing, and is never listed.
        await PublishAsync(LearnerEventKind.ReactionReceived, Megan);
        await PublishAsync(LearnerEventKind.ReactionReceived, Megan, delta: -1);

        var board = await LeaderboardAsync();

        Assert.Equal(10, board.Count);
        Assert.Equal(("1. Learner 12", "12 points"), board[0]);
        Assert.Equal(("10. Learner 03", "3 points"), board[9]);
        Assert.DoesNotContain(board, b => b.Title.Contains("Learner 01", StringComparison.Ordinal) || b.Title.Contains("Learner 02", StringComparison.Ordinal));
        Assert.DoesNotContain(board, b => b.Title.Contains("Megan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fewer_than_ten_contributors_show_only_them()
    {
        await PublishAsync(LearnerEventKind.KudosGiven, Alex);
        await PublishAsync(LearnerEventKind.BadgeAwarded, Megan, badge: "encourager");

        Assert.Equal([("1. Megan Bowen", "2 points"), ("2. Alex Wilber", "1 point")], await LeaderboardAsync());
    }

    [Fact]
    public async Task The_same_event_delivered_twice_counts_once()
    {
        var learnerEvent = Event(LearnerEventKind.Reflected, Alex);

        await host.PublishAsync(learnerEvent);
        await host.PublishAsync(learnerEvent with { At = Now.AddMinutes(3) });

        Assert.Equal([("1. Alex Wilber", "3 points")], await LeaderboardAsync());
    }

    [Fact]
    public async Task Many_events_for_one_learner_at_once_all_count()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => PublishAsync(LearnerEventKind.KudosReceived, Alex)));

        Assert.Equal([("1. Alex Wilber", "80 points")], await LeaderboardAsync());
    }

    [Fact]
    public async Task Facilitators_can_switch_the_leaderboard_off_and_on()
    {
        await PublishAsync(LearnerEventKind.Reflected, Alex);

        Assert.Contains("leaderboard is now off", Assert.Single(await host.SayAsync(Fran, "leaderboard off")).Text, StringComparison.Ordinal);
        Assert.Equal("The leaderboard is switched off for this team by its facilitators.", Assert.Single(await host.SayAsync(Alex, "leaderboard")).Text);
        Assert.Contains("Only facilitators can use `leaderboard on`", Assert.Single(await host.SayAsync(Alex, "leaderboard on")).Text, StringComparison.Ordinal);

        await host.SayAsync(Sam, "leaderboard on");

        Assert.Equal([("1. Alex Wilber", "3 points")], await LeaderboardAsync());
    }

    [Fact]
    public async Task A_group_chat_has_its_own_board()
    {
        const string ChatId = "19:meeting-chat-1234@thread.v2";
        await host.PublishAsync(Event(LearnerEventKind.KudosReceived, Megan) with { TeamId = ChatId });
        await PublishAsync(LearnerEventKind.Reflected, Alex);

        var sent = await host.PostAsync(TestActivities.Load("channel-message-with-mention", host.Teams.ServiceUrl, a =>
        {
            a["id"] = host.NextId();
            a["text"] = "<at>Learning Bot</at> leaderboard";
            a["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "groupChat", ["tenantId"] = TenantId, ["id"] = ChatId };
            a["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } };
        }));

        var text = Assert.Single(sent).CardText();
        Assert.Contains("1. Megan Bowen", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_me_removes_the_learner_from_the_ledger()
    {
        await PublishAsync(LearnerEventKind.Reflected, Alex);
        await PublishAsync(LearnerEventKind.BadgeAwarded, Alex, badge: "real-talk");
        await PublishAsync(LearnerEventKind.Reflected, Megan);

        await host.PressAsync(Alex, new JsonObject { ["verb"] = "privacy.forget" });

        Assert.Equal([("1. Megan Bowen", "3 points")], await LeaderboardAsync());
        Assert.Empty(await StoredRows.MentioningAsync(host.App, Alex.Id, KeyOf(Alex), Alex.Name, "Contributions"));
        Assert.Empty(await StoredRows.MentioningAsync(host.App, Alex.Id, KeyOf(Alex), Alex.Name, "Insights"));
    }

    [Fact]
    public async Task Rows_counted_in_Contributions_before_still_count_a_badge_counted_there_counts_once_and_forget_me_erases_them()
    {
        // As an older release left them: Alex's day row on a shard, a badge award's marker, the table's own index of Alex's teams.
        var ct = TestContext.Current.CancellationToken;
        var table = await host.Get<TeamsLearningBot.Storage.StorageTables>().GetAsync(ContributionStore.TableName, ct);
        var partition = TeamsLearningBot.Storage.TableKeys.Encode(TeamId);
        var day = ContributionStore.DayKey(DateOnly.FromDateTime(Now.UtcDateTime));
        var badge = Event(LearnerEventKind.BadgeAwarded, Alex, badge: "real-talk");
        var marker = "e|" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(badge.EventId)))[..32];
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(partition, $"d|{day}|{TeamsLearningBot.Storage.TableKeys.Encode(KeyOf(Alex))}|2") { ["LearnerKey"] = KeyOf(Alex), ["Name"] = Alex.Name, ["Points"] = 5, ["Day"] = day }, ct);
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity(partition, marker) { ["At"] = Now }, ct);
        await TeamsLearningBot.Storage.LearnerTeams.AddAsync(table, KeyOf(Alex), TeamId, ct);

        await host.Get<TeamsLearningBot.Insights.InsightsSink>().RecordAsync(badge, ct);
        await PublishAsync(LearnerEventKind.Reflected, Alex);
        await PublishAsync(LearnerEventKind.Reflected, Megan);

        Assert.Equal([("1. Alex Wilber", "8 points"), ("2. Megan Bowen", "3 points")], await LeaderboardAsync());

        await host.PressAsync(Alex, new JsonObject { ["verb"] = "privacy.forget" });

        Assert.Equal([("1. Megan Bowen", "3 points")], await LeaderboardAsync());
        Assert.Empty(await LeaderboardRowsMentioningAsync(Alex));
    }

    /// <summary>
    /// The leaderboard's rows that mention a learner: in <c>Contributions</c>, and its day rows and
    /// weekly-post facts in the team's partition of <c>Insights</c> (insights' own ledger left aside).
    /// </summary>
    private async Task<List<string>> LeaderboardRowsMentioningAsync(Person learner)
    {
        var older = await StoredRows.MentioningAsync(host.App, learner.Id, KeyOf(learner), learner.Name, "Contributions");
        var shared = await StoredRows.MentioningAsync(host.App, learner.Id, KeyOf(learner), learner.Name, "Insights");
        return [.. older, .. shared.Where(r => r.Split('/')[^1] is ['d' or 'b' or 'k' or 'r', '|', ..])];
    }

    private string KeyOf(Person person) => host.Get<LearnerKeys>().For(TenantId, person.AadObjectId);

    private LearnerEvent Event(LearnerEventKind kind, Person person, DateTimeOffset? at = null, bool anonymous = false, int delta = 1, string? badge = null, EventPlace? place = null) => new()
    {
        Kind = kind,
        EventId = $"test|{kind}|{Interlocked.Increment(ref nextEvent)}",
        TenantId = TenantId,
        TeamId = TeamId,
        LearnerKey = KeyOf(person),
        Learner = new LearnerIdentity(person.Id, person.AadObjectId, person.Name),
        At = at ?? host.Time.GetUtcNow(),
        Anonymous = anonymous,
        Delta = delta,
        BadgeId = badge,
        Tier = badge is null ? null : "bronze",
        Place = place,
    };

    // Straight to the ledger (which counts with insights): through LearnerEvents the badge engine would add the badges these events earn.
    private Task PublishAsync(LearnerEventKind kind, Person person, DateTimeOffset? at = null, bool anonymous = false, int delta = 1, string? badge = null, EventPlace? place = null) =>
        host.Get<TeamsLearningBot.Insights.InsightsSink>().RecordAsync(Event(kind, person, at, anonymous, delta, badge, place), TestContext.Current.CancellationToken);

    private async Task<List<(string Title, string Value)>> LeaderboardAsync()
    {
        var card = Assert.Single(await host.SayAsync(Megan, "leaderboard")).Card()!.Value;
        var facts = new List<(string, string)>();
        foreach (var element in card.GetProperty("body").EnumerateArray())
        {
            if (element.GetProperty("type").GetString() == "FactSet")
            {
                facts.AddRange(element.GetProperty("facts").EnumerateArray().Select(f => (f.GetProperty("title").GetString()!, f.GetProperty("value").GetString()!)));
            }
        }

        return facts;
    }
}
