using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Tests.Reflections;

public sealed class ReflectionTextTests
{
    [Theory]
    [InlineData("**bold** _it_ [link](https://x.example)", "\\*\\*bold\\*\\* \\_it\\_ \\[link\\]\\(https://x\\.example\\)")]
    [InlineData("<at>Megan</at> & co", "&lt;at&gt;Megan&lt;/at&gt; &amp; co")]
    [InlineData("# heading\n- item", "\\# heading\n\\- item")]
    public void Markdown_and_html_that_could_format_or_mention_are_escaped_for_messages(string text, string expected) =>
        Assert.Equal(expected, ReflectionText.EscapeMarkdown(text));

    [Fact]
    public void Card_text_escapes_markdown_and_leaves_angle_brackets_which_cards_show_as_they_are() =>
        Assert.Equal("\\*\\*x\\*\\* <at>y</at>", ReflectionText.ForCard("**x** <at>y</at>"));

    [Theory]
    [InlineData("<p>Hello&nbsp;there</p><p>Second</p>", "Hello there\nSecond")]
    [InlineData("I agree with <at>Megan Bowen</at>!", "I agree with Megan Bowen!")]
    [InlineData("a<br>b<br/>c", "a\nb\nc")]
    [InlineData("   ", "")]
    public void Teams_message_markup_becomes_plain_text(string text, string expected) =>
        Assert.Equal(expected, ReflectionText.FromTeamsMessage(text));

    [Fact]
    public void Normalising_drops_control_characters_and_unifies_line_breaks() =>
        Assert.Equal("a\nb\tc", ReflectionText.Normalize("  a\r\nb\tc\u0007  "));

    [Theory]
    [InlineData(0, 0, 0, "No reflections yet — be the first.")]
    [InlineData(1, 0, 0, "1 reflection")]
    [InlineData(12, 9, 39, "12 reflections · relevance 4.3/5 from 9 ratings")]
    [InlineData(0, 1, 5, "0 reflections · relevance 5.0/5 from 1 rating")]
    public void Totals_read_as_the_footer_says(int reflections, int ratings, int sum, string expected) =>
        Assert.Equal(expected, new ReflectionTotals(reflections, ratings, sum).Describe());

    [Theory]
    [InlineData("", null, "Write a reflection or choose how relevant this was, then select Share.")]
    [InlineData("", "0", "Choose how relevant this was from 1 to 5.")]
    [InlineData("ok", "five", "Choose how relevant this was from 1 to 5.")]
    [InlineData("ok", null, null)]
    [InlineData("", "3", null)]
    public void Submissions_are_checked_with_words_for_the_learner(string text, string? rating, string? expected) =>
        Assert.Equal(expected, ReflectionActions.Check(text, rating, out _));
}
