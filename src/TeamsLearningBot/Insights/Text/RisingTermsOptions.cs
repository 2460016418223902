using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Insights.Text;

/// <summary>How <see cref="RisingTerms.Rank"/> chooses.</summary>
public sealed record RisingTermsOptions
{
    /// <summary>Fewest current-period reflections a term needs to be listed, so one mention never tops the list.</summary>
    [Range(1, int.MaxValue)]
    public int MinSupport { get; init; } = 3;

    /// <summary>Most terms returned.</summary>
    [Range(1, 1_000)]
    public int MaxTerms { get; init; } = 10;

    /// <summary>
    /// A rising bigram replaces a rising word of it when the bigram accounts for at least this share of
    /// the word's current reflections ("net promoter" in 5 of the 6 reflections with "promoter").
    /// </summary>
    [Range(0.0, 1.0)]
    public double BigramCoverage { get; init; } = 0.8;

    public static RisingTermsOptions Default { get; } = new();
}
