using TeamsLearningBot.Content;

namespace TeamsLearningBot.Tests.Content;

public sealed class OneLineContentParserTests
{
    [Fact]
    public void Three_positional_parts_and_keyed_options_are_read()
    {
        var ok = OneLineContentParser.TryParse(
            "Radical Candor: a talk | https://example.com/rc?a=1&amp;b=2 | What would you say differently? | tags: feedback, leadership | need: Before a hard one-to-one | kind: video | minutes: 18 | summary: Care personally, challenge directly | prompt: Where do you hold back?",
            out var input,
            out var error);

        Assert.True(ok, error);
        Assert.Equal("Radical Candor: a talk", input.Title);
        Assert.Equal("https://example.com/rc?a=1&b=2", input.Url);
        Assert.Equal(["What would you say differently?", "Where do you hold back?"], input.Prompts);
        Assert.Equal(["feedback", "leadership"], input.Tags);
        Assert.Equal("Before a hard one-to-one", input.PerformanceNeed);
        Assert.Equal("video", input.Kind);
        Assert.Equal("18", input.Minutes);
        Assert.Equal("Care personally, challenge directly", input.Summary);
    }

    [Fact]
    public void A_link_that_Teams_wrapped_in_an_anchor_is_unwrapped()
    {
        Assert.True(OneLineContentParser.TryParse(
            "Title | <a href=\"https://example.com/x\">https://example.com/x</a> | How would you use this?", out var input, out _));
        Assert.Equal("https://example.com/x", input.Url);
    }

    [Theory]
    [InlineData("Just a title")]
    [InlineData("Title | https://example.com")]
    [InlineData("Title |  | What now?")]
    public void Fewer_than_three_parts_is_explained(string arguments)
    {
        Assert.False(OneLineContentParser.TryParse(arguments, out _, out var error));
        Assert.Contains("title, a link and a reflection prompt", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_part_names_the_parts_that_exist()
    {
        Assert.False(OneLineContentParser.TryParse("T | https://example.com | Why? | author: me", out _, out var error));
        Assert.Contains("author: me", error, StringComparison.Ordinal);
        Assert.Contains("tags:", error, StringComparison.Ordinal);
    }
}
