using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>Row <c>settings</c> of a team's partition in <c>BadgeSettings</c>: what the team changed, nothing about people.</summary>
public sealed class BadgeSettingsEntity : ITableEntity
{
    public const string Row = "settings";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    /// <summary>Ids of the badges turned off, comma separated.</summary>
    public string Disabled { get; set; } = string.Empty;

    /// <summary>The team's own thresholds as JSON: <c>{"curator":[2,6,12]}</c>.</summary>
    public string Thresholds { get; set; } = "{}";

    public DateTimeOffset? ChangedAt { get; set; }

    public string? ChangedById { get; set; }
}
