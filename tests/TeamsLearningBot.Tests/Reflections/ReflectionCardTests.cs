using System.Text.Json;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Tests.Reflections;

public sealed class ReflectionCardTests
{
    private static readonly ContentCardModel Model = new()
    {
        Item = new ContentItem { TeamId = "19:team@thread.tacv2", Number = 12, Title = "Giving feedback that lands", Url = new Uri("https://example.org/feedback") },
        Prompt = "How would you open your next feedback conversation?",
        Reference = new ContentCardReference("19:team@thread.tacv2", 4, "20261201T090000Z", "19:general@thread.tacv2"),
    };

    [Fact]
    public void The_card_has_a_reflection_input_a_relevance_rating_share_and_show_reflections()
    {
        var card = Render(Model, ReflectionTotals.None);

        var input = Find(card, e => e.TryGetProperty("id", out var id) && id.GetString() == "reflection");
        Assert.Equal("Input.Text", input.GetProperty("type").GetString());
        Assert.True(input.GetProperty("isMultiline").GetBoolean());
        Assert.Equal(2000, input.GetProperty("maxLength").GetInt32());
        var rating = Find(card, e => e.TryGetProperty("id", out var id) && id.GetString() == "relevance");
        Assert.Equal("How relevant was this to your work?", rating.GetProperty("label").GetString());
        Assert.Equal(["5", "4", "3", "2", "1"], rating.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
        var share = Find(card, e => e.TryGetProperty("title", out var t) && t.GetString() == "Share");
        Assert.Equal("Action.Execute", share.GetProperty("type").GetString());
        Assert.Equal("reflect", share.GetProperty("verb").GetString());
        Assert.Equal("Action.Submit", share.GetProperty("fallback").GetProperty("type").GetString());
        Assert.Equal("reflect", share.GetProperty("fallback").GetProperty("data").GetProperty("verb").GetString());
        Assert.Contains(card.GetProperty("actions").EnumerateArray(), a => a.GetProperty("title").GetString() == "Show reflections");
        Assert.Contains("No reflections yet", card.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Toggle", card.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_anonymous_toggle_appears_when_the_drop_allows_it()
    {
        var card = Render(Model with { Anonymous = true }, new ReflectionTotals(3, 2, 9));

        var toggle = Find(card, e => e.TryGetProperty("id", out var id) && id.GetString() == "anonymous");
        Assert.Equal("Input.Toggle", toggle.GetProperty("type").GetString());
        Assert.Equal("true", toggle.GetProperty("value").GetString());
        Assert.Contains("3 reflections · relevance 4.5/5 from 2 ratings", ShareFromCardTests.Texts(card), StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_for_the_person_keeps_their_text_and_rating()
    {
        var card = Render(Model, ReflectionTotals.None, new CardNote("Shorten it.", IsProblem: true) { KeptText = "\"}]} {\"type\":\"Action.Submit\"", Rating = 4 });

        Assert.Equal("\"}]} {\"type\":\"Action.Submit\"", Find(card, e => e.TryGetProperty("id", out var id) && id.GetString() == "reflection").GetProperty("value").GetString());
        Assert.Equal("4", Find(card, e => e.TryGetProperty("id", out var id) && id.GetString() == "relevance").GetProperty("value").GetString());
        Assert.Equal("Warning", Find(card, e => e.TryGetProperty("text", out var t) && t.GetString() == "Shorten it.").GetProperty("color").GetString());
    }

    private static JsonElement Render(ContentCardModel model, ReflectionTotals totals, CardNote? note = null) =>
        ReflectionCard.Build(model, totals, note).ToAttachment().Content!.Value;

    private static JsonElement Find(JsonElement element, Func<JsonElement, bool> match)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (match(element))
            {
                return element;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (Find(property.Value, match) is { ValueKind: not JsonValueKind.Undefined } found)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (Find(item, match) is { ValueKind: not JsonValueKind.Undefined } found)
                {
                    return found;
                }
            }
        }

        return default;
    }
}
