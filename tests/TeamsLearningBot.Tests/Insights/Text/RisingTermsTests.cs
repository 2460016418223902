using TeamsLearningBot.Insights.Text;

namespace TeamsLearningBot.Tests.Insights.Text;

public sealed class RisingTermsTests
{
    private static readonly PeriodTermCounts Current = Counts(50, ("pricing", 20), ("net promoter", 6), ("promoter", 6), ("net", 7), ("team", 25), ("onboarding", 5), ("roadmap", 2), ("customer", 10), ("customer churn", 4), ("churn", 4));
    private static readonly PeriodTermCounts Previous = Counts(50, ("pricing", 2), ("team", 25), ("onboarding", 6), ("customer", 4), ("net", 1));

    [Fact]
    public void Rank_orders_rising_terms_by_idf_weighted_growth_in_share()
    {
        var rising = RisingTerms.Rank(Current, Previous);

        Assert.Equal(["pricing", "net promoter", "customer", "customer churn"], rising.Select(r => r.Term));
        var pricing = rising[0];
        Assert.Equal((20, 2), (pricing.Current, pricing.Previous));
        Assert.Equal((Math.Log(101.0 / 23) + 1) * ((20.0 / 50) - (2.0 / 50)), pricing.Score, 12);
    }

    [Fact]
    public void A_bigram_replaces_the_words_it_accounts_for_and_takes_the_higher_score()
    {
        var rising = RisingTerms.Rank(Current, Previous);

        // "net promoter" is in 6 of the 6 reflections with "promoter" and 6 of the 7 with "net" (≥ 80%).
        Assert.DoesNotContain(rising, r => r.Term is "net" or "promoter");
        var netPromoter = Assert.Single(rising, r => r.Term == "net promoter");
        var own = (Math.Log(101.0 / 7) + 1) * (6.0 / 50);
        var net = (Math.Log(101.0 / 9) + 1) * ((7.0 / 50) - (1.0 / 50));
        Assert.Equal(Math.Max(own, net), netPromoter.Score, 12);
        Assert.True(netPromoter.IsBigram);

        // "churn" only ever appears as "customer churn": absorbed. "customer" has 10, the bigram 4: both stay.
        Assert.DoesNotContain(rising, r => r.Term == "churn");
        Assert.Contains(rising, r => r.Term == "customer");
    }

    [Fact]
    public void Terms_with_the_same_share_in_both_periods_do_not_rise_even_when_the_period_is_busier()
    {
        var rising = RisingTerms.Rank(Counts(100, ("team", 50), ("feedback", 9)), Counts(50, ("team", 25), ("feedback", 3)));

        Assert.Equal(["feedback"], rising.Select(r => r.Term));
    }

    [Fact]
    public void A_single_mention_never_tops_the_list()
    {
        var rising = RisingTerms.Rank(Counts(10, ("once", 1), ("twice", 2), ("thrice", 3)), PeriodTermCounts.Empty);

        Assert.Equal(["thrice"], rising.Select(r => r.Term));
        Assert.Equal(["twice", "thrice"], RisingTerms.Rank(Counts(10, ("once", 1), ("twice", 2), ("thrice", 3)), PeriodTermCounts.Empty, new RisingTermsOptions { MinSupport = 2 }).Select(r => r.Term).Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void Equal_scores_are_ordered_by_term_so_the_list_is_always_the_same()
    {
        var counts = Counts(20, ("zeta", 4), ("alpha", 4), ("mu", 4), ("beta", 5));

        var rising = RisingTerms.Rank(counts, PeriodTermCounts.Empty);

        Assert.Equal(["beta", "alpha", "mu", "zeta"], rising.Select(r => r.Term));
    }

    [Fact]
    public void MaxTerms_limits_the_list_and_an_empty_period_has_no_rising_terms()
    {
        Assert.Equal(2, RisingTerms.Rank(Current, Previous, new RisingTermsOptions { MaxTerms = 2 }).Count);
        Assert.Empty(RisingTerms.Rank(PeriodTermCounts.Empty, Previous));
    }

    private static PeriodTermCounts Counts(int documents, params (string Term, int Count)[] terms) =>
        new(documents, terms.ToDictionary(t => t.Term, t => t.Count, StringComparer.Ordinal));
}
