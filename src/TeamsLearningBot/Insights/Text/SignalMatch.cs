namespace TeamsLearningBot.Insights.Text;

/// <summary>
/// One rule that matched: the kind it signals, the rule's name as a facilitator reads it
/// ("customers ask"), and the words of the reflection that matched it (lowercased).
/// </summary>
public sealed record SignalMatch(SignalKinds Kind, string Rule, string Phrase);
