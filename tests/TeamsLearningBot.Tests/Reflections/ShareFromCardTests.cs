using System.Net;
using System.Text.Json;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Reflections;

public sealed class ShareFromCardTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ReflectionsHost host = null!;

    public async ValueTask InitializeAsync() => host = await ReflectionsHost.StartAsync(azurite);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Share_answers_at_once_with_a_thank_you_card_then_the_thread_and_the_footer_follow()
    {
        var response = await host.SendAsync(host.Share("We tried the 5-minute retro and it *worked*.", "4", ReflectionsHost.Learner(1, "Alex Wilber")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        var card = Texts(body.GetProperty("value"));
        Assert.Contains("Thanks — your reflection is in the thread.", card, StringComparison.Ordinal);
        Assert.Contains("Your relevance rating: 4/5", card, StringComparison.Ordinal);
        Assert.Contains("1 reflection · relevance 4.0/5 from 1 rating", card, StringComparison.Ordinal);

        var echo = await host.Teams.WaitForRequestAsync(r => r.Method == "POST" && r.ConversationId == ReflectionsHost.ThreadId, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal("**Alex Wilber** reflected: We tried the 5\\-minute retro and it \\*worked\\*\\.", echo.Text);
        var settled = await host.SettledCardAsync();
        Assert.Equal((1, 1, 4), (settled.Reflections, settled.Ratings, settled.RatingSum));
        var update = Assert.Single(host.CardUpdates());
        Assert.Contains("1 reflection · relevance 4.0/5 from 1 rating", update.CardText(), StringComparison.Ordinal);
        Assert.Contains("Giving feedback that lands", update.CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rating_alone_is_enough_and_a_later_rating_replaces_the_earlier()
    {
        var alex = ReflectionsHost.Learner(1);
        var first = await ReadAsync(await host.SendAsync(host.Share(null, "2", alex)));
        Assert.Contains("Thanks — your rating is in.", Texts(first), StringComparison.Ordinal);

        var second = await ReadAsync(await host.SendAsync(host.Share(string.Empty, "5", alex)));
        Assert.Contains("Your relevance rating: 5/5", Texts(second), StringComparison.Ordinal);
        await host.SendAsync(host.Share(null, "3", ReflectionsHost.Learner(2)));

        var card = await host.CardAsync();
        Assert.Equal((0, 2, 8), (card!.Reflections, card.Ratings, card.RatingSum));
        Assert.Equal("0 reflections · relevance 4.0/5 from 2 ratings", card.Totals.Describe());
    }

    [Fact]
    public async Task The_same_invoke_delivered_twice_is_stored_once()
    {
        var share = host.Share("Once is enough.", "4", ReflectionsHost.Learner(1), id: "f:redelivered-1");

        var first = await ReadAsync(await host.SendAsync(share));
        var again = await ReadAsync(await host.SendAsync(share.DeepClone().AsObject()));

        Assert.Contains("Thanks — your reflection is in the thread.", Texts(again), StringComparison.Ordinal);
        var card = await host.SettledCardAsync();
        Assert.Equal((1, 1, 4), (card.Reflections, card.Ratings, card.RatingSum));
        Assert.Single(host.ThreadMessages());
        Assert.Contains("1 reflection", Texts(first), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", "Write a reflection or choose how relevant this was")]
    [InlineData("   \n  ", null, "Write a reflection or choose how relevant this was")]
    [InlineData("Fine text", "7", "Choose how relevant this was from 1 to 5.")]
    public async Task An_empty_or_wrong_submission_gets_a_clear_message_on_the_card(string text, string? rating, string expected)
    {
        var body = await ReadAsync(await host.SendAsync(host.Share(text, rating, ReflectionsHost.Learner(1))));

        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Contains(expected, Texts(body), StringComparison.Ordinal);
        var card = await host.CardAsync();
        Assert.Equal(0, card!.Version);
    }

    [Fact]
    public async Task An_oversize_reflection_is_refused_and_kept_in_the_input_to_shorten()
    {
        var text = new string('x', 2001);

        var body = await ReadAsync(await host.SendAsync(host.Share(text, "4", ReflectionsHost.Learner(1))));

        var json = Texts(body);
        Assert.Contains("2,001 characters long; the limit is 2,000", json, StringComparison.Ordinal);
        Assert.Contains(text, json, StringComparison.Ordinal);
        Assert.Equal(0, (await host.CardAsync())!.Version);
    }

    [Fact]
    public async Task A_card_that_is_not_a_drop_s_gets_an_error_answer()
    {
        var share = host.Share("Hello", "4");
        share["replyToId"] = "1764249999999";
        share["conversation"]!["id"] = ReflectionsHost.ChannelId + ";messageid=1764249999999";

        var response = await host.SendAnyStatusAsync(share);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.Equal("application/vnd.microsoft.error", body.GetProperty("type").GetString());
        Assert.Equal("BadRequest", body.GetProperty("value").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_submit_fallback_stores_the_reflection_and_says_nothing_until_the_thread_message()
    {
        var submit = TestActivities.Load("message-card-submit", host.Teams.ServiceUrl);

        var response = await host.SendAsync(submit);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await host.Teams.WaitForRequestAsync(r => r.Method == "POST" && r.ConversationId == ReflectionsHost.ThreadId, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal("**Alex Wilber** reflected: Submitted from an older client\\.", echo.Text);
        var card = await host.SettledCardAsync();
        Assert.Equal((1, 1, 3), (card.Reflections, card.Ratings, card.RatingSum));
    }

    [Fact]
    public async Task An_empty_submit_is_answered_in_the_thread_without_naming_anyone()
    {
        var submit = TestActivities.Load("message-card-submit", host.Teams.ServiceUrl, a =>
        {
            a["value"]!["reflection"] = string.Empty;
            a["value"]!["relevance"] = string.Empty;
        });

        await host.SendAsync(submit);

        var reply = Assert.Single(host.Teams.Activities);
        Assert.Equal(ReflectionsHost.ThreadId, reply.ConversationId);
        Assert.Contains("Write a reflection or choose how relevant this was", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex", reply.BodyText, StringComparison.Ordinal);
    }

    /// <summary>Every string in the JSON, decoded, one per line.</summary>
    internal static string Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => string.Join('\n', element.EnumerateObject().Select(p => Texts(p.Value))),
        JsonValueKind.Array => string.Join('\n', element.EnumerateArray().Select(Texts)),
        JsonValueKind.String => element.GetString()!,
        _ => string.Empty,
    };

    internal static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
}
