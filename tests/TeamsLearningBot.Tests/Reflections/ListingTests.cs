using System.Text.Json;
using System.Text.Json.Nodes;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

public sealed class ListingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Announcements = "19:c0ffee01d2e34f5a@thread.tacv2";
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ReflectionsHost.StartAsync(azurite, refresher: false);
        var other = await host.PostCardAsync(Announcements, "1764241111111");
        await host.Get<TeamsLearningBot.Teams.TeamStore>().SaveChannelAsync(ReflectionsHost.TeamId, Announcements, "Announcements", TestContext.Current.CancellationToken);
        for (var i = 1; i <= 12; i++)
        {
            var share = host.Share($"Reflection number {i}", null, ReflectionsHost.Learner(i));
            await host.SendAsync(i % 3 == 0 ? ReflectionsHost.On(other, share) : share);
        }

        // A card's first refresh puts it in the item's index.
        await host.RefreshAsync();
        await host.RefreshAsync(other);
        host.Teams.Reset();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Reflections_command_lists_an_item_s_reflections_across_channels_newest_first_in_pages()
    {
        await host.SendAsync(host.Command("reflections C1"));

        var first = host.Teams.Activities[^1].CardText();
        Assert.Contains("Reflections on C1", first, StringComparison.Ordinal);
        Assert.Contains("Giving feedback that lands", first, StringComparison.Ordinal);
        Assert.True(first.IndexOf("Reflection number 12", StringComparison.Ordinal) < first.IndexOf("Reflection number 11", StringComparison.Ordinal));
        Assert.DoesNotContain("Reflection number 2\n", first + "\n", StringComparison.Ordinal);
        Assert.Contains("Announcements", first, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 2 · 12 in all", first, StringComparison.Ordinal);
        Assert.Contains("More", first, StringComparison.Ordinal);

        await host.SendAsync(host.Command("reflections C1 page 2"));

        var second = host.Teams.Activities[^1].CardText();
        Assert.Contains("Reflection number 2", second, StringComparison.Ordinal);
        Assert.Contains("Reflection number 1", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Reflection number 3", second, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reflections_without_an_item_explains_the_form()
    {
        await host.SendAsync(host.Command("reflections"));

        Assert.Contains("reflections C12 [page 2]", host.Teams.Activities[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_reflections_on_the_card_answers_with_the_listing_for_that_person_with_more_and_back()
    {
        var show = Action("reflections.show", new JsonObject { ["drop"] = "D4", ["item"] = host.Item.Number, ["page"] = 1, ["onCard"] = true });

        var page1 = await ShareFromCardTests.ReadAsync(await host.SendAsync(show));

        var text = ShareFromCardTests.Texts(page1);
        Assert.Contains("Reflection number 12", text, StringComparison.Ordinal);
        Assert.Contains("Back to the card", text, StringComparison.Ordinal);
        var more = page1.GetProperty("value").GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("title").GetString() == "More");
        Assert.Equal("reflections.show", more.GetProperty("verb").GetString());
        Assert.Equal(2, more.GetProperty("data").GetProperty("page").GetInt32());

        var page2 = ShareFromCardTests.Texts(await ShareFromCardTests.ReadAsync(await host.SendAsync(Action("reflections.show", JsonNode.Parse(more.GetProperty("data").GetRawText())!.AsObject()))));
        Assert.Contains("Page 2 of 2", page2, StringComparison.Ordinal);

        var back = ShareFromCardTests.Texts(await ShareFromCardTests.ReadAsync(await host.SendAsync(Action("reflections.card", new JsonObject { ["drop"] = "D4", ["item"] = host.Item.Number }))));
        Assert.Contains("How relevant was this to your work?", back, StringComparison.Ordinal);
        Assert.Contains("8 reflections", back, StringComparison.Ordinal);
        Assert.Empty(host.Teams.Activities);
    }

    private JsonObject Action(string verb, JsonObject data)
    {
        var activity = host.Share(null, null);
        activity["value"]!["action"]!["verb"] = verb;
        activity["value"]!["action"]!["data"] = data;
        return activity;
    }
}
