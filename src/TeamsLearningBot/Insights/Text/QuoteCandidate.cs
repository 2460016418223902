namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// A reflection that may be quoted. <paramref name="Author"/> is any stable key of the person, used
/// only to spread quotes over people; null when unknown or anonymous (each such reflection is then
/// treated as a different person).
/// </summary>
public sealed record QuoteCandidate(string Id, string Text, string? Author = null);
