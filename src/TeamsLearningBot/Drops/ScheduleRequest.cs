namespace TeamsLearningBot.Drops;

/// <summary>A parsed <c>schedule</c> command.</summary>
public sealed record ScheduleRequest
{
    /// <summary>The library item (C12), or null for a series.</summary>
    public int? ContentNumber { get; init; }

    /// <summary>The series tag (tag:feedback), or null for one item.</summary>
    public string? Tag { get; init; }

    public required IReadOnlyList<ChannelReference> Channels { get; init; }

    public required RequestedTime Time { get; init; }

    /// <summary>An IANA zone that overrides the team's for this drop.</summary>
    public string? TimeZone { get; init; }

    public bool Anonymous { get; init; }
}
