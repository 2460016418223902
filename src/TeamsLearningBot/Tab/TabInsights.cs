using TeamsLearningBot.Insights;

namespace TeamsLearningBot.Tab;

/// <summary>
/// The team tab's data: the same report as <c>insights</c>, with the participation tiers of the
/// periods before it (oldest first, the report's own period last) for the chart over time, the
/// reflections of each week of the period, and the experts of its best tags (as <c>experts</c> reports them).
/// <see cref="PrivateChannelId"/> is set when it is a private or shared channel's own insights.
/// </summary>
public sealed record TabInsights(string TeamId, string TeamName, string? PrivateChannelId, InsightsReport Report, IReadOnlyList<TierPoint> History, IReadOnlyList<WeekCount> Weeks, IReadOnlyList<ExpertsReport> Experts);

/// <summary>The participation tiers of one period, for the chart over time.</summary>
public sealed record TierPoint(DateOnly From, DateOnly To, int Members, GroupFigure Regular, GroupFigure Occasional, GroupFigure NotYet);
