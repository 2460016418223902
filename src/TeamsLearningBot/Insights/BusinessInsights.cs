using TeamsLearningBot.Content;
using TeamsLearningBot.Insights.Text;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Insights;

/// <summary>
/// What people say: the terms and phrases rising in the period's reflections against the previous
/// period (<see cref="RisingTerms"/> over the weekly term rows), each with up to three quotes, and
/// the reflections that read as ideas or customer/market signals. Quotes are read from the
/// reflection store when the report is built, so what <c>forget me</c> or retention deleted is gone
/// from every report at once; anonymous reflections are quoted as "a colleague".
/// </summary>
/// <remarks>
/// Quote reads are point reads, the report's largest number of requests, so they are read in at
/// most two rounds and only as far as the report needs: first the <see cref="QuotePicker.DefaultMaxQuotes"/>
/// newest candidates of each term and the <see cref="MaxIdeas"/> newest ideas; then all of a term's
/// candidates when its quotes came out short or not from different people, and the next ideas in
/// place of those that are gone. A reflection wanted twice in a report is read once.
/// </remarks>
public sealed class BusinessInsights(InsightsStore store, ReflectionStore reflections)
{
    public const int MaxIdeas = 8;
    public const int MaxQuoteChars = 280;
    public const int MaxTerms = 8;
    public const string Colleague = "a colleague";

    // Candidates per rising term, the newest weeks' first: enough for three good quotes from different people.
    private const int CandidatesPerTerm = 9;

    /// <summary>
    /// Starts reading the term rows of <paramref name="period"/> and the period before it (the
    /// latter without quote candidates, which only the current period offers): they do not depend
    /// on the ledgers, so a report reads them at the same time.
    /// </summary>
    internal TermRowsRead ReadTermRows(InsightsScope scope, string? tag, InsightsPeriod period, CancellationToken cancellationToken)
    {
        var scopeKey = scope.PrivateChannelId is { } channel ? TableKeys.Encode(channel) : TermRows.All;
        var tagKey = TermRows.TagKey(tag);
        var (currentFrom, currentTo) = TermRows.Range(scopeKey, tagKey, period.FirstWeek, period.LastWeek);
        var (previousFrom, previousTo) = TermRows.Range(scopeKey, tagKey, period.Previous.FirstWeek, period.FirstWeek - 1);
        return new TermRowsRead(
            store.RangeAsync(scope.TeamId, InsightsStore.TermPrefix, currentFrom, currentTo, null, cancellationToken),
            store.RangeAsync(scope.TeamId, InsightsStore.TermPrefix, previousFrom, previousTo, TermCounts.CountColumns, cancellationToken));
    }

    internal async Task<BusinessReport> BuildAsync(
        InsightsScope scope,
        IReadOnlyList<LearnerLedger> ledgers,
        TermRowsRead? termRows,
        InsightsPeriod period,
        Func<int, bool> filter,
        CancellationToken cancellationToken)
    {
        var reads = new QuoteReads(reflections, cancellationToken);
        var ideas = ledgers
            .SelectMany(l => l.Ideas)
            .Where(i => i.Week >= period.FirstWeek && i.Week <= period.LastWeek && scope.Includes(i.Channel, i.Private) && filter(i.Item))
            .OrderByDescending(i => i.Week)
            .Take(MaxIdeas * 2)
            .ToList();
        var quotedIdeas = IdeasAsync(ideas, reads);

        // Term rows are kept per scope and tag, not per item: an item's insights list no terms (and read none).
        var terms = termRows is null ? [] : await RisingAsync(termRows, reads);
        return new BusinessReport(terms, await quotedIdeas);
    }

    /// <summary>The reflection as it stands, or null when it is gone (erased, expired, deleted in Teams).</summary>
    private static Quote? QuoteOf(ReflectionEntity? reflection, int item, string? kind)
    {
        if (reflection is null || string.IsNullOrWhiteSpace(reflection.Text))
        {
            return null;
        }

        var text = reflection.Text.Length > MaxQuoteChars ? reflection.Text[..(MaxQuoteChars - 1)].TrimEnd() + "\u2026" : reflection.Text;
        return new Quote(text, AuthorOf(reflection), item, kind);
    }

    /// <summary>The first <see cref="MaxIdeas"/> of <paramref name="ideas"/> (newest first) whose reflection is still there.</summary>
    private static async Task<IReadOnlyList<Quote>> IdeasAsync(List<LedgerIdea> ideas, QuoteReads reads)
    {
        var quotes = new Quote?[ideas.Count];
        var next = 0;
        while (next < ideas.Count)
        {
            var found = quotes.Count(q => q is not null);
            if (found >= MaxIdeas)
            {
                break;
            }

            // The first round reads as many as are shown; a later one replaces only those that were gone.
            var round = Enumerable.Range(next, Math.Min(MaxIdeas - found, ideas.Count - next)).ToList();
            next += round.Count;
            var read = await Task.WhenAll(round.Select(i => reads.GetAsync(ideas[i].Ref)));
            for (var r = 0; r < round.Count; r++)
            {
                var idea = ideas[round[r]];
                quotes[round[r]] = QuoteOf(read[r], idea.Item, idea.Rule is { } rule ? $"{idea.Kind} (\u201C{rule}\u201D)" : idea.Kind);
            }
        }

        return [.. quotes.OfType<Quote>().Take(MaxIdeas)];
    }

    private static async Task<IReadOnlyList<RisingTerm>> RisingAsync(TermRowsRead termRows, QuoteReads reads)
    {
        await Task.WhenAll(termRows.Current, termRows.Previous);
        var current = (await termRows.Current).Select(r => (Week: TermRows.WeekOf(r.RowKey), Counts: TermCounts.FromRow(r))).ToList();
        var previous = (await termRows.Previous).Select(r => (Week: TermRows.WeekOf(r.RowKey), Counts: TermCounts.FromRow(r))).ToList();
        var rising = Text.RisingTerms.Rank(Sum(current), Sum(previous), new RisingTermsOptions { MaxTerms = MaxTerms });
        if (rising.Count == 0)
        {
            return [];
        }

        var candidates = rising.ToDictionary(
            r => r.Term,
            r => current.OrderByDescending(c => c.Week).SelectMany(c => c.Counts.QuotesFor(r.Term)).Distinct().Take(CandidatesPerTerm).ToList(),
            StringComparer.Ordinal);

        // Round one: as many candidates as quotes are shown; round two: all of them, for the terms it left short.
        var picked = await PickAsync(rising.ToDictionary(r => r.Term, r => candidates[r.Term].Take(QuotePicker.DefaultMaxQuotes).ToList(), StringComparer.Ordinal), reads);
        var again = rising
            .Where(r => candidates[r.Term].Count > QuotePicker.DefaultMaxQuotes && !Enough(picked[r.Term].Picked))
            .ToDictionary(r => r.Term, r => candidates[r.Term], StringComparer.Ordinal);
        if (again.Count > 0)
        {
            foreach (var (term, quotes) in await PickAsync(again, reads))
            {
                picked[term] = quotes;
            }
        }

        return [.. rising.Select(r => new RisingTerm(r.Term, r.Score, r.Current, r.Previous, picked[r.Term].Quotes))];
    }

    /// <summary>For each term, what <see cref="QuotePicker"/> picks from its candidates that are still there, and those as quotes.</summary>
    private static async Task<Dictionary<string, (IReadOnlyList<Text.Quote> Picked, IReadOnlyList<Quote> Quotes)>> PickAsync(Dictionary<string, List<ReflectionRef>> candidates, QuoteReads reads)
    {
        var wanted = candidates.Values.SelectMany(c => c).Distinct().ToList();
        var read = await Task.WhenAll(wanted.Select(reads.GetAsync));
        var texts = new Dictionary<ReflectionRef, ReflectionEntity>();
        for (var i = 0; i < wanted.Count; i++)
        {
            if (read[i] is { Text.Length: > 0 } reflection)
            {
                texts[wanted[i]] = reflection;
            }
        }

        return candidates.ToDictionary(
            c => c.Key,
            c =>
            {
                var byId = c.Value.Where(texts.ContainsKey).ToDictionary(Id, reference => texts[reference], StringComparer.Ordinal);
                var offered = c.Value.Where(texts.ContainsKey).Select(reference => new QuoteCandidate(Id(reference), texts[reference].Text, texts[reference].Anonymous ? null : texts[reference].LearnerKey));
                var chosen = QuotePicker.Pick(c.Key, offered);
                return (chosen, (IReadOnlyList<Quote>)[.. chosen.Select(q => new Quote(q.Snippet, AuthorOf(byId[q.Id]), byId[q.Id].ContentNumber))]);
            },
            StringComparer.Ordinal);
    }

    /// <summary>Three quotes and no named person twice: what a term's first round of candidates is enough for.</summary>
    private static bool Enough(IReadOnlyList<Text.Quote> picked) =>
        picked.Count >= QuotePicker.DefaultMaxQuotes
        && picked.Where(q => q.Author is not null).DistinctBy(q => q.Author, StringComparer.Ordinal).Count() == picked.Count(q => q.Author is not null);

    private static PeriodTermCounts Sum(IEnumerable<(int Week, TermCounts Counts)> rows)
    {
        var documents = 0;
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, counts) in rows)
        {
            documents += counts.Documents;
            foreach (var (term, n) in counts.Terms)
            {
                terms[term] = terms.GetValueOrDefault(term) + n;
            }
        }

        return new PeriodTermCounts(documents, terms);
    }

    private static string Id(ReflectionRef reference) => $"{reference.ChannelId}\n{reference.RootId}\n{reference.SourceId}";

    private static string AuthorOf(ReflectionEntity reflection) =>
        reflection.Anonymous || string.IsNullOrEmpty(reflection.AuthorName) ? Colleague : reflection.AuthorName!;
}
