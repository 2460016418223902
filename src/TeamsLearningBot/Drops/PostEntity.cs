using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Drops;

/// <summary>A post as stored: partition = the channel, row = the root activity id (both key-encoded).</summary>
public sealed record PostEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ChannelId { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;

    public string ThreadConversationId { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public int DropNumber { get; set; }

    public string OccurrenceId { get; set; } = string.Empty;

    public int ContentNumber { get; set; }

    public string? Prompt { get; set; }

    public bool Anonymous { get; set; }

    public DateTimeOffset PostedAt { get; set; }
}
