using System.ComponentModel.DataAnnotations;

namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// Ranks the terms that rose in the current period against the previous period of the same length.
/// </summary>
/// <remarks>
/// <para>For a term in <c>c</c> of the current period's <c>Nc</c> reflections and <c>p</c> of the
/// previous period's <c>Np</c>:</para>
/// <code>
/// idf   = ln((1 + Nc + Np) / (1 + c + p)) + 1        inverse document frequency over both periods
/// rise  = c / Nc − p / Np                            growth in the share of reflections (p / Np = 0 when Np = 0)
/// score = idf × rise
/// </code>
/// <para>The score is the growth of the term's TF-IDF weight, with each period taken as one
/// document whose term frequency is the share of its reflections that mention the term. A term
/// every reflection uses in both periods ("team") scores near zero; one that went from 2% to 40%
/// of reflections scores high; the IDF lifts terms that are specific to this conversation over
/// words that are common in any period. Shares, not raw counts, so a busier week does not make
/// everything rise. A term is listed only when <c>c ≥ MinSupport</c> and <c>rise &gt; 0</c>.</para>
/// <para>A difference of shares rather than a (smoothed) log-ratio: a log-ratio ranks a term that
/// went from 0 to 3 mentions above one that went from 10 to 60, and on weekly team counts the
/// first is noise and the second is news.</para>
/// <para>Bigrams are preferred: when a listed bigram accounts for at least
/// <see cref="RisingTermsOptions.BigramCoverage"/> of the current reflections of one of its words,
/// that word is left out and the bigram takes the higher of the two scores ("net promoter" instead of
/// "promoter"). Ties are broken by more current reflections, then by the term in ordinal order, so
/// the same counts always give the same list.</para>
/// </remarks>
public static class RisingTerms
{
    public static IReadOnlyList<RisingTerm> Rank(PeriodTermCounts current, PeriodTermCounts previous, RisingTermsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        options ??= RisingTermsOptions.Default;
        if (current.Documents <= 0)
        {
            return [];
        }

        var documents = (double)current.Documents + Math.Max(previous.Documents, 0);
        var candidates = new Dictionary<string, RisingTerm>(StringComparer.Ordinal);
        foreach (var (term, count) in current.Terms)
        {
            if (count < options.MinSupport)
            {
                continue;
            }

            var before = Math.Max(previous.Terms.GetValueOrDefault(term), 0);
            var currentShare = Math.Min(1.0, (double)count / current.Documents);
            var previousShare = previous.Documents > 0 ? Math.Min(1.0, (double)before / previous.Documents) : 0.0;
            var rise = currentShare - previousShare;
            if (rise <= 0)
            {
                continue;
            }

            var idf = Math.Log((1 + documents) / (1 + count + before)) + 1;
            candidates[term] = new RisingTerm(term, count, before, idf * rise);
        }

        var absorbed = new HashSet<string>(StringComparer.Ordinal);
        var promoted = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var candidate in candidates.Values)
        {
            var space = candidate.Term.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                continue;
            }

            foreach (var word in (ReadOnlySpan<string>)[candidate.Term[..space], candidate.Term[(space + 1)..]])
            {
                if (candidates.TryGetValue(word, out var unigram) && candidate.Current >= options.BigramCoverage * unigram.Current)
                {
                    absorbed.Add(word);
                    promoted[candidate.Term] = Math.Max(promoted.GetValueOrDefault(candidate.Term, candidate.Score), unigram.Score);
                }
            }
        }

        return candidates.Values
            .Where(c => !absorbed.Contains(c.Term))
            .Select(c => promoted.TryGetValue(c.Term, out var score) ? c with { Score = score } : c)
            .OrderByDescending(c => c.Score)
            .ThenByDescending(c => c.Current)
            .ThenBy(c => c.Term, StringComparer.Ordinal)
            .Take(options.MaxTerms)
            .ToList();
    }
}

/// <summary>
/// A term that rose: how many reflections contained it in the current and the previous period,
/// and its <see cref="RisingTerms"/> score (higher rose more).
/// </summary>
public sealed record RisingTerm(string Term, int Current, int Previous, double Score)
{
    public bool IsBigram => TermExtractor.IsBigram(Term);
}

/// <summary>
/// What one period's reflections say, as counts: <paramref name="Documents"/> reflections, and for
/// each term the number of those reflections that contain it (a document frequency, not a number of
/// occurrences: <see cref="TermExtractor.Extract"/> yields each term once per reflection).
/// Weekly buckets add up: the counts of a period are the sums of its weeks.
/// </summary>
public sealed record PeriodTermCounts(int Documents, IReadOnlyDictionary<string, int> Terms)
{
    public static PeriodTermCounts Empty { get; } = new(0, new Dictionary<string, int>(StringComparer.Ordinal));
}

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
