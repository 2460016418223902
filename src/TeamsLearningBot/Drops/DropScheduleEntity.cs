using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Drops;

/// <summary>An index row: partition <c>due</c>, row <c>{dueUtc:yyyyMMddTHHmmssZ}|{team}|{number:D8}</c>.</summary>
public sealed record DropScheduleEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public int DropNumber { get; set; }

    public DateTimeOffset DueUtc { get; set; }
}
