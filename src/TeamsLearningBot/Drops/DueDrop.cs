namespace TeamsLearningBot.Drops;

/// <summary>A row of the schedule index: drop <paramref name="Number"/> of a team is due at <paramref name="DueUtc"/>.</summary>
public sealed record DueDrop(string TeamId, int Number, DateTimeOffset DueUtc);
