namespace TeamsLearningBot.Recognition.Badges;

/// <summary>One learner's badges in one team, as <c>my badges</c> shows them.</summary>
public sealed record TeamBadges(string? TeamName, BadgeSettings Settings, LearnerProgress? Progress, IReadOnlyList<BadgeAwardEntity> Awards);
