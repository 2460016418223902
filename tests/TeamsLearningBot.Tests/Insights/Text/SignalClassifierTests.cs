using TeamsLearningBot.Insights.Text;

namespace TeamsLearningBot.Tests.Insights.Text;

public sealed class SignalClassifierTests
{
    [Theory]
    [InlineData("We could record the demos so the night shift can watch them.", SignalKinds.Idea, "we could")]
    [InlineData("What if we ran the retro as a walk outside?", SignalKinds.Idea, "what if we")]
    [InlineData("Why don’t we rotate who facilitates stand-up?", SignalKinds.Idea, "why don't we")]
    [InlineData("I suggest a shared glossary for the onboarding team.", SignalKinds.Idea, "I suggest")]
    [InlineData("It would be great if the handbook had a search box.", SignalKinds.Idea, "it would be great if")]
    [InlineData("Customers keep asking for a monthly summary instead of the weekly one.", SignalKinds.Market, "customers ask")]
    [InlineData("A client told me they switched because of our invoicing.", SignalKinds.Market, "customers ask")]
    [InlineData("Two of our competitors now offer a free trial.", SignalKinds.Market, "competitors")]
    [InlineData("I struggle to give feedback to people more senior than me.", SignalKinds.Struggle, "I struggle")]
    [InlineData("I'm not sure how to apply this to a team that is fully remote.", SignalKinds.Struggle, "I'm not sure how")]
    [InlineData("Honestly I find giving critical feedback really hard.", SignalKinds.Struggle, "I find it hard")]
    [InlineData("The new expense process is confusing.", SignalKinds.Struggle, "confusing")]
    public void Classify_names_the_kind_and_the_rule(string text, SignalKinds kind, string rule)
    {
        var result = SignalClassifier.Classify(text);

        Assert.Equal(kind, result.Kinds);
        Assert.Equal(rule, result.Matches[0].Rule);
        Assert.Contains(result.Matches[0].Phrase, text.ToLowerInvariant().Replace('\u2019', '\''), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("We couldn't get the client on the call in the end.")]
    [InlineData("We could not agree on anything in the retro.")]
    [InlineData("We could have prepared better for the review.")]
    [InlineData("What if the customer says no after all that work?")]
    [InlineData("Could we have done better? Probably.")]
    [InlineData("Our internal customers are the other squads.")]
    [InlineData("I joined the customer success team in May.")]
    [InlineData("The job market is tough for graduates right now.")]
    [InlineData("I used to struggle with this, but the checklist fixed it.")]
    [InlineData("It wasn't confusing at all, the examples were clear.")]
    [InlineData("I don't find it hard to say no any more.")]
    [InlineData("I find it hard to believe anyone still prints reports.")]
    [InlineData("I'd recommend this video to every new manager.")]
    [InlineData("")]
    public void Classify_leaves_negated_past_and_non_signal_text_alone(string text)
    {
        var result = SignalClassifier.Classify(text);

        Assert.True(result.Kinds == SignalKinds.None, $"{result.Kinds}: {string.Join(", ", result.Matches.Select(m => $"{m.Rule} \u201C{m.Phrase}\u201D"))}");
        Assert.Empty(result.Matches);
    }

    [Fact]
    public void Customers_finding_something_confusing_is_a_market_signal_not_the_writers_struggle()
    {
        var result = SignalClassifier.Classify("Customers find the new invoice layout confusing.");

        Assert.Equal(SignalKinds.Market, result.Kinds);
        Assert.True(result.Is(SignalKinds.Market));
        Assert.False(result.Is(SignalKinds.Struggle));
    }

    [Fact]
    public void Every_kind_that_matches_is_reported_with_its_rule()
    {
        var result = SignalClassifier.Classify("Customers keep asking for exports. I'm not sure how to prioritise that. Maybe we could ship a CSV first?");

        Assert.Equal(SignalKinds.Idea | SignalKinds.Market | SignalKinds.Struggle, result.Kinds);
        Assert.Equal(["we could", "customers ask", "I'm not sure how"], result.Matches.Select(m => m.Rule));
    }
}
