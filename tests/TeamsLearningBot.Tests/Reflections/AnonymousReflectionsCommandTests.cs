using TeamsLearningBot.Reflections;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary><c>anonymous reflections on|off</c>: the team's default, and what it does to the next card.</summary>
public sealed class AnonymousReflectionsCommandTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // The sender of the command fixture, named a facilitator in configuration.
    private const string FacilitatorAadObjectId = "6de5c8c3-7d0a-4b6f-9a3e-2f1b8f0c9a11";

    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() =>
        host = await ReflectionsHost.StartAsync(azurite, refresher: false, configure: app => app.WithSetting("Facilitators:AadObjectIds:0", FacilitatorAadObjectId));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_facilitator_turns_the_default_on_and_the_next_card_takes_anonymous_reflections()
    {
        Assert.Contains("are off by default", await SayAsync("anonymous reflections"), StringComparison.Ordinal);

        var on = await SayAsync("anonymous reflections on");

        Assert.Contains("can share reflections anonymously", on, StringComparison.Ordinal);
        Assert.Contains("are on by default", await SayAsync("anonymous reflections"), StringComparison.Ordinal);
        Assert.True((await host.Get<TeamStore>().GetAsync(ReflectionsHost.TeamId, TestContext.Current.CancellationToken))!.AnonymousReflections);

        // A drop's card opened after the change allows anonymous sharing although its drop did not ask for it.
        var next = await host.RecordPostOnlyAsync(ReflectionsHost.ChannelId, "1764249999999");
        await host.SendAsync(ReflectionsHost.On(next, host.Share("Said without my name.", "4", ReflectionsHost.Learner(7, "Nestor Wilke"), anonymous: true)));

        var stored = Assert.Single(await host.Get<ReflectionStore>().ListReflectionsAsync(next, null, TestContext.Current.CancellationToken));
        Assert.True(stored.Anonymous);
        Assert.DoesNotContain("Nestor", host.Teams.Activities[^1].BodyText ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_it_off_names_authors_again_on_new_cards()
    {
        await SayAsync("anonymous reflections on");
        var off = await SayAsync("anonymous reflections off");

        Assert.Contains("show their author's name", off, StringComparison.Ordinal);
        var next = await host.RecordPostOnlyAsync(ReflectionsHost.ChannelId, "1764248888888");
        await host.SendAsync(ReflectionsHost.On(next, host.Share("Asked to be anonymous.", "4", ReflectionsHost.Learner(8, "Lidia Holloway"), anonymous: true)));

        Assert.False(Assert.Single(await host.Get<ReflectionStore>().ListReflectionsAsync(next, null, TestContext.Current.CancellationToken)).Anonymous);
    }

    [Fact]
    public async Task Someone_who_is_not_a_facilitator_cannot_change_it()
    {
        var refused = await SayAsync("anonymous reflections on", ReflectionsHost.Learner(9, "Joni Sherman"));

        Assert.Contains("only facilitators", refused, StringComparison.OrdinalIgnoreCase);
        Assert.False((await host.Get<TeamStore>().GetAsync(ReflectionsHost.TeamId, TestContext.Current.CancellationToken))!.AnonymousReflections);
    }

    private async Task<string> SayAsync(string command, System.Text.Json.Nodes.JsonObject? from = null)
    {
        host.Teams.Reset();
        await host.SendAsync(host.Command(command, from));
        var reply = host.Teams.Activities[^1];
        return (reply.Text ?? string.Empty) + reply.CardText();
    }
}
