namespace TeamsLearningBot.Insights;

/// <summary>What people say about the business: rising terms (with quotes) and reflections that read as ideas or customer/market signals.</summary>
public sealed record BusinessReport(IReadOnlyList<RisingTerm> Terms, IReadOnlyList<Quote> Ideas);
