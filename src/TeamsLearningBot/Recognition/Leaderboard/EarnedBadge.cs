namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>A badge tier someone earned, as the weekly post names it.</summary>
public sealed record EarnedBadge(string Name, string BadgeId, string? Tier);
