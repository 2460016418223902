using TeamsLearningBot.Events;
using TeamsLearningBot.Recognition.Badges;

namespace TeamsLearningBot.Tests.Recognition.Badges;

public sealed class BadgeCatalogueTests
{
    private const string Valid = """
        { "badges": [ {
          "id": "curator", "name": "Curator", "r": "Rich", "emoji": "🧭",
          "description": "Suggested content a facilitator approved.",
          "criterion": { "counts": "SuggestionsApproved" }, "unit": "approved suggestions",
          "tiers": [ { "tier": "bronze", "at": 1 }, { "tier": "silver", "at": 5 }, { "tier": "gold", "at": 15 } ] } ] }
        """;

    [Fact]
    public void The_committed_catalogue_loads_with_at_least_two_badges_for_each_R()
    {
        var catalogue = BadgeCatalogue.LoadEmbedded();

        foreach (var r in Enum.GetValues<FourR>())
        {
            Assert.True(catalogue.All.Count(b => b.R == r) >= 2, $"{r} has fewer than two badges");
        }

        Assert.All(catalogue.All, b => Assert.NotEmpty(b.Tiers));
        Assert.Equal(
            ["point-of-need", "relevance-rater", "curator", "resourceful", "appreciated", "encourager", "real-talk", "conversation-starter", "regular"],
            catalogue.All.Select(b => b.Id));
        var pointOfNeed = catalogue.Find("point-of-need")!;
        Assert.Equal((BadgeCriterion.ReflectedSoonAfterPosting, 24, "🎯"), (pointOfNeed.Criterion, pointOfNeed.Parameter, pointOfNeed.Emoji));
        Assert.Equal(40, catalogue.Find("real-talk")!.Parameter);
        Assert.Equal(3, catalogue.Find("conversation-starter")!.Parameter);
        Assert.Equal([10, 25, 50], catalogue.Find("relevance-rater")!.DefaultThresholds);
    }

    [Fact]
    public void An_event_kind_reaches_only_the_badges_that_count_it()
    {
        var catalogue = BadgeCatalogue.LoadEmbedded();

        Assert.Equal(["point-of-need", "resourceful", "real-talk", "regular"], catalogue.ListeningTo(LearnerEventKind.Reflected).Select(b => b.Id));
        Assert.Equal(["encourager"], catalogue.ListeningTo(LearnerEventKind.KudosGiven).Select(b => b.Id));
        Assert.Equal(["conversation-starter"], catalogue.ListeningTo(LearnerEventKind.ReactionReceived).Select(b => b.Id));
        Assert.Empty(catalogue.ListeningTo(LearnerEventKind.BadgeAwarded));
    }

    [Fact]
    public void A_valid_file_parses_and_ids_are_found_in_any_case()
    {
        var catalogue = BadgeCatalogue.Parse(Valid);

        Assert.Equal("Curator", catalogue.Find(" CURATOR ")!.Name);
        Assert.Null(catalogue.Find("nope"));
    }

    [Theory]
    [InlineData("not json", "is not valid")]
    [InlineData("""{ "badges": [] }""", "lists no badges")]
    [InlineData("""{ "badgez": [] }""", "is not valid")]
    public void A_file_that_is_not_a_catalogue_is_refused_clearly(string json, string expected)
    {
        var error = Assert.Throws<BadgeCatalogueException>(() => BadgeCatalogue.Parse(json));

        Assert.Contains("Badges.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"id\": \"curator\"", "\"id\": \"Curator!\"", "lower-case words joined by hyphens")]
    [InlineData("\"r\": \"Rich\"", "\"r\": \"Fun\"", "must be one of Relevance, Rich, Rewards, Real")]
    [InlineData("\"counts\": \"SuggestionsApproved\"", "\"counts\": \"Hugs\"", "criterion.counts")]
    [InlineData("\"counts\": \"SuggestionsApproved\"", "\"counts\": \"LongReflections\"", "needs \u201CminimumWords\u201D")]
    [InlineData("\"counts\": \"SuggestionsApproved\"", "\"counts\": \"SuggestionsApproved\", \"withinHours\": 3", "takes no \u201CwithinHours\u201D")]
    [InlineData("\"at\": 5", "\"at\": 1", "thresholds must go up")]
    [InlineData("\"at\": 5", "\"at\": 0", "positive whole number")]
    [InlineData("\"tier\": \"silver\"", "\"tier\": \"platinum\"", "must be named \u201Csilver\u201D")]
    [InlineData("\"emoji\": \"🧭\",", "", "\u201Cemoji\u201D is missing")]
    [InlineData("\"description\": \"Suggested content a facilitator approved.\"", "\"description\": \"Two\\nlines\"", "one line")]
    public void Each_problem_in_a_badge_is_named(string from, string to, string expected)
    {
        var error = Assert.Throws<BadgeCatalogueException>(() => BadgeCatalogue.Parse(Valid.Replace(from, to, StringComparison.Ordinal)));

        Assert.Contains("badge 1", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_id_and_several_problems_are_all_reported()
    {
        var entry = Valid[(Valid.IndexOf('[', StringComparison.Ordinal) + 1)..Valid.LastIndexOf(']')];
        var json = "{ \"badges\": [" + entry + "," + entry + "," + entry.Replace("\"r\": \"Rich\"", "\"r\": \"\"", StringComparison.Ordinal).Replace("\"curator\"", "\"other\"", StringComparison.Ordinal) + "] }";

        var error = Assert.Throws<BadgeCatalogueException>(() => BadgeCatalogue.Parse(json));

        Assert.Contains("has 2 problems", error.Message, StringComparison.Ordinal);
        Assert.Contains("used more than once", error.Message, StringComparison.Ordinal);
        Assert.Contains("badge 3 (other)", error.Message, StringComparison.Ordinal);
    }
}
