using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Teams;

/// <summary>Someone who may manage the team's content and drops. Rows <c>facilitator|{user id}</c>.</summary>
public sealed class FacilitatorEntity : ITableEntity
{
    public const string RowPrefix = "facilitator|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string? AadObjectId { get; set; }

    public string? Name { get; set; }

    public string? AddedById { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
