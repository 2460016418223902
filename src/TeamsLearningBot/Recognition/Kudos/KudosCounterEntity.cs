using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// Row <c>day</c> in the giver's partition: how many kudos they gave on their current day. One
/// row per giver, reset when the day changes; written only together with a kudos row, in one
/// ETag-checked transaction, so concurrent kudos never exceed the limit.
/// </summary>
public sealed record KudosCounterEntity : ITableEntity
{
    public const string Row = "day";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Day { get; set; } = string.Empty;

    public int Count { get; set; }
}
