namespace TeamsLearningBot.Insights;

/// <summary>One reflection's distinct terms for one term row, with its reference as a quote candidate (none when the text has no place to be read again).</summary>
public sealed record TermShare(string RowKey, IReadOnlyList<string> Terms, ReflectionRef? Ref);
