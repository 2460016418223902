using TeamsLearningBot.Recognition.Suggestions;

namespace TeamsLearningBot.Tests.Recognition.Suggestions;

public sealed class SuggestionRequestTests
{
    [Fact]
    public void A_link_Teams_wrapped_in_an_anchor_and_escaped_text_are_read_as_typed()
    {
        var parsed = SuggestionRequest.TryParse(
            "<a href=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a> Tips &amp; tricks for   better\nretros",
            out var request,
            out _);

        Assert.True(parsed);
        Assert.Equal("https://example.org/a?b=1&c=2", request!.Url.AbsoluteUri);
        Assert.Equal("Tips & tricks for better retros", request.Why);
    }

    [Theory]
    [InlineData("https://example.org/x - because it is short and good", "because it is short and good")]
    [InlineData("<https://example.org/x>: it shows how to run a retro", "it shows how to run a retro")]
    public void Separators_before_the_reason_are_left_out(string arguments, string why)
    {
        Assert.True(SuggestionRequest.TryParse(arguments, out var request, out _));
        Assert.Equal(why, request!.Why);
    }

    [Theory]
    [InlineData("https://example.org/giving-feedback-that-lands", "Giving feedback that lands")]
    [InlineData("https://example.org/blog/working_out_loud.html", "Working out loud")]
    [InlineData("https://www.example.org/", "example.org")]
    [InlineData("https://example.org/2024/", "example.org")]
    [InlineData("https://example.org/watch?v=abc", "Watch")]
    public void The_title_is_guessed_from_the_link(string url, string title) =>
        Assert.Equal(title, SuggestionForm.GuessTitle(new Uri(url)));
}
