using TeamsLearningBot.Content;

namespace TeamsLearningBot.Tests.Content;

public sealed class ContentArgumentsTests
{
    [Theory]
    [InlineData("", null, 1)]
    [InlineData("feedback", "feedback", 1)]
    [InlineData("#Feedback", "feedback", 1)]
    [InlineData("working out loud", "working out loud", 1)]
    [InlineData("feedback page 3", "feedback", 3)]
    [InlineData("page 2", null, 2)]
    [InlineData("page 0", null, 1)]
    public void TagAndPage_reads_an_optional_tag_and_page(string arguments, string? tag, int page) =>
        Assert.Equal((tag, page), ContentArguments.TagAndPage(arguments));
}
