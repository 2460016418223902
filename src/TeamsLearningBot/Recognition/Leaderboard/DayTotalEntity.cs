using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// A learner's points on one day in one team: row <c>d|{yyyyMMdd}|{learner key}|{shard}</c> of the
/// team's partition in <c>Contributions</c>. The day is the team's local date. Each learner's day
/// is split over a few shards (by event) so many events for one person at once rarely collide.
/// </summary>
public sealed record DayTotalEntity : ITableEntity
{
    public const string RowPrefix = "d|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string LearnerKey { get; set; } = string.Empty;

    /// <summary>The name the learner's latest named event carried.</summary>
    public string? Name { get; set; }

    public int Points { get; set; }

    public string Day { get; set; } = string.Empty;
}
