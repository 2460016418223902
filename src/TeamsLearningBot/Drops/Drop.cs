using System.Globalization;
using Azure;

namespace TeamsLearningBot.Drops;

/// <summary>
/// A scheduled drop of a team: one library item (<see cref="ContentNumber"/>) or a series through a
/// tag (<see cref="Tag"/>), posted to channels on a schedule. <see cref="Id"/> is what people type (D4).
/// </summary>
public sealed record Drop
{
    public required string TeamId { get; init; }

    public required int Number { get; init; }

    public string Id => "D" + Number.ToString(CultureInfo.InvariantCulture);

    public int? ContentNumber { get; init; }

    public string? Tag { get; init; }

    public bool IsSeries => Tag is not null;

    public required IReadOnlyList<DropChannel> Channels { get; init; }

    public required DropSchedule Schedule { get; init; }

    /// <summary>An IANA zone that overrides the team's, or null to follow the team.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Reflections on this drop are shown without names.</summary>
    public bool Anonymous { get; init; }

    public DropStatus Status { get; init; } = DropStatus.Active;

    /// <summary>The next run, for which a schedule index row exists; null when none is planned.</summary>
    public DateTimeOffset? NextDueUtc { get; init; }

    /// <summary>Occurrences claimed so far; it rotates a single item's prompts.</summary>
    public int OccurrenceCount { get; init; }

    /// <summary>Items a series has posted, so each occurrence takes the next one.</summary>
    public IReadOnlyList<int> SeriesPosted { get; init; } = [];

    /// <summary>The latest occurrence, once there has been one.</summary>
    public DropOccurrence? Occurrence { get; init; }

    public string? CreatedById { get; init; }

    public string? CreatedByName { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The activity that asked for the drop; a redelivery of that activity finds this drop instead of making another.</summary>
    public string? RequestId { get; init; }

    /// <summary>The stored version, for conditional updates.</summary>
    public ETag ETag { get; init; }

    /// <summary>What the drop posts, as people type it: <c>C12</c> or <c>tag:feedback</c>.</summary>
    public string What => IsSeries ? "tag:" + Tag : "C" + ContentNumber?.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseId(string? text, out int number)
    {
        number = 0;
        var trimmed = text?.Trim() ?? string.Empty;
        return trimmed.Length > 1
            && (trimmed[0] is 'D' or 'd')
            && int.TryParse(trimmed.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }
}

/// <summary>A channel a drop posts to: its Teams conversation id and the name it had when scheduled.</summary>
public sealed record DropChannel(string Id, string Name);

public enum DropStatus
{
    Active,
    Paused,
    Cancelled,

    /// <summary>A one-off whose occurrence has been claimed.</summary>
    Completed,
}
