using System.Text;
using TeamsLearningBot.Cards;
using TeamsLearningBot.Content;
using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Tests.Infrastructure;

namespace TeamsLearningBot.Tests.Content;

/// <summary>Every content card fits one Teams message, even for the largest items the validator allows.</summary>
public sealed class ContentCardsTests
{
    private static readonly ContentItem Typical = new()
    {
        TeamId = "19:team",
        Number = 12,
        Title = "The Feedback Fallacy",
        Url = new Uri("https://hbr.org/2019/03/the-feedback-fallacy"),
        Summary = "Why telling people what they do wrong rarely helps them excel.",
        PerformanceNeed = "Before giving someone feedback.",
        Tags = ["feedback"],
        Prompts = ["Is this useful?", "What would you do differently?"],
        AddedByName = "Alex Wilber",
        AddedAt = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero),
    };

    // At every limit, in characters JSON escapes to six bytes each.
    private static readonly ContentItem Largest = Typical with
    {
        Number = 12345678,
        Title = new string('"', ContentLimits.Title),
        Url = new Uri("https://example.com/" + new string('u', ContentLimits.Url - 30)),
        Summary = new string('"', ContentLimits.Summary),
        PerformanceNeed = new string('<', ContentLimits.PerformanceNeed),
        Tags = [.. Enumerable.Range(0, ContentLimits.Tags).Select(i => new string('&', ContentLimits.Tag - 1) + i)],
        Prompts = [.. Enumerable.Range(0, ContentLimits.Prompts).Select(i => "Do you agree that " + new string('\u00e9', ContentLimits.Prompt - 30) + i + "?")],
        AddedByName = new string('\u4e2d', 200),
    };

    [Fact]
    public void Confirmation_shows_the_item_and_offers_the_rewrite_for_a_closed_prompt()
    {
        var card = ContentItemCard.Confirmation(Typical, isNew: true);

        var text = CardContent.Text(card);
        Assert.Contains("Added C12 to the library.", text, StringComparison.Ordinal);
        Assert.Contains("Before giving someone feedback.", text, StringComparison.Ordinal);
        Assert.Contains("Prompt 1 reads as a yes/no question", text, StringComparison.Ordinal);
        Assert.Contains("\u201CHow could you use this in your own work?\u201D", text, StringComparison.Ordinal);
        var buttons = CardContent.SubmitData(card.Content!.Value);
        Assert.Contains(buttons, d => d.GetProperty("verb").GetString() == ContentVerbs.UseSuggestion && d.GetProperty("item").GetString() == "C12" && d.GetProperty("prompt").GetInt32() == 0);
        Assert.Contains(buttons, d => d.GetProperty("verb").GetString() == ContentVerbs.KeepPrompt && d.GetProperty("prompt").GetInt32() == 0);
        Assert.DoesNotContain(buttons, d => d.TryGetProperty("prompt", out var p) && p.GetInt32() == 1);
    }

    [Fact]
    public void Confirmation_of_the_largest_item_falls_back_to_shortened_text_and_keeps_every_choice()
    {
        var card = ContentItemCard.Confirmation(Largest, isNew: true);

        AssertFits(card);
        Assert.Contains("shortened here to fit", CardContent.Text(card), StringComparison.Ordinal);
        Assert.Equal(ContentLimits.Prompts, CardContent.SubmitData(card.Content!.Value).Count(d => d.GetProperty("verb").GetString() == ContentVerbs.UseSuggestion));
    }

    [Fact]
    public void Item_card_of_the_largest_item_fits()
    {
        AssertFits(ContentItemCard.Build(Largest, "A notice"));
        Assert.DoesNotContain("shortened", CardContent.Text(ContentItemCard.Build(Typical)), StringComparison.Ordinal);
    }

    [Fact]
    public void Edit_form_is_prefilled_and_submits_the_save_verb_with_the_item()
    {
        var card = ContentFormCard.Build(ContentInput.FromItem(Typical), Typical.Id);

        var text = CardContent.Text(card);
        Assert.Contains("Edit C12", text, StringComparison.Ordinal);
        Assert.Contains("Is this useful?\nWhat would you do differently?", text, StringComparison.Ordinal);
        var save = Assert.Single(CardContent.SubmitData(card.Content!.Value));
        Assert.Equal(ContentVerbs.Save, save.GetProperty("verb").GetString());
        Assert.Equal("C12", save.GetProperty("item").GetString());
    }

    [Fact]
    public void A_form_resent_with_huge_pastes_still_fits()
    {
        var huge = new string('"', 100_000);
        var card = ContentFormCard.Build(
            new ContentInput { Title = huge, Url = huge, Summary = huge, PerformanceNeed = huge, Tags = [huge], Prompts = [huge, huge] },
            errors: ["The title is too long."]);

        AssertFits(card);
        Assert.Contains("The title is too long.", CardContent.Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_page_of_the_largest_items_fits_and_offers_the_next_page()
    {
        var items = Enumerable.Range(1, 40).Select(i => Largest with { Number = 41 - i }).ToList();

        var card = ContentListCard.Build(items, tag: null, page: 1, tagsInUse: []);

        AssertFits(card);
        Assert.Contains("Showing 1–15; 25 more.", CardContent.Text(card), StringComparison.Ordinal);
        var next = Assert.Single(CardContent.SubmitData(card.Content!.Value));
        Assert.Equal(2, next.GetProperty("page").GetInt32());
    }

    [Fact]
    public void The_last_page_has_no_next_button()
    {
        var items = Enumerable.Range(1, 20).Select(i => Typical with { Number = i }).ToList();

        var card = ContentListCard.Build(items, "feedback", page: 2, tagsInUse: []);

        Assert.Contains("Showing 16–20.", CardContent.Text(card), StringComparison.Ordinal);
        Assert.Empty(CardContent.SubmitData(card.Content!.Value));
    }

    private static void AssertFits(Attachment card) =>
        Assert.InRange(Encoding.UTF8.GetByteCount(card.Content!.Value.GetRawText()), 1, AdaptiveCard.MaxPayloadBytes);
}
