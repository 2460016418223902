using TeamsLearningBot.Insights.Text;

namespace TeamsLearningBot.Tests.Insights.Text;

public sealed class TermExtractorTests
{
    [Fact]
    public void Extract_yields_distinct_unigrams_and_bigrams_in_order_of_first_appearance()
    {
        var terms = TermExtractor.Extract("Customers keep asking about onboarding emails. Onboarding emails are too long!");

        Assert.Equal(["customer", "keep", "customer keep", "asking", "keep asking", "onboarding", "email", "onboarding email", "long"], terms);
    }

    [Fact]
    public void Bigrams_never_span_stop_words_punctuation_or_line_breaks()
    {
        var terms = TermExtractor.Extract("Customer of the month; pricing, packaging\nrenewal dates");

        Assert.Equal(["customer", "month", "pricing", "packaging", "renewal", "date", "renewal date"], terms);
    }

    [Theory]
    [InlineData("The customer's feedback", new[] { "customer", "feedback", "customer feedback" })]
    [InlineData("Our customers’ feedback", new[] { "customer", "feedback", "customer feedback" })]
    [InlineData("I don't follow-up on action items", new[] { "follow-up", "action", "item", "action item" })]
    [InlineData("R&D and Q&A sessions", new[] { "r&d", "q&a", "session", "q&a session" })]
    [InlineData("Companies, strategies, processes, approaches, boxes", new[] { "company", "strategy", "process", "approach", "box" })]
    [InlineData("Sales news: analytics status of the business", new[] { "sales", "news", "sales news", "analytics", "status", "analytics status", "business" })]
    [InlineData("Movies, cookies and caches; our KPIs and APIs", new[] { "movie", "cookie", "cache", "kpi", "api" })]
    public void Words_are_lowercased_and_plurals_folded_conservatively(string text, string[] expected) => Assert.Equal(expected, TermExtractor.Extract(text));

    [Fact]
    public void Links_addresses_and_mentions_are_dropped_and_break_bigrams()
    {
        var terms = TermExtractor.Extract("Pricing https://contoso.com/pricing?x=1 deck from @Sam and jo.bloggs@contoso.com review, see www.example.org or bit.ly/3xYz now");

        Assert.Equal(["pricing", "deck", "review"], terms);
    }

    [Fact]
    public void Numbers_are_dropped_but_words_mixing_letters_and_digits_are_kept()
    {
        var terms = TermExtractor.Extract("In 2026 we lost 3.5% at 3pm on the 2nd; Q3 B2B covid-19 results 10k");

        Assert.Equal(["lost", "q3", "b2b", "q3 b2b", "covid-19", "b2b covid-19", "result", "covid-19 result"], terms);
    }

    [Fact]
    public void Unicode_letters_are_words_and_composed_forms_match()
    {
        // "café" written with a combining acute accent and precomposed: the same term.
        var terms = TermExtractor.Extract("Cafe\u0301 Straße — café Zürich");

        Assert.Equal(["café", "straße", "café straße", "zürich", "café zürich"], terms);
    }

    [Fact]
    public void Emoji_and_symbols_break_bigrams_without_becoming_terms()
    {
        var terms = TermExtractor.Extract("customer 😀 feedback / roadmap → planning");

        Assert.Equal(["customer", "feedback", "roadmap", "planning"], terms);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("I think it is what it is, and we'll see.")]
    public void Text_without_content_words_has_no_terms(string? text) => Assert.Empty(TermExtractor.Extract(text));

    [Fact]
    public void Only_the_first_MaxTextLength_characters_are_read()
    {
        var text = string.Concat(Enumerable.Repeat("alpha ", TermExtractor.MaxTextLength / 6)) + " omega";

        Assert.Equal(["alpha"], TermExtractor.Extract(text));
    }

    [Fact]
    public void A_long_reflection_yields_each_term_once()
    {
        var sentence = "Customer onboarding takes too long and the handover between sales and delivery loses context. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 20));

        var terms = TermExtractor.Extract(text);

        Assert.Equal(terms.Count, terms.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("customer onboarding", terms);
        Assert.Contains("lose context", terms);
        Assert.Equal(TermExtractor.Words(sentence).Count * 20, TermExtractor.Words(text).Count);
    }

    [Fact]
    public void IsBigram_tells_pairs_from_words()
    {
        Assert.True(TermExtractor.IsBigram("customer feedback"));
        Assert.False(TermExtractor.IsBigram("feedback"));
    }
}
