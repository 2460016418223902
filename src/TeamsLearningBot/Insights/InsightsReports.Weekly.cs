namespace TeamsLearningBot.Insights;

public sealed partial class InsightsReports
{
    /// <summary>
    /// Reflections (named and anonymous) per week of the request's period, from the same ledgers
    /// and filters as <see cref="BuildAsync"/>; weeks without any read 0, so a chart has every week.
    /// </summary>
    public async Task<IReadOnlyList<WeekCount>> ReflectionsPerWeekAsync(InsightsScope scope, InsightsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(request);
        var period = request.Period;
        var data = await LoadAsync(scope, period.FirstWeek, period.LastWeek, LearnerLedger.ReportColumns(period.FirstWeek, period.LastWeek), cancellationToken);
        var filter = Filter(data, request.Tag, request.Item);
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
