namespace TeamsLearningBot.Insights;

/// <summary>
/// The answer to <c>insights</c>: plain records (they serialise to JSON as they are, for a web
/// view). <see cref="ChannelId"/> is set when the report is a private or shared channel's own.
/// </summary>
public sealed record InsightsReport(
    string TeamId,
    string? ChannelId,
    string? Tag,
    int? Item,
    DateOnly From,
    DateOnly To,
    int MinGroupSize,
    ParticipationReport Participation,
    RelevanceReport Relevance,
    BusinessReport Business);

/// <summary>
/// Participation over a period: <see cref="Regular"/> (contributed in at least half of the weeks
/// with a drop, and at least 2), <see cref="Occasional"/> (at least once), <see cref="NotYet"/>
/// (members who never contributed). <see cref="Members"/> is the roster the tiers divide.
/// Anonymous contributions count and are never named.
/// </summary>
public sealed record ParticipationReport(
    int Members,
    bool RosterKnown,
    int DropWeeks,
    int RegularWeeksNeeded,
    ParticipationTier Regular,
    ParticipationTier Occasional,
    ParticipationTier NotYet)
{
    public const double RegularBenchmark = 20;
    public const double NotYetBenchmark = 18;
    public const double OccasionalBenchmark = 100 - RegularBenchmark - NotYetBenchmark;

    public IReadOnlyList<ParticipationTier> Tiers => [Regular, Occasional, NotYet];
}

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

/// <summary>Items and tags ranked by <see cref="ItemRelevance.Score"/>, best first, and the worst performers (to replace).</summary>
public sealed record RelevanceReport(double TeamMean, IReadOnlyList<ItemRelevance> Items, IReadOnlyList<TagRelevance> Tags, IReadOnlyList<ItemRelevance> Worst);

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

/// <summary>Relevance of a tag: its items' ratings together (mean null below the privacy floor), ordered by <see cref="Score"/>.</summary>
public sealed record TagRelevance(string Tag, int Items, int Ratings, double? Mean, double Score, int Reflections, GroupFigure People);

/// <summary>What people say about the business: rising terms (with quotes) and reflections that read as ideas or customer/market signals.</summary>
public sealed record BusinessReport(IReadOnlyList<RisingTerm> Terms, IReadOnlyList<Quote> Ideas);

/// <summary>A term or phrase rising in the period's reflections against the previous period, with up to three quotes.</summary>
public sealed record RisingTerm(string Term, double Score, int Count, int PreviousCount, IReadOnlyList<Quote> Quotes);

/// <summary>A reflection quoted in a report, read from the reflection store when the report was built; an anonymous one is by "a colleague".</summary>
public sealed record Quote(string Text, string Author, int Item, string? Kind = null);
