namespace TeamsLearningBot.Learners;

/// <summary>Who a learner is in Teams: enough to name them and to open a 1:1 chat with them.</summary>
public sealed record LearnerIdentity(string UserId, string? AadObjectId, string? Name);
