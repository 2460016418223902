using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>One learner's partition at a time: fifty kudos for one person arrive at once.</summary>
public sealed class LearnerLocks(StorageHealth health) : PartitionLocks(health);
