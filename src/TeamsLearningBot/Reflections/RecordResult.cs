namespace TeamsLearningBot.Reflections;

/// <summary>What became of a submission, with the card as it now stands and the learner's rating.</summary>
public sealed record RecordResult(RecordStatus Status, ReflectionPostEntity? Post, int? Rating = null);
