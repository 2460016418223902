using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Row <c>post</c> of a card's partition: what was posted (a snapshot of the item, so the card can
/// be rebuilt exactly as posted), the running totals, and the state of the coalesced card refresh.
/// Every change to the totals is an ETag-conditional merge of this row.
/// </summary>
public sealed record ReflectionPostEntity : ITableEntity
{
    public const string Row = "post";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public string ChannelId { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;

    public string ThreadConversationId { get; set; } = string.Empty;

    public int DropNumber { get; set; }

    public string OccurrenceId { get; set; } = string.Empty;

    public int ContentNumber { get; set; }

    /// <summary>The posted item as JSON (<see cref="Content.ContentItem"/>).</summary>
    public string ItemJson { get; set; } = "{}";

    public string? Prompt { get; set; }

    /// <summary>Learners may share without their name (the drop's flag or the team's default).</summary>
    public bool AnonymousAllowed { get; set; }

    public DateTimeOffset PostedAt { get; set; }

    /// <summary>Where the card can be updated; refreshed from each activity on the card.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// The channel's membership (standard, private, shared) as the last activity from it told;
    /// null while unknown. Listings across channels leave out private and shared channels' cards.
    /// </summary>
    public string? ChannelType { get; set; }

    public int Reflections { get; set; }

    public int Ratings { get; set; }

    public int RatingSum { get; set; }

    /// <summary>Grows with every change to the totals; the card shows <see cref="ShownVersion"/>.</summary>
    public long Version { get; set; }

    public long ShownVersion { get; set; }

    /// <summary>Set while a card refresh is queued (only the refresher clears it).</summary>
    public DateTimeOffset? RefreshScheduledAt { get; set; }

    public DateTimeOffset? LastCardUpdateAt { get; set; }

    /// <summary>The card's item and day index rows exist (written by its first refresh).</summary>
    public bool Indexed { get; set; }

    /// <summary>A refresher is at work on this card until then.</summary>
    public DateTimeOffset? RefreshLeaseUntil { get; set; }

    [IgnoreDataMember]
    public ReflectionTotals Totals => new(Reflections, Ratings, RatingSum);

    [IgnoreDataMember]
    public PostKey Key => new(ChannelId, ActivityId);
}
