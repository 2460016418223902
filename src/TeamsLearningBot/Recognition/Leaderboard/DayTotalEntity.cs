using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// A learner's points on one day in one team: row <c>d|{yyyyMMdd}|{learner key}|{shard}</c> of the
/// team's partition in <c>Insights</c> (shard 0), or in <c>Contributions</c> where older releases
/// wrote it (split over a few shards under contention; still read and erased). The day is the
/// team's local date; a learner's points on a day are the sum of their rows of the day.
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

    /// <summary>A day row (as stored, or null when absent) with <paramref name="points"/> more, named with the latest name.</summary>
    public static TableEntity Add(TableEntity? row, string learnerKey, DateOnly day, int points, string? name)
    {
        var next = row ?? new TableEntity { ["LearnerKey"] = learnerKey, ["Day"] = ContributionStore.DayKey(day), ["Points"] = 0 };
        next["Points"] = (next.GetInt32("Points") ?? 0) + points;
        if (name is not null)
        {
            next["Name"] = name;
        }

        return next;
    }
}
