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
