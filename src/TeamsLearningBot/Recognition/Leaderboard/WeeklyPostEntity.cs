using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Row <c>week|{first day}</c> of a team's partition: the one weekly post of the week that starts
/// on that (local) day. Inserted only by the claim, so two instances can never both post a week.
/// </summary>
public sealed record WeeklyPostEntity : ITableEntity
{
    public const string RowPrefix = "week|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string State { get; set; } = nameof(WeeklyPostState.Sending);

    public DateTimeOffset ClaimedAt { get; set; }

    public DateTimeOffset DueUtc { get; set; }

    public string? ChannelId { get; set; }

    public string? ActivityId { get; set; }

    public string? Reason { get; set; }

    [IgnoreDataMember]
    public WeeklyPostState Status => Enum.TryParse<WeeklyPostState>(State, out var state) ? state : WeeklyPostState.Sending;
}

public enum WeeklyPostState
{
    /// <summary>Claimed by an instance that is posting it.</summary>
    Sending,

    Posted,

    /// <summary>The week had nothing to tell: nothing was posted.</summary>
    Empty,

    /// <summary>Teams refused the post for good (the bot removed from the channel, say).</summary>
    Failed,
}
