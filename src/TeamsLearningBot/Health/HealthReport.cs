namespace TeamsLearningBot.Health;

public sealed record HealthReport(string Status, string Storage);
