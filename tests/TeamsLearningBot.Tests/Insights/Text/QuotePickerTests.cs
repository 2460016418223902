using System.Text;
using TeamsLearningBot.Insights.Text;

namespace TeamsLearningBot.Tests.Insights.Text;

public sealed class QuotePickerTests
{
    private static readonly string LongSentence =
        "Over the last quarter, across many long conversations and after three workshops with the regional teams we kept coming back to the same worry, which is that the " +
        "pricing tiers we launched in the spring are hard to explain on a first call and harder still to defend " +
        "when a procurement lead puts them next to a spreadsheet from somebody else.";

    [Fact]
    public void Pick_prefers_short_whole_sentences_from_different_people()
    {
        var candidates = new[]
        {
            new QuoteCandidate("r1", "We spent the morning on the new pricing page. Honestly the pricing tiers confuse even our own sales team, which tells you something.", "A"),
            new QuoteCandidate("r2", "Pricing again.", "A"),
            new QuoteCandidate("r3", "A client told me our pricing is hard to compare with competitors.", "B"),
            new QuoteCandidate("r4", "No mention here.", "D"),
            new QuoteCandidate("r5", LongSentence, "C"),
        };

        var quotes = QuotePicker.Pick("pricing", candidates);

        Assert.Equal(["r1", "r3", "r5"], quotes.Select(q => q.Id));
        Assert.Equal("We spent the morning on the new pricing page.", quotes[0].Snippet);
        Assert.Equal("A client told me our pricing is hard to compare with competitors.", quotes[1].Snippet);
        Assert.Equal("C", quotes[2].Author);
        Assert.StartsWith("\u2026", quotes[2].Snippet, StringComparison.Ordinal);
        Assert.EndsWith("\u2026", quotes[2].Snippet, StringComparison.Ordinal);
        Assert.Contains("pricing tiers", quotes[2].Snippet, StringComparison.Ordinal);
        Assert.InRange(quotes[2].Snippet.Length, 150, QuotePicker.DefaultMaxLength);
        Assert.Contains(quotes[2].Snippet.Trim('\u2026'), LongSentence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_person_is_quoted_again_only_when_there_are_too_few_people()
    {
        var candidates = new[]
        {
            new QuoteCandidate("r1", "We spent the morning on the new pricing page.", "A"),
            new QuoteCandidate("r2", "Our pricing needs a simpler story.", "A"),
            new QuoteCandidate("r3", "Pricing came up at the offsite again and again.", null),
        };

        var quotes = QuotePicker.Pick("pricing", candidates);

        Assert.Equal(["r2", "r3", "r1"], quotes.Select(q => q.Id));
    }

    [Fact]
    public void A_bigram_is_matched_on_adjacent_normalised_words_only()
    {
        var candidates = new[]
        {
            new QuoteCandidate("r1", "Every customer. Feedback is a gift.", "A"),
            new QuoteCandidate("r2", "Our customers' feedback was blunt this week.", "B"),
            new QuoteCandidate("r3", "The customers feedback was blunt this week.", "C"),
        };

        var quotes = QuotePicker.Pick("customer feedback", candidates);

        Assert.Equal(["r3", "r2"], quotes.Select(q => q.Id));
    }

    [Fact]
    public void The_same_words_are_never_quoted_twice()
    {
        var candidates = new[]
        {
            new QuoteCandidate("r1", "Churn is up in the north region.", "A"),
            new QuoteCandidate("r2", "churn is up in the north   region.", "B"),
        };

        Assert.Equal(["r1"], QuotePicker.Pick("churn", candidates).Select(q => q.Id));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600\U0001F680 ", 60));
        var text = emoji + "pricing " + emoji + ".";

        var quote = Assert.Single(QuotePicker.Pick("pricing", [new QuoteCandidate("r1", text)], maxLength: 60));

        Assert.Contains("pricing", quote.Snippet, StringComparison.Ordinal);
        Assert.True(quote.Snippet.Length <= 60);
        Assert.All(quote.Snippet.EnumerateRunes(), r => Assert.NotEqual(Rune.ReplacementChar, r));
    }
}
