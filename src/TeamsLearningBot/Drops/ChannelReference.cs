namespace TeamsLearningBot.Drops;

/// <summary>A channel as typed: a name (without <c>#</c>), or "here" / "this channel" when <see cref="Name"/> is null.</summary>
public sealed record ChannelReference(string? Name)
{
    public static ChannelReference Here { get; } = new((string?)null);

    public bool IsHere => Name is null;
}
