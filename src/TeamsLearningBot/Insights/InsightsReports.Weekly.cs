namespace TeamsLearningBot.Insights;

public sealed partial class InsightsReports
{
    /// <summary>
    /// Reflections (named and anonymous) per week of the request's period, from the same ledgers
    /// and filters as <see cref="BuildAsync(InsightsScope, InsightsRequest, Task{IReadOnlyCollection{string}?}, CancellationToken)"/>;
    /// weeks without any read 0, so a chart has every week.
    /// </summary>
    private static List<WeekCount> ReflectionsPerWeek(ReportData data, InsightsScope scope, InsightsRequest request, Func<int, bool> filter)
    {
        var period = request.Period;
        var named = new int[period.Weeks];
        var anonymous = new int[period.Weeks];
        foreach (var ledger in data.Ledgers)
        {
            foreach (var e in InPeriod(ledger, data, scope, period, filter))
            {
                named[e.Week - period.FirstWeek] += e.Reflections;
                anonymous[e.Week - period.FirstWeek] += e.Anonymous;
            }
        }

        return [.. Enumerable.Range(0, period.Weeks).Select(i => new WeekCount(InsightsWeeks.Monday(period.FirstWeek + i), named[i], anonymous[i]))];
    }
}

/// <summary>Reflections in the week starting <see cref="Monday"/>: under a name, and anonymous (counted, never attributed).</summary>
public sealed record WeekCount(DateOnly Monday, int Named, int Anonymous)
{
    public int Total => Named + Anonymous;
}
