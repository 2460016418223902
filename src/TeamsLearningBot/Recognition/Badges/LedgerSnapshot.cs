namespace TeamsLearningBot.Recognition.Badges;

/// <summary>What counting reads of a learner's partition: the counts, and the tallies of the reaction subjects asked for (by row key).</summary>
public sealed record LedgerSnapshot(LearnerProgress? Progress, IReadOnlyDictionary<string, ReactionTallyEntity> Tallies);
