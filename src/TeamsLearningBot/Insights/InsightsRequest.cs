using System.Globalization;
using TeamsLearningBot.Content;

namespace TeamsLearningBot.Insights;

/// <summary>
/// What <c>insights</c> was asked for: a tag or an item (C12) or neither, and a period
/// (<c>last 30 days</c>, <c>last 90 days</c>, <c>since 2026-09-01</c>), in any order.
/// </summary>
public sealed record InsightsRequest(string? Tag, int? Item, InsightsPeriod Period)
{
    public const string Usage = "insights [<tag> | C12] [last 30 days | last 90 days | since 2026-09-01]";

    public static bool TryParse(string arguments, DateOnly today, int defaultDays, out InsightsRequest request, out string error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var words = arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        var period = InsightsPeriod.LastDays(today, defaultDays);
        string? tag = null;
        int? item = null;
        request = new InsightsRequest(null, null, period);
        error = string.Empty;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Equals("last", StringComparison.OrdinalIgnoreCase))
            {
                var count = i + 1 < words.Count ? words[i + 1] : string.Empty;
                if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 3650)
                {
                    error = "After `last`, give a number of days, e.g. `last 30 days`.";
                    return false;
                }

                var unit = i + 2 < words.Count ? words[i + 2] : "days";
                var multiplier = unit.ToUpperInvariant() switch
                {
                    "DAY" or "DAYS" => 1,
                    "WEEK" or "WEEKS" => 7,
                    _ => 0,
                };
                if (multiplier == 0)
                {
                    error = $"I count periods in days or weeks, not \u201C{unit}\u201D.";
                    return false;
                }

                period = InsightsPeriod.LastDays(today, days * multiplier);
                i += i + 2 < words.Count ? 2 : 1;
            }
            else if (word.Equals("since", StringComparison.OrdinalIgnoreCase))
            {
                var date = i + 1 < words.Count ? words[i + 1] : string.Empty;
                if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var since))
                {
                    error = "After `since`, give a date as year-month-day, e.g. `since 2026-09-01`.";
                    return false;
                }

                if (since > today)
                {
                    error = "That date is in the future: pick one on or before today.";
                    return false;
                }

                period = new InsightsPeriod(since, today);
                i++;
            }
            else if (ContentItem.TryParseId(word, out var number))
            {
                if (item is not null || tag is not null)
                {
                    error = "Ask about one tag or one item at a time.";
                    return false;
                }

                item = number;
            }
            else
            {
                if (item is not null || tag is not null)
                {
                    error = "Ask about one tag or one item at a time.";
                    return false;
                }

                tag = word.TrimStart('#');
            }
        }

        request = new InsightsRequest(tag, item, period);
        return true;
    }
}

/// <summary>The days a report covers, inclusive; aggregates are weekly, so it reads the weeks these days touch.</summary>
public sealed record InsightsPeriod(DateOnly From, DateOnly To)
{
    public int FirstWeek => InsightsWeeks.Of(From);

    public int LastWeek => InsightsWeeks.Of(To);

    public int Weeks => LastWeek - FirstWeek + 1;

    /// <summary>The period of the same number of weeks just before this one (for the trend).</summary>
    public InsightsPeriod Previous => new(InsightsWeeks.Monday(FirstWeek - Weeks), InsightsWeeks.Monday(FirstWeek).AddDays(-1));

    public static InsightsPeriod LastDays(DateOnly today, int days) => new(today.AddDays(1 - days), today);
}
