namespace TeamsLearningBot.Recognition.Badges;

/// <summary>A tier a learner has reached and not yet been awarded.</summary>
public sealed record DueTier(BadgeDefinition Badge, int TierIndex, int Threshold, int Count);
