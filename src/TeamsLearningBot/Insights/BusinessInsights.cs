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
public sealed class BusinessInsights(InsightsStore store, ReflectionStore reflections)
{
    public const int MaxIdeas = 8;
    public const int MaxQuoteChars = 280;
    public const int MaxTerms = 8;
    public const string Colleague = "a colleague";

    // Candidates read per rising term: the newest weeks' first, enough for three good quotes from different people.
    private const int CandidatesPerTerm = 9;

    internal async Task<BusinessReport> BuildAsync(
        InsightsScope scope,
        IReadOnlyList<LearnerLedger> ledgers,
        IReadOnlyDictionary<int, ContentItem> items,
        string? tag,
        int? item,
        InsightsPeriod period,
        Func<int, bool> filter,
        CancellationToken cancellationToken)
    {
        var ideas = ledgers
            .SelectMany(l => l.Ideas)
            .Where(i => i.Week >= period.FirstWeek && i.Week <= period.LastWeek && scope.Includes(i.Channel, i.Private) && filter(i.Item))
            .OrderByDescending(i => i.Week)
            .Take(MaxIdeas * 2)
            .ToList();
        var quotedIdeas = Task.WhenAll(ideas.Select(i => QuoteAsync(i.Ref, i.Item, i.Rule is { } rule ? $"{i.Kind} (\u201C{rule}\u201D)" : i.Kind, cancellationToken)));

        // Term rows are kept per scope and tag, not per item: an item's insights list no terms.
        var terms = item is null ? await RisingAsync(scope, tag, period, cancellationToken) : [];
        return new BusinessReport(terms, [.. (await quotedIdeas).OfType<Quote>().Take(MaxIdeas)]);
    }

    /// <summary>The reflection as it stands, or null when it is gone (erased, expired, deleted in Teams).</summary>
    internal async Task<Quote?> QuoteAsync(ReflectionRef reference, int item, string? kind, CancellationToken cancellationToken)
    {
        var reflection = await reflections.GetReflectionAsync(reference.Post, reference.SourceId, cancellationToken);
        if (reflection is null || string.IsNullOrWhiteSpace(reflection.Text))
        {
            return null;
        }

        var text = reflection.Text.Length > MaxQuoteChars ? reflection.Text[..(MaxQuoteChars - 1)].TrimEnd() + "\u2026" : reflection.Text;
        return new Quote(text, AuthorOf(reflection), item, kind);
    }

    private async Task<IReadOnlyList<RisingTerm>> RisingAsync(InsightsScope scope, string? tag, InsightsPeriod period, CancellationToken cancellationToken)
    {
        var scopeKey = scope.PrivateChannelId is { } channel ? TableKeys.Encode(channel) : TermRows.All;
        var (from, to) = TermRows.Range(scopeKey, TermRows.TagKey(tag), period.Previous.FirstWeek, period.LastWeek);
        var rows = (await store.RangeAsync(scope.TeamId, InsightsStore.TermPrefix, from, to, null, cancellationToken))
            .Select(r => (Week: TermRows.WeekOf(r.RowKey), Counts: TermCounts.FromRow(r)))
            .ToList();
        var current = rows.Where(r => r.Week >= period.FirstWeek).ToList();
        var previous = rows.Where(r => r.Week < period.FirstWeek).ToList();
        var rising = Text.RisingTerms.Rank(Sum(current), Sum(previous), new RisingTermsOptions { MaxTerms = MaxTerms });
        if (rising.Count == 0)
        {
            return [];
        }

        var candidates = rising.ToDictionary(
            r => r.Term,
            r => current.OrderByDescending(c => c.Week).SelectMany(c => c.Counts.QuotesFor(r.Term)).Distinct().Take(CandidatesPerTerm).ToList(),
            StringComparer.Ordinal);
        var read = await Task.WhenAll(candidates.Values.SelectMany(c => c).Distinct().Select(async reference =>
            (Ref: reference, Reflection: await reflections.GetReflectionAsync(reference.Post, reference.SourceId, cancellationToken))));
        var texts = read.Where(r => r.Reflection is { Text.Length: > 0 }).ToDictionary(r => r.Ref, r => r.Reflection!);
        return [.. rising.Select(r =>
        {
            var offered = candidates[r.Term].Where(texts.ContainsKey).Select(reference =>
            {
                var reflection = texts[reference];
                return new QuoteCandidate(Id(reference), reflection.Text, reflection.Anonymous ? null : reflection.LearnerKey);
            });
            var byId = candidates[r.Term].Where(texts.ContainsKey).ToDictionary(Id, reference => texts[reference], StringComparer.Ordinal);
            var quotes = QuotePicker.Pick(r.Term, offered)
                .Select(q => new Quote(q.Snippet, AuthorOf(byId[q.Id]), byId[q.Id].ContentNumber))
                .ToList();
            return new RisingTerm(r.Term, r.Score, r.Current, r.Previous, quotes);
        })];
    }

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
