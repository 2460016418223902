namespace TeamsLearningBot.Insights.Text;

/// <summary>A quote picked by <see cref="QuotePicker"/>: the reflection it comes from and the sentence around the term.</summary>
public sealed record Quote(string Id, string? Author, string Snippet);
