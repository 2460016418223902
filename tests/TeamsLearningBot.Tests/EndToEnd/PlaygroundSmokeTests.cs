namespace TeamsLearningBot.Tests.EndToEnd;

/// <summary>
/// The bot as a newcomer meets it in the Agents Playground: installed into the team, asked for
/// help in a personal chat and in a channel. Each test asserts on what the Playground received
/// from the bot, so a bot that stays silent fails.
/// </summary>
public sealed class PlaygroundSmokeTests(PlaygroundFixture fixture) : IClassFixture<PlaygroundFixture>
{
    private const string HelpCardIntro = "Learning from and with each other";

    private AgentsPlayground Playground => fixture.Playground;

    private PlaygroundConfig Teams => fixture.Playground.Config;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Installing_into_the_team_posts_the_welcome_card_in_General()
    {
        Assert.Equal("Learning Lab", Teams.TeamName);
        var mark = Playground.Mark();

        await Playground.InstallAsync(Teams.TeamId, Cancellation);

        // General's conversation id is the team's id; the welcome starts a new post there.
        var welcome = await Playground.WaitForBotMessageAsync(mark, Teams.TeamId, Cancellation);
        Assert.StartsWith(Teams.TeamId + ";messageid=", welcome.PostConversationId, StringComparison.Ordinal);
        Assert.Single(welcome.AdaptiveCards);
        Assert.Contains("Hello, Learning Lab!", welcome.CardText, StringComparison.Ordinal);
        Assert.NotNull(welcome.ActionData("What can you do?"));
    }

    [Fact]
    public async Task Help_in_the_personal_chat_answers_with_the_help_card()
    {
        var mark = Playground.Mark();

        await Playground.SendAsync(Teams.PersonalChatId, "help", mentionBot: false, Cancellation);

        var reply = await Playground.WaitForBotMessageAsync(mark, Teams.PersonalChatId, Cancellation);
        Assert.Single(reply.AdaptiveCards);
        Assert.Contains(HelpCardIntro, reply.CardText, StringComparison.Ordinal);
        Assert.Contains("help", reply.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("didn't understand", reply.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_with_an_at_mention_in_a_channel_answers_in_that_post()
    {
        var channelId = Teams.ChannelIdsByName["Customer Stories"];
        var mark = Playground.Mark();

        var post = await Playground.SendAsync(channelId, "help", mentionBot: true, Cancellation);

        Assert.NotNull(post.PostConversationId);
        var reply = await Playground.WaitForBotMessageAsync(mark, post.PostConversationId, Cancellation);
        Assert.Single(reply.AdaptiveCards);
        Assert.Contains(HelpCardIntro, reply.CardText, StringComparison.Ordinal);
        Assert.Contains("@mention me first", reply.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_answers_with_the_help_card_and_says_so()
    {
        var words = "frobnicate " + Guid.NewGuid().ToString("N")[..8];
        var mark = Playground.Mark();

        await Playground.SendAsync(Teams.PersonalChatId, words, mentionBot: false, Cancellation);

        var reply = await Playground.WaitForBotMessageAsync(mark, Teams.PersonalChatId, Cancellation);
        Assert.Single(reply.AdaptiveCards);
        Assert.Contains($"I didn't understand \u201C{words}\u201D", reply.CardText, StringComparison.Ordinal);
        Assert.Contains("help", reply.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_welcome_cards_what_can_you_do_button_answers_with_the_help_card()
    {
        var mark = Playground.Mark();
        await Playground.InstallAsync(Teams.PersonalChatId, Cancellation);
        var welcome = await Playground.WaitForBotMessageAsync(mark, Teams.PersonalChatId, Cancellation);
        var button = welcome.ActionData("What can you do?");
        Assert.NotNull(button);

        mark = Playground.Mark();
        await Playground.SubmitAsync(Teams.PersonalChatId, welcome.MessageId, button, Cancellation);

        var reply = await Playground.WaitForBotMessageAsync(mark, Teams.PersonalChatId, Cancellation);
        Assert.Contains(HelpCardIntro, reply.CardText, StringComparison.Ordinal);
    }
}
