using System.Collections.Concurrent;
using Azure.Data.Tables;
using TeamsLearningBot.Content;
using TeamsLearningBot.Insights.Text;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Insights;

/// <summary>
/// What people say: the terms and phrases rising in the period's reflections against the previous
/// period (<see cref="RisingTerms"/> over the term rows' weekly counts), each with up to three quotes, and
/// the reflections that read as ideas or customer/market signals. Quotes are read from the
/// reflection store when the report is built, so what <c>forget me</c> or retention deleted is gone
/// from every report at once; anonymous reflections are quoted as "a colleague".
/// </summary>
/// <remarks>
/// Quote reads are point reads, the report's largest number of requests, so they are read in one
/// round, all at once and only as far as the report needs: the <see cref="CandidatesPerTerm"/>
/// newest candidates of each rising term (taken from different shards first, so from different
/// people) and the <see cref="IdeasRead"/> newest ideas, of which the first <see cref="MaxIdeas"/>
/// still there are shown. A reflection wanted twice in a report is read once.
/// </remarks>
/// </remarks>
public sealed class BusinessInsights(InsightsStore store, ReflectionStore reflections)
{
    public const int MaxIdeas = 8;
    public const int MaxQuoteChars = 280;
    public const int MaxTerms = 8;
    public const string Colleague = "a colleague";

    // Quote candidates read per rising term (the newest weeks' first, from different shards first) and
    // ideas read: a few more than are shown, so that a gone reflection or a sentence quoted already
    // leaves the report a quote short only rarely, in one round of point reads.
    private const int CandidatesPerTerm = 5;
    private const int IdeasRead = MaxIdeas + 4;

    /// <summary>
    /// Starts reading the term rows of <paramref name="period"/> and the period before it (the
    /// latter without quote candidates, which only the current period offers): they do not depend
    /// on the ledgers, so a report reads them at the same time. The rows of four weeks that hold
    /// weeks of the period are read whole (a block reaching back into the previous period gives its
    /// counts for those weeks too); only the blocks wholly before it are read as counts. Weekly rows
    /// of the layout before blocks are read the same way, a range each.
    /// </summary>
    internal TermRowsRead ReadTermRows(InsightsScope scope, string? tag, InsightsPeriod period, CancellationToken cancellationToken)
    {
        var scopeKey = scope.PrivateChannelId is { } channel ? TableKeys.Encode(channel) : TermRows.All;
        var tagKey = TermRows.TagKey(tag);
        var previous = period.Previous;
        var firstBlockWeek = InsightsWeeks.BlockOf(period.FirstWeek) * InsightsWeeks.BlockWeeks;
        Task<List<TableEntity>> Read((string From, string To) range, string[]? select) =>
            store.RangeAsync(scope.TeamId, InsightsStore.TermPrefix, range.From, range.To, select, cancellationToken);
        var current = new[]
        {
            Read(TermRows.BlockRange(scopeKey, tagKey, period.FirstWeek, period.LastWeek), null),
            Read(TermRows.Range(scopeKey, tagKey, period.FirstWeek, period.LastWeek), null),
        };
        var before = new List<Task<List<TableEntity>>> { Read(TermRows.Range(scopeKey, tagKey, previous.FirstWeek, period.FirstWeek - 1), TermCounts.CountColumns) };
        if (previous.FirstWeek < firstBlockWeek)
        {
            before.Add(Read(TermRows.BlockRange(scopeKey, tagKey, previous.FirstWeek, firstBlockWeek - 1), TermCounts.CountColumns));
        }

        return new TermRowsRead(Concat(current), Concat(before));
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
            .Take(IdeasRead)
            .ToList();
        var quotedIdeas = IdeasAsync(ideas, reads);

        // Term rows are kept per scope and tag, not per item: an item's insights list no terms (and read none).
        var terms = termRows is null ? [] : await RisingAsync(termRows, period, reads);
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

    /// <summary>The first <see cref="MaxIdeas"/> of <paramref name="ideas"/> (newest first) whose reflection is still there, from one round of reads.</summary>
    private static async Task<IReadOnlyList<Quote>> IdeasAsync(List<LedgerIdea> ideas, QuoteReads reads)
    {
        var read = ideas.Take(IdeasRead).ToList();
        var found = await Task.WhenAll(read.Select(i => reads.GetAsync(i.Ref)));
        return [.. read
            .Select((idea, i) => QuoteOf(found[i], idea.Item, idea.Rule is { } rule ? $"{idea.Kind} (\u201C{rule}\u201D)" : idea.Kind))
            .OfType<Quote>()
            .Take(MaxIdeas)];
    }

    private static async Task<IReadOnlyList<RisingTerm>> RisingAsync(TermRowsRead termRows, InsightsPeriod period, QuoteReads reads)
    {
        await Task.WhenAll(termRows.Current, termRows.Previous);
        var current = (await termRows.Current).Select(TermCounts.FromRow).ToList();
        var rows = current.Concat((await termRows.Previous).Select(TermCounts.FromRow)).ToList();
        var previous = period.Previous;
        var rising = Text.RisingTerms.Rank(Sum(rows, period.FirstWeek, period.LastWeek), Sum(rows, previous.FirstWeek, previous.LastWeek), new RisingTermsOptions { MaxTerms = MaxTerms });
        if (rising.Count == 0)
        {
            return [];
        }

        var candidates = rising.ToDictionary(r => r.Term, r => Candidates(current, r.Term, period, CandidatesPerTerm), StringComparer.Ordinal);
        var picked = await PickAsync(candidates, reads);
        return [.. rising.Select(r => new RisingTerm(r.Term, r.Score, r.Current, r.Previous, picked[r.Term]))];
    }

    /// <summary>
    /// The quote candidates of <paramref name="term"/> a report reads, in the order it offers them:
    /// the newest week first, and within a week one from each row (shard) in turn, so the first
    /// ones are from different people (a shard holds its own learners' reflections only).
    /// </summary>
    internal static List<ReflectionRef> Candidates(IReadOnlyList<TermCounts> rows, string term, InsightsPeriod period, int max)
    {
        var found = new List<ReflectionRef>();
        for (var week = period.LastWeek; week >= period.FirstWeek && found.Count < max; week--)
        {
            var perRow = rows.Select(r => r.QuotesFor(term, week).ToList()).Where(q => q.Count > 0).ToList();
            for (var turn = 0; perRow.Any(q => q.Count > turn); turn++)
            {
                found.AddRange(perRow.Where(q => q.Count > turn).Select(q => q[turn]).Where(r => !found.Contains(r)));
            }
        }

        return [.. found.Take(max)];
    }

    /// <summary>For each term, the quotes <see cref="QuotePicker"/> picks from its candidates that are still there (one round of reads for all terms).</summary>
    private static async Task<Dictionary<string, IReadOnlyList<Quote>>> PickAsync(Dictionary<string, List<ReflectionRef>> candidates, QuoteReads reads)
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
                return (IReadOnlyList<Quote>)[.. QuotePicker.Pick(c.Key, offered).Select(q => new Quote(q.Snippet, AuthorOf(byId[q.Id]), byId[q.Id].ContentNumber))];
            },
            StringComparer.Ordinal);
    }

    /// <summary>The counts of weeks <paramref name="firstWeek"/>…<paramref name="lastWeek"/> of <paramref name="rows"/>.</summary>
    private static PeriodTermCounts Sum(IEnumerable<TermCounts> rows, int firstWeek, int lastWeek)
    {
        var documents = 0;
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            for (var week = Math.Max(firstWeek, row.FirstWeek); week <= Math.Min(lastWeek, row.FirstWeek + InsightsWeeks.BlockWeeks - 1); week++)
            {
                documents += row.DocumentsIn(week);
                foreach (var (term, n) in row.TermsIn(week))
                {
                    terms[term] = terms.GetValueOrDefault(term) + n;
                }
            }
        }

        return new PeriodTermCounts(documents, terms);
    }

    private static async Task<List<TableEntity>> Concat(IEnumerable<Task<List<TableEntity>>> reads) =>
        [.. (await Task.WhenAll(reads)).SelectMany(rows => rows)];

    private static string Id(ReflectionRef reference) => $"{reference.ChannelId}\n{reference.RootId}\n{reference.SourceId}";

    private static string AuthorOf(ReflectionEntity reflection) =>
        reflection.Anonymous || string.IsNullOrEmpty(reflection.AuthorName) ? Colleague : reflection.AuthorName!;
}

/// <summary>The term rows a report reads, started before the ledgers are in: the period's (with quote candidates) and the previous period's (counts only).</summary>
internal sealed record TermRowsRead(Task<List<TableEntity>> Current, Task<List<TableEntity>> Previous);

/// <summary>The reflections one report quotes, each read once however often the report wants it (an idea can also be a term's quote).</summary>
internal sealed class QuoteReads(ReflectionStore reflections, CancellationToken cancellationToken)
{
    private readonly ConcurrentDictionary<ReflectionRef, Lazy<Task<ReflectionEntity?>>> reads = new();

    public Task<ReflectionEntity?> GetAsync(ReflectionRef reference) =>
        reads.GetOrAdd(reference, r => new Lazy<Task<ReflectionEntity?>>(() => reflections.GetReflectionAsync(r.Post, r.SourceId, cancellationToken))).Value;
}
