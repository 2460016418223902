namespace TeamsLearningBot.Drops;

/// <summary>A drop as listed: what it posts in words, its zone and how its latest occurrence went.</summary>
public sealed record DropSummary(Drop Drop, string What, TimeZoneInfo Zone, string? LastResult);
