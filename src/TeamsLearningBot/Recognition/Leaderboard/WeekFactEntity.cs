using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Something the weekly recognition post tells, kept under its day in the team's partition (of
/// <c>Insights</c>; of <c>Contributions</c> where older releases wrote it):
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

    /// <summary>The row as a commit writes it (keys are set by the commit).</summary>
    public static TableEntity ToRow(WeekFactEntity fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var row = new TableEntity { ["At"] = fact.At };
        foreach (var (name, value) in new[] { ("LearnerKey", fact.LearnerKey), ("Name", fact.Name), ("BadgeId", fact.BadgeId), ("Tier", fact.Tier), ("ChannelId", fact.ChannelId), ("ActivityId", fact.ActivityId) })
        {
            if (value is not null)
            {
                row[name] = value;
            }
        }

        return row;
    }
}
