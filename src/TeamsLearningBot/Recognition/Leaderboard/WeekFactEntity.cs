using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Something the weekly recognition post tells, kept under its day in the team's partition:
/// a named badge (<c>b|{day}|{event}</c>), a kudos given (<c>k|{day}|{event}</c>, no names), or a
/// card rated that day (<c>r|{day}|{card}</c>, no names).
/// </summary>
public sealed record WeekFactEntity : ITableEntity
{
    public const string BadgePrefix = "b|";
    public const string KudosPrefix = "k|";
    public const string RatedPrefix = "r|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? LearnerKey { get; set; }

    public string? Name { get; set; }

    public string? BadgeId { get; set; }

    public string? Tier { get; set; }

    /// <summary>Rated cards: the channel and root post of the card.</summary>
    public string? ChannelId { get; set; }

    public string? ActivityId { get; set; }

    public DateTimeOffset At { get; set; }
}
