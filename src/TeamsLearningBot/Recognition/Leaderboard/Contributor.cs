namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>A learner's points over a period, with the name their events carried.</summary>
public sealed record Contributor(string LearnerKey, string Name, int Points);
