using TeamsLearningBot.Content;

namespace TeamsLearningBot.Tests.Content;

public sealed class StarterPackTests
{
    [Fact]
    public void Has_at_least_twelve_distinct_https_items()
    {
        var items = StarterPack.Items;

        Assert.True(items.Count >= 12, $"Only {items.Count} items.");
        Assert.Equal(items.Count, items.Select(i => i.Url).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(items, i => Assert.StartsWith("https://", i.Url, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_item_is_valid_and_complete()
    {
        foreach (var input in StarterPack.Items)
        {
            var result = ContentValidator.Validate(input);
            Assert.True(result.IsValid, $"{input.Title}: {string.Join("; ", result.Errors)}");
            var draft = result.Draft!;
            Assert.NotNull(draft.Summary);
            Assert.NotNull(draft.PerformanceNeed);
            Assert.NotNull(draft.Minutes);
            Assert.NotEmpty(draft.Tags);
        }
    }

    [Fact]
    public void Every_prompt_is_open()
    {
        foreach (var prompt in StarterPack.Items.SelectMany(i => i.Prompts))
        {
            Assert.False(PromptCheck.Check(prompt).IsClosed, prompt);
        }
    }
}
