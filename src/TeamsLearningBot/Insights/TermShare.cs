namespace TeamsLearningBot.Insights;

/// <summary>One reflection's term counts for one term row, with its reference as a quote candidate.</summary>
public sealed record TermShare(string RowKey, IReadOnlyDictionary<string, int> Counts, ReflectionRef? Ref);
