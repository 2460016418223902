using Azure;

namespace TeamsLearningBot.Drops;

/// <summary>The record of one channel's post of one occurrence of a drop.</summary>
public sealed record Delivery
{
    public required string TeamId { get; init; }

    public required int DropNumber { get; init; }

    public required string OccurrenceId { get; init; }

    public required DateTimeOffset OccurrenceDueUtc { get; init; }

    public required string ChannelId { get; init; }

    public required string ChannelName { get; init; }

    public int ContentNumber { get; init; }

    /// <summary>The prompt and anonymity the card was posted with, so a post left unconfirmed can be confirmed from its card.</summary>
    public string? Prompt { get; init; }

    public bool Anonymous { get; init; }

    public int Collapsed { get; init; } = 1;

    public required DeliveryState State { get; init; }

    /// <summary>Why it failed or is being retried, in words for facilitators.</summary>
    public string? Reason { get; init; }

    public int Attempts { get; init; }

    /// <summary>When the current <see cref="DeliveryState.Sending"/> claim was taken.</summary>
    public DateTimeOffset? SendingSince { get; init; }

    public string? ActivityId { get; init; }

    public string? ThreadConversationId { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public ETag ETag { get; init; }

    public bool IsFinal => State is DeliveryState.Posted or DeliveryState.Unconfirmed or DeliveryState.Failed or DeliveryState.Stopped;
}

/// <summary>Where one channel's post of one occurrence stands.</summary>
public enum DeliveryState
{
    /// <summary>A worker has claimed the post and may be talking to Teams right now.</summary>
    Sending,

    /// <summary>The last attempt failed in a way that heals (429, 5xx, network); the queue brings it back.</summary>
    Retrying,

    /// <summary>Teams accepted it; the activity and thread ids are recorded.</summary>
    Posted,

    /// <summary>
    /// A worker stopped while posting, so whether Teams got it is unknown. It is not sent again:
    /// a missing post is preferred to a duplicate.
    /// </summary>
    Unconfirmed,

    /// <summary>Given up: a permanent error (bot removed, 403/404) or too many attempts.</summary>
    Failed,

    /// <summary>Not posted: the drop was cancelled or paused before its job reached this channel.</summary>
    Stopped,
}
