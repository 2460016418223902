using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// A pointer to a card's partition from one of three index partitions: a learner's cards
/// (<c>l|{key}</c>, for <c>forget me</c>), an item's cards (<c>i|{team}|{item}</c>, for listings) and
/// the cards posted on a day (<c>d|{yyyyMMdd}</c>, for retention). Row = the card's partition key.
/// </summary>
public sealed record ReflectionIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ChannelId { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;

    [IgnoreDataMember]
    public PostKey Post => new(ChannelId, ActivityId);
}
