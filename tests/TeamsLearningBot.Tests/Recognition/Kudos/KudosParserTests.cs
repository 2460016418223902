using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Recognition.Kudos;

namespace TeamsLearningBot.Tests.Recognition.Kudos;

public sealed class KudosParserTests
{
    private const string BotId = "28:bot";
    private static readonly ChannelAccount Bot = new() { Id = BotId, Name = "Learning Bot" };
    private static readonly ChannelAccount Megan = new() { Id = "29:megan", Name = "Megan Bowen" };
    private static readonly ChannelAccount Adele = new() { Id = "29:adele", Name = "Adele Vance" };
    private static readonly ChannelAccount Alex = new() { Id = "29:alex", Name = "Alex" };
    private static readonly ChannelAccount OtherAlex = new() { Id = "29:alex-2", Name = "Alex" };

    [Theory]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at> for the demo", "the demo")]
    [InlineData("<at>Learning Bot</at> KUDOS <at>Megan Bowen</at>: for the demo", "the demo")]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at> \u2014 for the demo", "the demo")]
    [InlineData("<at>Learning Bot</at> kudos to <at>Megan Bowen</at> for: the demo", "the demo")]
    [InlineData("<at>Learning Bot</at>&nbsp;kudos&nbsp;<at>Megan Bowen</at>&nbsp;for&nbsp;the demo", "the demo")]
    [InlineData("kudos <at>Megan Bowen</at> for the demo <at>Learning Bot</at>", "the demo")]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at> thanks for the demo", "thanks for the demo")]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at> for fixing R&amp;D's build", "fixing R&D's build")]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at> for\nthe demo\nand the notes", "the demo\nand the notes")]
    public void The_receiver_and_the_reason_are_read_whatever_the_wording(string text, string reason)
    {
        var request = KudosParser.Parse(Message(text, Bot, Megan, Bot));

        Assert.Equal([Megan.Id], request.People.Select(p => p.Id));
        Assert.Equal(reason, request.Reason);
        Assert.False(request.NamesBot);
    }

    [Theory]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at> <at>Adele Vance</at> for the retro")]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at>, <at>Adele Vance</at> for the retro")]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at> and <at>Adele Vance</at> for the retro")]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at> &amp; <at>Adele Vance</at> for the retro")]
    public void Several_people_can_be_named_before_the_reason(string text)
    {
        var request = KudosParser.Parse(Message(text, Bot, Megan, Adele));

        Assert.Equal([Megan.Id, Adele.Id], request.People.Select(p => p.Id));
        Assert.Equal("the retro", request.Reason);
    }

    [Fact]
    public void Someone_named_in_the_reason_is_not_a_receiver_and_reads_as_their_name()
    {
        var request = KudosParser.Parse(Message("<at>Learning Bot</at> kudos <at>Megan Bowen</at> for helping <at>Adele Vance</at> settle in", Bot, Megan, Adele));

        Assert.Equal([Megan.Id], request.People.Select(p => p.Id));
        Assert.Equal("helping Adele Vance settle in", request.Reason);
    }

    [Fact]
    public void The_same_person_twice_counts_once_and_namesakes_stay_apart()
    {
        var twice = KudosParser.Parse(Message("<at>Learning Bot</at> kudos <at>Megan Bowen</at> <at>Megan Bowen</at> for it", Bot, Megan, Megan));
        var namesakes = KudosParser.Parse(Message("<at>Learning Bot</at> kudos <at>Alex</at> and <at>Alex</at> for it", Bot, Alex, OtherAlex));

        Assert.Equal([Megan.Id], twice.People.Select(p => p.Id));
        Assert.Equal([Alex.Id, OtherAlex.Id], namesakes.People.Select(p => p.Id));
    }

    [Fact]
    public void The_bot_named_as_a_receiver_is_told_apart_from_its_prefix()
    {
        var request = KudosParser.Parse(Message("<at>Learning Bot</at> kudos <at>Learning Bot</at> for the reminders", Bot, Bot));

        Assert.True(request.NamesBot);
        Assert.Empty(request.People);
    }

    [Theory]
    [InlineData("19:general@thread.tacv2")]
    [InlineData("28:another-app")]
    public void A_channel_tag_or_other_app_is_not_a_person(string id)
    {
        var request = KudosParser.Parse(Message("<at>Learning Bot</at> kudos <at>General</at> for the week", Bot, new ChannelAccount { Id = id, Name = "General" }));

        Assert.True(request.NamesNonPerson);
        Assert.Empty(request.People);
    }

    [Theory]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at>")]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at> for")]
    [InlineData("<at>Learning Bot</at> kudos <at>Megan Bowen</at> for <at>Learning Bot</at>")]
    public void A_missing_reason_reads_empty(string text)
    {
        Assert.Equal(string.Empty, KudosParser.Parse(Message(text, Bot, Megan, Bot)).Reason);
    }

    [Fact]
    public void Without_mentions_after_the_command_nobody_is_named()
    {
        var request = KudosParser.Parse(Message("<at>Learning Bot</at> kudos everyone for the launch", Bot));

        Assert.Empty(request.People);
        Assert.Equal("everyone for the launch", request.Reason);
    }

    private static Activity Message(string text, params ChannelAccount[] mentions) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Recipient = Bot,
        Entities = [.. mentions.Select(m => Entity.Mention(m, $"<at>{m.Name}</at>"))],
    };
}
