using System.Text.Json;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;

namespace TeamsLearningBot.Tests.Content;

public sealed class ContentCardTests
{
    private static readonly ContentItem Item = new()
    {
        TeamId = "19:team@thread.tacv2",
        Number = 12,
        Title = "Giving feedback that lands",
        Url = new Uri("https://example.org/feedback"),
        Summary = "Six minutes on specific, timely feedback.",
        Kind = ContentKind.Video,
        Minutes = 6,
        PerformanceNeed = "You give feedback every week and want it to change something.",
        Prompts = ["How would you open your next feedback conversation?"],
    };

    [Fact]
    public void Shows_title_kind_minutes_summary_why_prompt_and_an_open_button()
    {
        var json = Render(new ContentCardModel { Item = Item, Prompt = Item.Prompts[0], Reference = new("19:team@thread.tacv2", 4, "20261201T090000Z", "19:general@thread.tacv2") });

        Assert.Equal("1.5", json.GetProperty("version").GetString());
        var text = string.Join('\n', Texts(json));
        Assert.Contains("Giving feedback that lands", text, StringComparison.Ordinal);
        Assert.Contains("Video · 6 min", text, StringComparison.Ordinal);
        Assert.Contains("Six minutes on specific", text, StringComparison.Ordinal);
        Assert.Contains("Why this matters", text, StringComparison.Ordinal);
        Assert.Contains("want it to change something", text, StringComparison.Ordinal);
        Assert.Contains("How would you open your next feedback conversation?", text, StringComparison.Ordinal);
        var open = Assert.Single(json.GetProperty("actions").EnumerateArray());
        Assert.Equal("Action.OpenUrl", open.GetProperty("type").GetString());
        Assert.Equal("Open", open.GetProperty("title").GetString());
        Assert.Equal("https://example.org/feedback", open.GetProperty("url").GetString());
    }

    [Fact]
    public void User_text_stays_text()
    {
        var tricky = Item with { Title = "\"}]}, {\"type\": \"Action.Submit\"", Summary = null, PerformanceNeed = null };

        var json = Render(new ContentCardModel { Item = tricky, Reference = new("t", 1, "o", "c") });

        Assert.Equal(tricky.Title, json.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Single(json.GetProperty("actions").EnumerateArray());
    }

    [Fact]
    public void Is_refused_above_the_Teams_size_limit()
    {
        var huge = Item with { Summary = new string('x', 40_000) };

        Assert.Throws<CardTooLargeException>(() => ContentCard.Build(new ContentCardModel { Item = huge, Reference = new("t", 1, "o", "c") }).ToAttachment());
    }

    private static IEnumerable<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Name == "text" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Texts(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts),
        _ => [],
    };

    private static JsonElement Render(ContentCardModel model) =>
        ContentCard.Build(model).ToAttachment().Content!.Value;
}
