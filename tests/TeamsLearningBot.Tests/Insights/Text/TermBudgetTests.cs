using TeamsLearningBot.Insights.Text;

namespace TeamsLearningBot.Tests.Insights.Text;

public sealed class TermBudgetTests
{
    [Fact]
    public void Keep_keeps_the_highest_counts_and_drops_non_positive_ones()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["pricing"] = 9, ["churn"] = 4, ["team"] = 7, ["zero"] = 0, ["minus"] = -2 };

        var kept = TermBudget.Keep(counts, maxTerms: 2);

        Assert.Equal(["pricing", "team"], kept.Select(k => k.Key));
        Assert.Equal(3, TermBudget.Keep(counts, maxTerms: 10).Count);
    }

    [Fact]
    public void Keep_breaks_ties_the_same_way_every_time_and_not_alphabetically()
    {
        var counts = Enumerable.Range(0, 26).Select(i => KeyValuePair.Create(((char)('a' + i)) + "term", 1)).ToList();

        var kept = TermBudget.Keep(counts, maxTerms: 5).Select(k => k.Key).ToList();
        var again = TermBudget.Keep(Enumerable.Reverse(counts), maxTerms: 5).Select(k => k.Key).ToList();

        Assert.Equal(kept, again);
        Assert.NotEqual(["aterm", "bterm", "cterm", "dterm", "eterm"], kept);
    }

    [Fact]
    public void Keep_stays_within_the_encoded_length()
    {
        var counts = Enumerable.Range(0, 5_000).ToDictionary(i => $"term number {i:D5}", i => 1 + (i % 97), StringComparer.Ordinal);

        var kept = TermBudget.Keep(counts, maxTerms: int.MaxValue);
        var encoded = TermBudget.Encode(kept);

        Assert.True(encoded.Length <= TermBudget.MaxEncodedLength, $"{encoded.Length} characters");
        Assert.True(encoded.Length > TermBudget.MaxEncodedLength - 30, $"{encoded.Length} characters: the budget is not used");
        Assert.Equal(kept.Sum(k => TermBudget.EncodedLength(k.Key, k.Value)), encoded.Length);
        Assert.Equal(96 + 1, kept.Max(k => k.Value));
    }

    [Fact]
    public void Encode_and_Decode_round_trip()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["customer feedback"] = 12, ["café"] = 3, ["q&a"] = 1_000 };

        var encoded = TermBudget.Encode(counts);

        Assert.Equal("q&a\t1000\ncustomer feedback\t12\ncafé\t3\n", encoded);
        Assert.Equal(counts, TermBudget.Decode(encoded));
        Assert.Empty(TermBudget.Decode(null));
    }

    [Theory]
    [InlineData("pricing\n")]
    [InlineData("pricing\t0\n")]
    [InlineData("pricing\t-3\n")]
    [InlineData("\t4\n")]
    [InlineData("pricing\tmany\n")]
    public void Decode_rejects_malformed_lines(string encoded) => Assert.Throws<FormatException>(() => TermBudget.Decode(encoded));
}
