using System.Globalization;

namespace TeamsLearningBot.Drops;

/// <summary>One run of a drop, as claimed by a scheduler: what it posts, where, and how far its fan-out got.</summary>
public sealed record DropOccurrence
{
    /// <summary>The due instant in UTC, <c>yyyyMMddTHHmmssZ</c>; with the drop and the channel it names a delivery.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset DueUtc { get; init; }

    /// <summary>The schedule index row that triggered the claim; removed once the fan-out is done.</summary>
    public required DateTimeOffset IndexDueUtc { get; init; }

    /// <summary>1 for the first occurrence of the drop, 2 for the second, …</summary>
    public required int Sequence { get; init; }

    public int? ContentNumber { get; init; }

    public string? Prompt { get; init; }

    public required IReadOnlyList<DropChannel> Channels { get; init; }

    /// <summary>How many due runs this one stands for: more than 1 after downtime (the rest were not posted).</summary>
    public int Collapsed { get; init; } = 1;

    /// <summary>Why nothing was posted, when <see cref="FanOut"/> is <see cref="FanOutState.Skipped"/>.</summary>
    public string? Note { get; init; }

    public required FanOutState FanOut { get; init; }

    /// <summary>When a scheduler last took on the fan-out; a stale one is taken over.</summary>
    public required DateTimeOffset ClaimedAt { get; init; }

    public static string IdFor(DateTimeOffset dueUtc) =>
        dueUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Where an occurrence is between its claim and the queue.</summary>
public enum FanOutState
{
    /// <summary>Claimed; its jobs may not all be on the queue yet. A scheduler finishes it.</summary>
    Pending,

    /// <summary>Every channel's job is on the queue.</summary>
    Done,

    /// <summary>Nothing to post (e.g. a series ran out of items); see the occurrence's note.</summary>
    Skipped,
}
