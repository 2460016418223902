using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Events;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Recognition.Badges;

/// <summary><c>badges</c>, <c>badge off|on</c> and <c>badge &lt;id&gt; thresholds</c> through <c>/api/messages</c>, and what they change.</summary>
public sealed class SettingsCommandsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Facilitator = 7;
    private BadgesHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await BadgesHost.StartAsync(azurite);
        await host.MakeFacilitatorAsync(Facilitator);
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_learner_may_list_the_badges_but_not_change_them()
    {
        var list = await host.CommandAsync("badges", 1);
        var text = list.CardText();
        Assert.Contains("Badges in this team", text, StringComparison.Ordinal);
        Assert.Contains("Relevance — learning at the point of need", text, StringComparison.Ordinal);
        Assert.Contains("🎯 **Point of Need** · `point-of-need`", text, StringComparison.Ordinal);
        Assert.Contains("bronze 10 · silver 25 · gold 50 (items rated)", text, StringComparison.Ordinal);

        var refused = await host.CommandAsync("badge off curator", 1);
        Assert.Contains("Only facilitators can use `badge off`", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Learner 7", refused.Text, StringComparison.Ordinal);
        refused = await host.CommandAsync("badge curator thresholds 2 3 4", 1);
        Assert.Contains("Only facilitators can use `badge`", refused.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("off in this team", (await host.CommandAsync("badges", 1)).CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_badge_turned_off_is_never_awarded_and_once_on_again_is_awarded_on_the_next_event()
    {
        var off = await host.CommandAsync("badge off appreciated", Facilitator);
        Assert.Contains("**Appreciated** is now off in this team", off.Text, StringComparison.Ordinal);
        Assert.Contains("**off in this team**", (await host.CommandAsync("badges", 1)).CardText(), StringComparison.Ordinal);

        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 12);
        Assert.Empty(await host.TiersAsync(1));
        Assert.Equal(12, await host.CountAsync(1, "appreciated"));
        Assert.Empty(host.Congratulations());

        Assert.Contains("is on again", (await host.CommandAsync("badge on appreciated", Facilitator)).Text, StringComparison.Ordinal);
        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 1);

        Assert.Equal(["appreciated:bronze", "appreciated:silver"], await host.TiersAsync(1));
    }

    [Fact]
    public async Task A_badge_turned_off_on_another_instance_is_not_awarded_from_a_stale_copy_of_the_settings()
    {
        var other = host.Reflections.AddInstance();
        var otherEvents = other.Services.GetRequiredService<LearnerEvents>();

        // The other instance reads and keeps the team's settings (badge on)...
        await otherEvents.PublishAsync(host.Event(LearnerEventKind.SuggestionApproved, 2), TestContext.Current.CancellationToken);
        Assert.Equal(["curator:bronze"], await host.TiersAsync(2));

        // ...then a facilitator turns Curator off here, and the next approval lands there.
        await host.CommandAsync("badge off curator", Facilitator);
        for (var i = 0; i < 5; i++)
        {
            await otherEvents.PublishAsync(host.Event(LearnerEventKind.SuggestionApproved, 2), TestContext.Current.CancellationToken);
        }

        Assert.Equal(6, await host.CountAsync(2, "curator"));
        Assert.Equal(["curator:bronze"], await host.TiersAsync(2));
    }

    [Fact]
    public async Task Changed_thresholds_are_honoured_at_their_boundaries()
    {
        var set = await host.CommandAsync("badge appreciated thresholds 2 3 5", Facilitator);
        Assert.Contains("now earned at bronze 2 · silver 3 · gold 5 (kudos received)", set.Text, StringComparison.Ordinal);
        Assert.Contains("bronze 2 · silver 3 · gold 5 (kudos received) — this team's own", (await host.CommandAsync("badges", 1)).CardText(), StringComparison.Ordinal);
        Assert.Contains("bronze 2 · silver 3 · gold 5", (await host.CommandAsync("badge appreciated", Facilitator)).Text, StringComparison.Ordinal);

        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 1);
        Assert.Empty(await host.TiersAsync(1));
        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 1);
        Assert.Equal(["appreciated:bronze"], await host.TiersAsync(1));
        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 2);
        Assert.Equal(["appreciated:bronze", "appreciated:silver"], await host.TiersAsync(1));
        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 1);
        Assert.Equal(["appreciated:bronze", "appreciated:silver", "appreciated:gold"], await host.TiersAsync(1));
        Assert.Contains("Next: silver at 3", host.PrivateMessages(1)[0].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("badge appreciated thresholds 3 2 5", "Each tier needs more than the one before")]
    [InlineData("badge appreciated thresholds 3 3 5", "Each tier needs more than the one before")]
    [InlineData("badge appreciated thresholds 1 2", "needs 3 numbers; you gave 2")]
    [InlineData("badge appreciated thresholds 1 2 3 4", "needs 3 numbers; you gave 4")]
    [InlineData("badge appreciated thresholds 0 2 3", "is not a whole number from 1 to 10,000")]
    [InlineData("badge appreciated thresholds one two three", "\u201Cone\u201D is not a whole number")]
    [InlineData("badge appreciated thresholds -1 2 3", "\u201C-1\u201D is not a whole number")]
    [InlineData("badge appreciated limits 1 2 3", "I didn't understand \u201Climits\u201D")]
    [InlineData("badge nope thresholds 1 2 3", "There is no badge \u201Cnope\u201D")]
    [InlineData("badge off nope", "There is no badge \u201Cnope\u201D")]
    [InlineData("badge on", "Which badge?")]
    public async Task A_mistake_in_a_settings_command_is_explained_and_changes_nothing(string command, string expected)
    {
        var answer = await host.CommandAsync(command, Facilitator);

        Assert.Contains(expected, answer.CardText(), StringComparison.Ordinal);
        Assert.Contains("Try: badge", answer.CardText(), StringComparison.Ordinal);
        var list = (await host.CommandAsync("badges", 1)).CardText();
        Assert.Contains("bronze 1 · silver 10 · gold 25 (kudos received)", list, StringComparison.Ordinal);
        Assert.DoesNotContain("off in this team", list, StringComparison.Ordinal);
    }
}
