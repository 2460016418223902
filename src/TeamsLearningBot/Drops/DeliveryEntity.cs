using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>
/// A delivery as stored in table <c>Posts</c>: partition = the channel, row
/// <c>delivery|{team}|{drop:D8}|{inverted due ticks:D19}</c>, so a drop's newest occurrences in a
/// channel come first.
/// </summary>
public sealed record DeliveryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public int DropNumber { get; set; }

    public string OccurrenceId { get; set; } = string.Empty;

    public DateTimeOffset OccurrenceDueUtc { get; set; }

    public string ChannelId { get; set; } = string.Empty;

    public string ChannelName { get; set; } = string.Empty;

    public int ContentNumber { get; set; }

    public string? Prompt { get; set; }

    /// <summary>Null on a row written before deliveries kept the card's settings.</summary>
    public bool? Anonymous { get; set; }

    public int Collapsed { get; set; } = 1;

    public string State { get; set; } = nameof(DeliveryState.Sending);

    public string? Reason { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SendingSince { get; set; }

    public string? ActivityId { get; set; }

    public string? ThreadConversationId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public const string RowPrefix = "delivery|";

    public static string Partition(string channelId) => TableKeys.Encode(channelId);

    public static string Row(string teamId, int dropNumber, DateTimeOffset occurrenceDueUtc) =>
        DropPrefix(teamId, dropNumber) + (DateTimeOffset.MaxValue.UtcTicks - occurrenceDueUtc.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The rows of one drop in a channel share this prefix.</summary>
    public static string DropPrefix(string teamId, int dropNumber) =>
        RowPrefix + TableKeys.Encode(teamId) + "|" + dropNumber.ToString("D8", CultureInfo.InvariantCulture) + "|";

    public static DeliveryEntity From(Delivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new DeliveryEntity
        {
            PartitionKey = Partition(delivery.ChannelId),
            RowKey = Row(delivery.TeamId, delivery.DropNumber, delivery.OccurrenceDueUtc),
            ETag = delivery.ETag,
            TeamId = delivery.TeamId,
            DropNumber = delivery.DropNumber,
            OccurrenceId = delivery.OccurrenceId,
            OccurrenceDueUtc = delivery.OccurrenceDueUtc,
            ChannelId = delivery.ChannelId,
            ChannelName = delivery.ChannelName,
            ContentNumber = delivery.ContentNumber,
            Prompt = delivery.Prompt,
            Anonymous = delivery.Anonymous,
            Collapsed = delivery.Collapsed,
            State = delivery.State.ToString(),
            Reason = delivery.Reason,
            Attempts = delivery.Attempts,
            SendingSince = delivery.SendingSince,
            ActivityId = delivery.ActivityId,
            ThreadConversationId = delivery.ThreadConversationId,
            UpdatedAt = delivery.UpdatedAt,
        };
    }

    public Delivery ToDelivery() => new()
    {
        TeamId = TeamId,
        DropNumber = DropNumber,
        OccurrenceId = OccurrenceId,
        OccurrenceDueUtc = OccurrenceDueUtc,
        ChannelId = ChannelId,
        ChannelName = ChannelName,
        ContentNumber = ContentNumber,
        Prompt = Prompt,
        Anonymous = Anonymous ?? false,
        Collapsed = Collapsed,
        State = Enum.TryParse<DeliveryState>(State, out var state) ? state : DeliveryState.Failed,
        Reason = Reason,
        Attempts = Attempts,
        SendingSince = SendingSince,
        ActivityId = ActivityId,
        ThreadConversationId = ThreadConversationId,
        UpdatedAt = UpdatedAt,
        ETag = ETag,
    };
}
