using System.Globalization;
using TeamsLearningBot.Events;
using TeamsLearningBot.Tests.Infrastructure;
using TeamsLearningBot.Tests.Reflections;

namespace TeamsLearningBot.Tests.Recognition.Badges;

public sealed class MyBadgesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private BadgesHost host = null!;

    public async ValueTask InitializeAsync() => host = await BadgesHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task In_a_personal_chat_the_card_shows_earned_badges_by_R_and_progress_in_every_team()
    {
        await host.MakeFacilitatorAsync(7);
        await host.CommandAsync("badge off curator", 7);
        await host.PublishAsync(LearnerEventKind.KudosReceived, 1, 1);
        await host.PublishAsync(LearnerEventKind.Rated, 1, 7);
        await host.PublishAsync(host.Event(LearnerEventKind.SuggestionApproved, 1, e => e with { TeamId = "19:book-club@thread.v2" }));

        var card = (await host.PersonalAsync("my badges", 1)).CardText();

        var today = host.Get<TimeProvider>().GetUtcNow().ToString("d MMM yyyy", CultureInfo.InvariantCulture);
        Assert.Contains("Your badges", card, StringComparison.Ordinal);
        Assert.Contains("2 earned across 2 teams", card, StringComparison.Ordinal);
        Assert.Contains("Learning Lab", card, StringComparison.Ordinal);
        Assert.Contains("A group chat", card, StringComparison.Ordinal);
        Assert.Contains("**Rewards** — recognising each other", card, StringComparison.Ordinal);
        Assert.Contains($"🙌 Appreciated\nbronze ({today}) · 1/10 kudos received toward silver", card, StringComparison.Ordinal);
        Assert.Contains("📊 Relevance Rater\n7/10 items rated toward bronze", card, StringComparison.Ordinal);
        Assert.Contains($"🧭 Curator\nbronze ({today}) · 1/5 approved suggestions toward silver", card, StringComparison.Ordinal);

        // Curator is off in Learning Lab and was never earned there: not shown for that team.
        Assert.Equal(1, CountOf(card, "🧭 Curator"));
    }

    [Fact]
    public async Task In_a_channel_the_card_of_that_team_goes_to_the_private_chat()
    {
        await host.PublishAsync(LearnerEventKind.Rated, 1, 3);

        var note = await host.CommandAsync("my badges", 1);

        Assert.Equal("I've sent your badges to you in our private chat.", note.Text);
        Assert.Equal(ReflectionsHost.ThreadId, note.ConversationId);
        var card = host.Teams.Activities.Single(r => r.ConversationId == BadgesHost.ChatId(1)).CardText();
        Assert.Contains("None earned yet", card, StringComparison.Ordinal);
        Assert.Contains("3/10 items rated toward bronze", card, StringComparison.Ordinal);
        Assert.Contains("0/3 reflections of 40+ words toward bronze", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Learning Lab", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_without_any_progress_is_told_how_to_start()
    {
        var card = (await host.PersonalAsync("my badges", 3)).CardText();

        Assert.Contains("None earned yet", card, StringComparison.Ordinal);
        Assert.Contains("Reflect on a drop", card, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
