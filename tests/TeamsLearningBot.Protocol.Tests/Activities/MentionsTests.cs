using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Protocol.Tests.Activities;

public sealed class MentionsTests
{
    private static readonly ChannelAccount Bot = new() { Id = "28:bot", Name = "Learning Bot" };
    private static readonly ChannelAccount Jane = new() { Id = "29:jane", Name = "Jane Doe" };

    [Fact]
    public void Removes_only_the_bots_mention()
    {
        var activity = Message("<at>Learning Bot</at> kudos <at>Jane Doe</at> for the demo", Mention(Bot), Mention(Jane));

        Assert.Equal("kudos <at>Jane Doe</at> for the demo", activity.TextWithoutBotMention());
        Assert.Equal("29:jane", Assert.Single(activity.MentionedUsers()).Id);
    }

    [Fact]
    public void Removes_the_mention_by_name_when_the_entity_has_no_text()
    {
        var activity = Message("<AT>Learning Bot</AT>  help ", new Entity { Type = "mention", Mentioned = Bot });

        Assert.Equal("help", activity.TextWithoutBotMention());
    }

    [Fact]
    public void Leaves_text_alone_when_the_bot_is_not_mentioned()
    {
        var activity = Message("<at>Jane Doe</at> help", Mention(Jane));

        Assert.Equal("<at>Jane Doe</at> help", activity.TextWithoutBotMention());
    }

    [Fact]
    public void Create_encodes_the_name_and_matches_the_entity_text()
    {
        var (markup, entity) = Mentions.Create(new ChannelAccount { Id = "29:x", Name = "Tom & <Jerry>" });

        Assert.Equal("<at>Tom &amp; &lt;Jerry&gt;</at>", markup);
        Assert.Equal(markup, entity.Text);
        Assert.Equal("29:x", entity.Mentioned?.Id);
    }

    private static Entity Mention(ChannelAccount who) => Entity.Mention(who, $"<at>{who.Name}</at>");

    private static Activity Message(string text, params Entity[] entities) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Recipient = Bot,
        Entities = entities,
    };
}
