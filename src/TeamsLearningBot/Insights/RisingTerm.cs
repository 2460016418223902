namespace TeamsLearningBot.Insights;

/// <summary>A term or phrase rising in the period's reflections against the previous period, with up to three quotes.</summary>
public sealed record RisingTerm(string Term, double Score, int Count, int PreviousCount, IReadOnlyList<Quote> Quotes);
