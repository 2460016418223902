namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// What one period's reflections say, as counts: <paramref name="Documents"/> reflections, and for
/// each term the number of those reflections that contain it (a document frequency, not a number of
/// occurrences: <see cref="TermExtractor.Extract"/> yields each term once per reflection).
/// Weekly buckets add up: the counts of a period are the sums of its weeks.
/// </summary>
public sealed record PeriodTermCounts(int Documents, IReadOnlyDictionary<string, int> Terms)
{
    public static PeriodTermCounts Empty { get; } = new(0, new Dictionary<string, int>(StringComparer.Ordinal));
}
