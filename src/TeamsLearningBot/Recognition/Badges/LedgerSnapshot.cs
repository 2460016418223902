namespace TeamsLearningBot.Recognition.Badges;

/// <summary>What one read of a learner's partition returns: the counts, whether the event was counted before, and the reaction subject's tally.</summary>
public sealed record LedgerSnapshot(LearnerProgress? Progress, bool Processed, ReactionTallyEntity? Tally);
