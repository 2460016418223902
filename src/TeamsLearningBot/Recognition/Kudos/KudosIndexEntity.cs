using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// Row <c>{giver}|{activity}</c> in partition <c>r|{receiver}</c>: a kudos someone received, so
/// <c>forget me</c> finds it without a scan. Keys only, no names.
/// </summary>
public sealed record KudosIndexEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string GiverKey { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;
}
