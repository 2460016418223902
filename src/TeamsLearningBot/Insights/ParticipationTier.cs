namespace TeamsLearningBot.Insights;

/// <summary>
/// One tier of participation against the benchmark the product is built on (of employees, 20%
/// share regularly and 18% need help getting started; the rest share now and then), with the
/// same tier in the previous period for the trend.
/// </summary>
public sealed record ParticipationTier(string Name, GroupFigure Now, GroupFigure Before, double BenchmarkPercent)
{
    /// <summary>The change in percentage points since the previous period; null when either figure is suppressed.</summary>
    public double? TrendPoints => Now.Percent is { } now && Before.Percent is { } before ? now - before : null;
}
