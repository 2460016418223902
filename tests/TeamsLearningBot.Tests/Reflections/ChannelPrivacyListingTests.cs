using System.Text.Json.Nodes;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

/// <summary>
/// A private channel's members are some of the team; a shared channel's may be outside it. What
/// is said there is listed only there, and a shared channel sees only its own reflections.
/// </summary>
public sealed class ChannelPrivacyListingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PrivateChannel = "19:5ec7e7a1b2c34d5e@thread.tacv2";
    private const string SharedChannel = "19:5a4ed0c1d2e34f5a@thread.tacv2";
    private ReflectionsHost host = null!;
    private PostKey privateCard = null!;
    private PostKey sharedCard = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ReflectionsHost.StartAsync(azurite, refresher: false);
        privateCard = await host.PostCardAsync(PrivateChannel, "1764242222222");
        sharedCard = await host.PostCardAsync(SharedChannel, "1764243333333");
        await host.SendAsync(In(host.Post, "standard", host.Share("Said in the open channel", null, ReflectionsHost.Learner(1))));
        await host.SendAsync(In(privateCard, "private", host.Share("Said among the leads only", null, ReflectionsHost.Learner(2))));
        await host.SendAsync(In(sharedCard, "shared", host.Share("Said with the partner company", null, ReflectionsHost.Learner(3))));

        // A card's first refresh puts it in the item's index.
        await host.RefreshAsync();
        await host.RefreshAsync(privateCard);
        await host.RefreshAsync(sharedCard);
        host.Teams.Reset();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_standard_channel_lists_neither_private_nor_shared_channels_reflections()
    {
        await host.SendAsync(In(host.Post, "standard", host.Command("reflections C1")));

        var listing = host.Teams.Activities[^1].CardText();
        Assert.Contains("Said in the open channel", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("Said among the leads only", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("Said with the partner company", listing, StringComparison.Ordinal);
        Assert.Contains("1 in all", listing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("private", new[] { "Said among the leads only", "Said in the open channel" }, new[] { "Said with the partner company" })]
    [InlineData("shared", new[] { "Said with the partner company" }, new[] { "Said in the open channel", "Said among the leads only" })]
    public async Task A_private_channel_lists_its_own_and_the_standard_channels_reflections_a_shared_one_only_its_own(string channelType, string[] listed, string[] leftOut)
    {
        await host.SendAsync(In(channelType == "private" ? privateCard : sharedCard, channelType, host.Command("reflections C1")));

        var listing = host.Teams.Activities[^1].CardText();
        Assert.All(listed, said => Assert.Contains(said, listing, StringComparison.Ordinal));
        Assert.All(leftOut, said => Assert.DoesNotContain(said, listing, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_that_does_not_say_its_channel_s_type_gets_the_type_learned_there_before()
    {
        await host.SendAsync(ReflectionsHost.On(sharedCard, host.Command("reflections C1")));

        var listing = host.Teams.Activities[^1].CardText();
        Assert.Contains("Said with the partner company", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("Said in the open channel", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_reflections_on_a_private_channel_s_card_includes_that_channel()
    {
        var show = In(privateCard, "private", host.Share(null, null));
        show["value"]!["action"]!["verb"] = "reflections.show";
        show["value"]!["action"]!["data"] = new JsonObject { ["drop"] = "D4", ["item"] = host.Item.Number, ["page"] = 1, ["onCard"] = true };

        var text = ShareFromCardTests.Texts(await ShareFromCardTests.ReadAsync(await host.SendAsync(show)));

        Assert.Contains("Said among the leads only", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Said with the partner company", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_card_remembers_its_channel_type_from_the_activities()
    {
        var card = await host.Get<ReflectionStore>().GetPostAsync(privateCard, TestContext.Current.CancellationToken);

        Assert.Equal("private", card?.ChannelType);
    }

    [Theory]
    [InlineData("19:a", null, "19:b", "standard", true)]
    [InlineData("19:a", "private", "19:b", "standard", false)]
    [InlineData("19:a", "shared", "19:b", "private", false)]
    [InlineData("19:a", "private", "19:a", "private", true)]
    [InlineData("19:a", "standard", "19:b", "shared", false)]
    [InlineData("19:a", null, "19:b", null, true)]
    public void Visibility_follows_both_channels_membership(string cardChannel, string? cardType, string viewerChannel, string? viewerType, bool visible) =>
        Assert.Equal(visible, ReflectionListing.Visible(cardChannel, cardType, new() { Id = viewerChannel, Type = viewerType }));

    /// <summary>The activity moved to <paramref name="card"/>'s channel, with the channel's type as Teams sends it.</summary>
    private static JsonObject In(PostKey card, string type, JsonObject activity)
    {
        var moved = ReflectionsHost.On(card, activity);
        moved["channelData"]!["channel"]!["type"] = type;
        return moved;
    }
}
