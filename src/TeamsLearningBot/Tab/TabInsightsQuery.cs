using TeamsLearningBot.Content;
using TeamsLearningBot.Insights;

namespace TeamsLearningBot.Tab;

/// <summary>
/// The tab's <c>?period=…&amp;tag=…&amp;item=…</c>, read as the <c>insights</c> command reads its
/// words: <c>period</c> is <c>last 30 days</c>, <c>last 12 weeks</c> or <c>since 2026-09-01</c>
/// (the team's default when absent), <c>tag</c> a tag, <c>item</c> an item id such as <c>C12</c>.
/// </summary>
public static class TabInsightsQuery
{
    public const int MaxLength = 100;

    public static bool TryParse(string? period, string? tag, string? item, DateOnly today, int defaultDays, out InsightsRequest request, out string error)
    {
        request = new InsightsRequest(null, null, InsightsPeriod.LastDays(today, defaultDays));
        error = string.Empty;
        if ((period?.Length ?? 0) > MaxLength || (tag?.Length ?? 0) > MaxLength || (item?.Length ?? 0) > MaxLength)
        {
            error = $"period, tag and item are at most {MaxLength} characters.";
            return false;
        }

        if (!string.IsNullOrWhiteSpace(tag) && !string.IsNullOrWhiteSpace(item))
        {
            error = "Ask about one tag or one item at a time.";
            return false;
        }

        if (!InsightsRequest.TryParse(period ?? string.Empty, today, defaultDays, out var parsed, out error))
        {
            return false;
        }

        if (parsed.Tag is not null || parsed.Item is not null)
        {
            error = "period reads \u201Clast 30 days\u201D, \u201Clast 12 weeks\u201D or \u201Csince 2026-09-01\u201D.";
            return false;
        }

        int? number = null;
        if (!string.IsNullOrWhiteSpace(item))
        {
            if (!ContentItem.TryParseId(item.Trim(), out var n))
            {
                error = "item is an item id such as C12.";
                return false;
            }

            number = n;
        }

        var cleanTag = string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().TrimStart('#');
        if (cleanTag is { Length: 0 } || (cleanTag?.Any(char.IsWhiteSpace) ?? false))
        {
            error = "tag is one word, such as sales.";
            return false;
        }

        request = parsed with { Tag = cleanTag, Item = number };
        return true;
    }
}
