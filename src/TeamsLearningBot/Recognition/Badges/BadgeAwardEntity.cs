using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>
/// Row <c>a|{badge}|{tier index}</c> of a learner's partition: a tier earned, once — the row is
/// added in the same transaction as the event that earned it, so a second insert cannot succeed.
/// It doubles as the outbox of the award's notifications (see <see cref="BadgeNotifier"/>).
/// <para>
/// The person's id and name are kept only for a named award and only until its notifications are
/// done; an award earned through an anonymous contribution never holds them, nor where it happened.
/// </para>
/// </summary>
public sealed class BadgeAwardEntity : ITableEntity
{
    public const string RowPrefix = "a|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string BadgeId { get; set; } = string.Empty;

    /// <summary>0 for the first tier (bronze).</summary>
    public int TierIndex { get; set; }

    /// <summary>bronze, silver, gold; null for a badge without tiers.</summary>
    public string? Tier { get; set; }

    /// <summary>The count that earned it, and the threshold it crossed.</summary>
    public int Count { get; set; }

    public int Threshold { get; set; }

    public DateTimeOffset AwardedAt { get; set; }

    /// <summary>The event that earned it (its redelivery may finish the notifications).</summary>
    public string EventId { get; set; } = string.Empty;

    public string TenantId { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public string? TeamName { get; set; }

    public string LearnerKey { get; set; } = string.Empty;

    public bool Anonymous { get; set; }

    /// <summary>Where to congratulate (null when anonymous or there is no such place).</summary>
    public string? PlaceServiceUrl { get; set; }

    public string? PlaceConversationId { get; set; }

    /// <summary>Where to open the 1:1 chat.</summary>
    public string? ServiceUrl { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>The congratulation the bot posted (so <c>forget me</c> can delete it).</summary>
    public string? CongratulationId { get; set; }

    public bool Published { get; set; }

    /// <summary>
    /// The message being sent (<see cref="BadgeNotifier.CongratulationStep"/> or <see cref="BadgeNotifier.PrivateStep"/>), written
    /// just before the send and cleared when it is recorded: a worker that finds it set took over from one that
    /// stopped in between, cannot tell whether that message arrived, and does not send it again.
    /// </summary>
    public string? Sending { get; set; }

    /// <summary>The messages (steps, comma-separated) left in doubt that way: perhaps sent, never sent again.</summary>
    public string? Unconfirmed { get; set; }

    public bool Congratulated { get; set; }

    /// <summary>Every notification is settled (sent, or not due); nothing more to do.</summary>
    public bool Done { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LeaseOwner { get; set; }

    public static string Row(string badgeId, int tierIndex) =>
        RowPrefix + badgeId + "|" + tierIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
