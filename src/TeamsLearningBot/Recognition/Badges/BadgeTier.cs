namespace TeamsLearningBot.Recognition.Badges;

/// <summary>One level of a badge: its name (bronze, silver, gold; null for a badge with a single level) and the count that earns it.</summary>
public sealed record BadgeTier(string? Name, int Threshold);
