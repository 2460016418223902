namespace TeamsLearningBot.Protocol.Activities;

public sealed record ChannelInfo
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The channel's membership: <see cref="Standard"/>, <see cref="Private"/> or <see cref="Shared"/>; absent on older payloads.</summary>
    public string? Type { get; init; }

    public const string Standard = "standard";

    /// <summary>Only some of the team's members are in it.</summary>
    public const string Private = "private";

    /// <summary>People outside the team may be in it.</summary>
    public const string Shared = "shared";
}
