namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>A row of the weekly posts' due index: this team's post is due at this time.</summary>
public sealed record DueWeeklyPost(string TeamId, DateTimeOffset DueUtc);
