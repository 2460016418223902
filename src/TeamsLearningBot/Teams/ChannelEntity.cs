using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Teams;

/// <summary>A channel of a team, kept current from channel events. Rows <c>channel|{id}</c>.</summary>
public sealed class ChannelEntity : ITableEntity
{
    public const string RowPrefix = "channel|";
    public const string GeneralName = "General";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ChannelId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public bool IsDeleted { get; set; }
}
