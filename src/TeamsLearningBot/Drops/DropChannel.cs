namespace TeamsLearningBot.Drops;

/// <summary>A channel a drop posts to: its Teams conversation id and the name it had when scheduled.</summary>
public sealed record DropChannel(string Id, string Name);
