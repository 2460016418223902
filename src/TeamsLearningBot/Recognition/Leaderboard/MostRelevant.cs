namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>The item learners rated most relevant among those rated in a week.</summary>
public sealed record MostRelevant(string ItemId, string Title, double Average, int Ratings);
