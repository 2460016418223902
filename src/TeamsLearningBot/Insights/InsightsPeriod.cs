namespace TeamsLearningBot.Insights;

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
