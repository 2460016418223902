using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Reflections;

namespace TeamsLearningBot.Recognition.Reactions;

/// <summary>
/// Row <c>{source}</c> in partition <c>{channel}|{message}</c>: a reflection that a Teams message
/// carries. Pointers only — channel, card and message ids, no names, no keys.
/// </summary>
public sealed record ReflectionMessageEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ChannelId { get; set; } = string.Empty;

    /// <summary>The card's root post: with <see cref="ChannelId"/>, the reflection's partition.</summary>
    public string RootActivityId { get; set; } = string.Empty;

    public string SourceId { get; set; } = string.Empty;

    [IgnoreDataMember]
    public PostKey Post => new(ChannelId, RootActivityId);
}
