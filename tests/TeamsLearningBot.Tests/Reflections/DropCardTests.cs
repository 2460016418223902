using Microsoft.Extensions.Time.Testing;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Tests.Drops;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary>The drop pipeline posts the card with its reflection form and opens it for reflections.</summary>
public sealed class DropCardTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2027, 1, 4, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_posted_drop_card_carries_the_form_and_is_open_for_reflections_with_the_team_s_anonymous_default(bool teamDefault)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DropsHost.StartAsync(azurite, new FakeTimeProvider(Start));
        await host.SeedTeamAsync();
        await host.Get<TeamStore>().SetAnonymousReflectionsAsync(DropsHost.TeamId, teamDefault, ct);
        var item = await host.AddItemAsync("Feedback that lands");
        var due = Start.AddMinutes(5);
        var drop = await host.ScheduleAsync(item, null, DropSchedule.Once(due, "once"), due, channels: [DropsHost.General]);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        await host.RunSchedulerAsync();

        await host.DeliverAllAsync();

        var card = Assert.Single(host.Posts).Card()!.Value.GetRawText();
        Assert.Contains("\"verb\":\"reflect\"", card, StringComparison.Ordinal);
        Assert.Contains("How relevant was this to your work?", card, StringComparison.Ordinal);
        Assert.Equal(teamDefault, card.Contains("\"Input.Toggle\"", StringComparison.Ordinal));
        var delivery = Assert.Single(await host.DeliveriesAsync(drop.Number));
        var opened = await host.Get<ReflectionStore>().GetPostAsync(new PostKey(DropsHost.General.Id, delivery.ActivityId!), ct);
        Assert.NotNull(opened);
        Assert.Equal(teamDefault, opened.AnonymousAllowed);
        Assert.Equal("Feedback that lands", ReflectionPostOpener.ItemOf(opened).Title);
    }
}
