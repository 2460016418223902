using TeamsLearningBot.Drops;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Tests.Drops;

public sealed class ChannelResolverTests
{
    private static readonly ChannelEntity[] Channels =
    [
        Channel("19:general@thread.tacv2", "General"),
        Channel("19:design@thread.tacv2", "Design"),
        Channel("19:design-review@thread.tacv2", "Design Review"),
        Channel("19:random@thread.tacv2", "random"),
    ];

    [Fact]
    public void Names_match_whole_in_any_case()
    {
        var resolution = ChannelResolver.Resolve([new("design"), new("RANDOM"), new("Design Review")], Channels, hereId: null);

        Assert.True(resolution.Succeeded, resolution.Error);
        Assert.Equal(["19:design@thread.tacv2", "19:random@thread.tacv2", "19:design-review@thread.tacv2"], resolution.Channels.Select(c => c.Id));
        Assert.Equal(["Design", "random", "Design Review"], resolution.Channels.Select(c => c.Name));
    }

    [Fact]
    public void Here_is_the_channel_the_command_came_from()
    {
        var resolution = ChannelResolver.Resolve([ChannelReference.Here, new("random")], Channels, hereId: "19:design@thread.tacv2");

        Assert.Equal([new DropChannel("19:design@thread.tacv2", "Design"), new DropChannel("19:random@thread.tacv2", "random")], resolution.Channels);
    }

    [Fact]
    public void The_same_channel_twice_is_posted_once()
    {
        var resolution = ChannelResolver.Resolve([ChannelReference.Here, new("design")], Channels, hereId: "19:design@thread.tacv2");

        Assert.Single(resolution.Channels);
    }

    [Fact]
    public void An_unknown_channel_lists_the_choices()
    {
        var resolution = ChannelResolver.Resolve([new("marketing")], Channels, hereId: null);

        Assert.False(resolution.Succeeded);
        Assert.Contains("no channel called #marketing", resolution.Error, StringComparison.Ordinal);
        Assert.Contains("#General, #Design, #Design Review or #random", resolution.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("desi", "#desi could be #Design or #Design Review")]
    [InlineData("rand", "Did you mean #random?")]
    public void A_partial_name_is_never_taken_the_error_names_the_channels_it_fits(string typed, string error)
    {
        var resolution = ChannelResolver.Resolve([new(typed)], Channels, hereId: null);

        Assert.False(resolution.Succeeded);
        Assert.Contains(error, resolution.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_channels_with_one_name_are_ambiguous()
    {
        ChannelEntity[] twins = [Channel("19:a@thread.tacv2", "Ideas"), Channel("19:b@thread.tacv2", "ideas")];

        var resolution = ChannelResolver.Resolve([new("IDEAS")], twins, hereId: null);

        Assert.False(resolution.Succeeded);
        Assert.Contains("Several channels are called #IDEAS", resolution.Error, StringComparison.Ordinal);
    }

    private static ChannelEntity Channel(string id, string name) => new() { ChannelId = id, Name = name };
}
