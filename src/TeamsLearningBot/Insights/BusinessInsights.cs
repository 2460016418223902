using TeamsLearningBot.Content;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Insights;

/// <summary>
/// What people say: the reflections that read as ideas or customer/market signals, quoted from the
/// reflection store when the report is built (so what <c>forget me</c> or retention deleted is gone
/// from every report at once). Anonymous reflections are quoted as "a colleague".
/// </summary>
public sealed class BusinessInsights(ReflectionStore reflections)
{
    public const int MaxIdeas = 8;
    public const int MaxQuoteChars = 280;
    public const string Colleague = "a colleague";

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
        var quoted = await Task.WhenAll(ideas.Select(i => QuoteAsync(i.Ref, i.Item, i.Kind, cancellationToken)));
        return new BusinessReport([], [.. quoted.OfType<Quote>().Take(MaxIdeas)]);
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
        var author = reflection.Anonymous || string.IsNullOrEmpty(reflection.AuthorName) ? Colleague : reflection.AuthorName!;
        return new Quote(text, author, item, kind);
    }
}
