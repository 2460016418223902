using TeamsLearningBot.Content;

namespace TeamsLearningBot.Tests.Content;

public sealed class ContentValidatorTests
{
    private static readonly ContentInput Valid = new()
    {
        Title = "  The Feedback   Fallacy ",
        Url = "https://hbr.org/2019/03/the-feedback-fallacy",
        Summary = "Why criticism rarely helps people excel.",
        Kind = "Article",
        Minutes = "20",
        Tags = ["Feedback", "#feedback", " Growth "],
        PerformanceNeed = "Before giving someone feedback.",
        Prompts = ["When did praise help you grow?", "  ", "What would you do differently?"],
    };

    [Fact]
    public void Valid_input_becomes_a_tidy_draft()
    {
        var result = ContentValidator.Validate(Valid);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var draft = result.Draft!;
        Assert.Equal("The Feedback Fallacy", draft.Title);
        Assert.Equal(ContentKind.Article, draft.Kind);
        Assert.Equal(20, draft.Minutes);
        Assert.Equal(["feedback", "growth"], draft.Tags);
        Assert.Equal(["When did praise help you grow?", "What would you do differently?"], draft.Prompts);
    }

    [Fact]
    public void Missing_title_url_and_prompt_are_each_named()
    {
        var result = ContentValidator.Validate(new ContentInput());

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains("title", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(result.Errors, e => e.Contains("link", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(result.Errors, e => e.Contains("reflection prompt", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("ftp://example.com/file")]
    [InlineData("javascript:alert(1)")]
    [InlineData("example.com/article")]
    [InlineData("/relative/path")]
    [InlineData("mailto:someone@example.com")]
    public void Url_must_be_absolute_http_or_https(string url)
    {
        var result = ContentValidator.Validate(Valid with { Url = url });

        var error = Assert.Single(result.Errors);
        Assert.Contains("https://", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversize_fields_are_reported_with_their_limits()
    {
        var result = ContentValidator.Validate(Valid with
        {
            Title = new string('t', 201),
            Summary = new string('s', 1001),
            PerformanceNeed = new string('n', 501),
            Prompts = [new string('p', 501)],
            Tags = [new string('x', 31)],
        });

        Assert.Equal(5, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Contains("201", StringComparison.Ordinal) && e.Contains("200", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("1,001", StringComparison.Ordinal) && e.Contains("1,000", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("Why would anyone need this", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.StartsWith("The prompt", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("keep tags to 30", StringComparison.Ordinal));
    }

    [Fact]
    public void Too_many_prompts_and_tags_are_refused()
    {
        var result = ContentValidator.Validate(Valid with
        {
            Prompts = [.. Enumerable.Range(1, 6).Select(i => $"What is idea {i}?")],
            Tags = [.. Enumerable.Range(1, 11).Select(i => $"tag{i}")],
        });

        Assert.Contains("There are 6 prompts; keep it to 5.", result.Errors);
        Assert.Contains("There are 11 tags; keep it to 10.", result.Errors);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("601")]
    [InlineData("five")]
    [InlineData("2.5")]
    [InlineData("-3")]
    public void Minutes_outside_1_to_600_are_refused(string minutes)
    {
        var error = Assert.Single(ContentValidator.Validate(Valid with { Minutes = minutes }).Errors);
        Assert.Contains("1 to 600", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("5 min", 5)]
    [InlineData("600", 600)]
    [InlineData("12.0", 12)]
    public void Minutes_accept_a_whole_number_with_an_optional_unit(string minutes, int expected) =>
        Assert.Equal(expected, ContentValidator.Validate(Valid with { Minutes = minutes }).Draft!.Minutes);

    [Theory]
    [InlineData("VIDEO", ContentKind.Video)]
    [InlineData("podcast", ContentKind.Podcast)]
    [InlineData("", ContentKind.Article)]
    public void Kind_is_a_name_in_any_case(string kind, ContentKind expected) =>
        Assert.Equal(expected, ContentValidator.Validate(Valid with { Kind = kind }).Draft!.Kind);

    [Theory]
    [InlineData("3")]
    [InlineData("webinar")]
    public void Unknown_kinds_are_refused_with_the_choices(string kind)
    {
        var error = Assert.Single(ContentValidator.Validate(Valid with { Kind = kind }).Errors);
        Assert.Contains("article, video, podcast, document, other", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_paste_is_echoed_only_briefly()
    {
        var error = Assert.Single(ContentValidator.Validate(Valid with { Url = new string('a', 1500) }).Errors);
        Assert.True(error.Length < 200, error);
    }
}
