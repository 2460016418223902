namespace TeamsLearningBot.Drops;

/// <summary>The channels a command named, or why they could not all be found.</summary>
public sealed record ChannelResolution(IReadOnlyList<DropChannel> Channels, string? Error)
{
    public bool Succeeded => Error is null;
}
