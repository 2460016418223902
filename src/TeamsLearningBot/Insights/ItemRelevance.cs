namespace TeamsLearningBot.Insights;

/// <summary>
/// How relevant an item was found in the period: the mean rating (null below the privacy floor of
/// raters), a confidence-aware <see cref="Score"/> (a Bayesian average pulled toward the team's
/// mean, so one 5★ does not top the list) and its reach.
/// </summary>
public sealed record ItemRelevance(
    int Item,
    string Title,
    IReadOnlyList<string> Tags,
    string? PerformanceNeed,
    int Ratings,
    double? Mean,
    double Score,
    int Reflections,
    GroupFigure People,
    int Channels,
    int Posts)
{
    public double? ReflectionsPerPost => Posts == 0 ? null : (double)Reflections / Posts;
}
