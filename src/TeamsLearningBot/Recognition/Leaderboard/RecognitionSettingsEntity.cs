using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Row <c>settings</c> of a team's partition in <c>Contributions</c>: the facilitators' switches and
/// the next weekly post. The weekly post is claimed by moving <see cref="NextWeeklyDueUtc"/> on under
/// this row's ETag, in one transaction with the week's post record.
/// </summary>
public sealed record RecognitionSettingsEntity : ITableEntity
{
    public const string Row = "settings";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public bool LeaderboardOff { get; set; }

    public bool WeeklyOff { get; set; }

    /// <summary>Where the weekly post goes; null for the team's General channel.</summary>
    public string? WeeklyChannelId { get; set; }

    public string? WeeklyChannelName { get; set; }

    /// <summary>When the next weekly post is due; null while no post is planned.</summary>
    public DateTimeOffset? NextWeeklyDueUtc { get; set; }
}
