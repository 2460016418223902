using System.Net;
using TeamsLearningBot.Testing;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Commands;

public sealed class HelpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly BotApplicationFactory app = new(azurite);
    private FakeConnector teams = null!;

    public async ValueTask InitializeAsync() => teams = await FakeConnector.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await teams.DisposeAsync();
    }

    [Fact]
    public async Task Help_in_personal_chat_answers_with_the_help_card_in_that_chat()
    {
        var response = await app.PostActivityAsync(TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(teams.Activities);
        Assert.StartsWith("a:1qhNLqp", reply.ConversationId, StringComparison.Ordinal);
        Assert.Equal("1764235244551", reply.Body!.Value.GetProperty("replyToId").GetString());
        var text = reply.CardText();
        Assert.Contains("TeamsLearningBot", text, StringComparison.Ordinal);
        Assert.Contains("privacy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@mention me", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_with_a_mention_in_a_channel_answers_in_the_thread()
    {
        await app.PostActivityAsync(TestActivities.Load("channel-message-with-mention", teams.ServiceUrl), TestContext.Current.CancellationToken);

        var reply = Assert.Single(teams.Activities);
        Assert.Equal("19:c2f4e1d0a7b94f6e8d5c3b2a1f0e9d8c@thread.tacv2;messageid=1764234901123", reply.ConversationId);
        Assert.Contains("@mention me first", reply.CardText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_place_keeps_its_own_help_card_when_asked_again()
    {
        var personal = TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help");
        var channel = TestActivities.Load("channel-message-with-mention", teams.ServiceUrl);

        await app.PostActivityAsync(personal, TestContext.Current.CancellationToken);
        await app.PostActivityAsync(channel, TestContext.Current.CancellationToken);
        await app.PostActivityAsync(personal, TestContext.Current.CancellationToken);
        await app.PostActivityAsync(channel, TestContext.Current.CancellationToken);

        var texts = teams.Activities.Select(r => r.CardText()).ToList();
        Assert.Equal(4, texts.Count);
        Assert.DoesNotContain("@mention me", texts[0], StringComparison.Ordinal);
        Assert.Contains("@mention me first", texts[1], StringComparison.Ordinal);
        Assert.Equal(texts[0], texts[2]);
        Assert.Equal(texts[1], texts[3]);
    }

    [Fact]
    public async Task A_channel_message_without_a_mention_is_not_a_command()
    {
        var response = await app.PostActivityAsync(
            TestActivities.Load("channel-message-with-mention", teams.ServiceUrl, a =>
            {
                a["text"] = "help";
                a.Remove("entities");
            }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(teams.Requests);
    }

    [Fact]
    public async Task An_unknown_command_gets_the_help_card_saying_what_was_not_understood()
    {
        await app.PostActivityAsync(TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "sing me a song"), TestContext.Current.CancellationToken);

        var reply = Assert.Single(teams.Activities);
        var text = reply.CardText();
        Assert.Contains("I didn't understand \u201Csing me a song\u201D", text, StringComparison.Ordinal);
        Assert.Contains("help", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_reply_is_retried_after_the_given_delay()
    {
        teams.ThrottleNext(1, TimeSpan.FromSeconds(1));

        var response = await app.PostActivityAsync(TestActivities.Load("personal-message", teams.ServiceUrl, a => a["text"] = "help"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, teams.Requests.Count);
        Assert.Equal(429, teams.Requests[0].StatusCode);
        Assert.True(teams.Requests[1].Succeeded);
        Assert.True(teams.Requests[1].Elapsed - teams.Requests[0].Elapsed >= TimeSpan.FromMilliseconds(980), $"retried after {teams.Requests[1].Elapsed - teams.Requests[0].Elapsed}");
    }
}
