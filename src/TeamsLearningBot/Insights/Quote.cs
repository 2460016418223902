namespace TeamsLearningBot.Insights;

/// <summary>A reflection quoted in a report, read from the reflection store when the report was built; an anonymous one is by "a colleague".</summary>
public sealed record Quote(string Text, string Author, int Item, string? Kind = null);
