using Microsoft.Extensions.DependencyInjection;
using TeamsLearningBot.Teams;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;
using static TeamsLearningBot.Tests.Infrastructure.ChannelConversation;

namespace TeamsLearningBot.Tests.Teams;

/// <summary>The facilitators commands end to end, with @mentions as Teams sends them.</summary>
public sealed class FacilitatorsCommandsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly BotApplicationFactory app = new(azurite);
    private FakeConnector teams = null!;
    private ChannelConversation channel = null!;

    public async ValueTask InitializeAsync()
    {
        teams = await FakeConnector.StartAsync();
        channel = new ChannelConversation(app, teams);
        await channel.InstallAsync(Megan);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task A_facilitator_adds_someone_who_can_then_use_facilitator_commands()
    {
        var refusedBefore = await channel.SayAsync(Alex, "content add");
        var added = await channel.SayAsync(Megan, "facilitators add", Alex);
        var again = await channel.SayAsync(Megan, "facilitators add", Alex, Megan);
        var form = await channel.SayAsync(Alex, "content add");
        var list = await channel.SayAsync(Adele, "facilitators");

        Assert.StartsWith("Only facilitators can use `content add`.", refusedBefore.Text, StringComparison.Ordinal);
        Assert.Equal("**Alex Wilber** is now a facilitator of this team.", added.Text);
        Assert.Equal("**Alex Wilber** already is a facilitator.\n\nYou are already a facilitator.", again.Text);
        Assert.Contains("Add to the library", form.CardText(), StringComparison.Ordinal);
        var text = list.CardText();
        Assert.Contains("Facilitators of this team", text, StringComparison.Ordinal);
        Assert.Contains("Alex Wilber", text, StringComparison.Ordinal);
        Assert.Contains("Megan Bowen", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgetting_a_facilitator_keeps_the_people_they_added_without_saying_who_added_them()
    {
        await channel.SayAsync(Megan, "facilitators add", Alex);
        var store = app.Services.GetRequiredService<TeamStore>();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(Megan.Id, (await store.ListFacilitatorsAsync(TeamId, ct)).Single(f => f.UserId == Alex.Id).AddedById);

        await app.Services.GetServices<TeamsLearningBot.Privacy.IPersonalDataEraser>().OfType<TeamsPersonalDataEraser>().Single().EraseAsync(new("72f988bf-86f1-41af-91ab-2d7cd011db47", Megan.Id, Megan.AadObjectId, "megan-key"), ct);

        var left = await store.ListFacilitatorsAsync(TeamId, ct);
        var alex = Assert.Single(left);
        Assert.Equal(Alex.Id, alex.UserId);
        Assert.Null(alex.AddedById);
    }

    [Fact]
    public async Task Removing_keeps_the_last_facilitator_and_a_removed_one_is_refused_afterwards()
    {
        await channel.SayAsync(Megan, "facilitators add", Alex);

        var removed = await channel.SayAsync(Alex, "facilitators remove", Megan);
        var last = await channel.SayAsync(Alex, "facilitators remove", Alex);
        var stranger = await channel.SayAsync(Alex, "facilitators remove", Adele);
        var refused = await channel.SayAsync(Megan, "facilitators add", Megan);

        Assert.Equal("**Megan Bowen** is no longer a facilitator of this team.", removed.Text);
        Assert.StartsWith("You are this team's last facilitator, so I kept you.", last.Text, StringComparison.Ordinal);
        Assert.Equal("**Adele Vance** isn't a facilitator of this team.", stranger.Text);
        Assert.Equal("Only facilitators can use `facilitators add`. This team's facilitators: Alex Wilber. Ask one of them to help, or to make you a facilitator.", refused.Text);
        var facilitators = await app.Services.GetRequiredService<TeamStore>().ListFacilitatorsAsync(TeamId, TestContext.Current.CancellationToken);
        Assert.Equal(Alex.Id, Assert.Single(facilitators).UserId);
    }

    [Fact]
    public async Task Add_without_a_mention_shows_how()
    {
        var reply = await channel.SayAsync(Megan, "facilitators add Alex");

        var text = reply.CardText();
        Assert.Contains("@mention the people to make facilitators.", text, StringComparison.Ordinal);
        Assert.Contains("facilitators add @name", text, StringComparison.Ordinal);
    }
}
