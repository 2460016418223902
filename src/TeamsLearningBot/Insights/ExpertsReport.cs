namespace TeamsLearningBot.Insights;

/// <summary>The answer to <c>experts &lt;tag&gt;</c>: who stands out on it (anonymous contributions never count here), and who might need support.</summary>
public sealed record ExpertsReport(string TeamId, string? ChannelId, string Tag, DateOnly From, DateOnly To, IReadOnlyList<Expert> Experts, SupportFigure Support);
