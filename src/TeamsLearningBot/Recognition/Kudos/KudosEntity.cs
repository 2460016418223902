using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Learners;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// Row <c>k|{activity}</c> in the giver's partition: one kudos, keyed by the message that gave it,
/// so a redelivered message finds its row and counts once. It holds both people's identities and
/// the reason; the receivers' index rows point back to it.
/// </summary>
public sealed record KudosEntity : ITableEntity
{
    public const string RowPrefix = "k|";

    private static readonly JsonSerializerOptions ReceiversJson = new(JsonSerializerDefaults.Web);

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ActivityId { get; set; } = string.Empty;

    public string TenantId { get; set; } = string.Empty;

    /// <summary>The team, or the group chat, the kudos counts in.</summary>
    public string TeamId { get; set; } = string.Empty;

    /// <summary>Where the card is posted: the channel thread or the group chat.</summary>
    public string ConversationId { get; set; } = string.Empty;

    public string ServiceUrl { get; set; } = string.Empty;

    public string GiverKey { get; set; } = string.Empty;

    public string GiverId { get; set; } = string.Empty;

    public string? GiverAadObjectId { get; set; }

    public string? GiverName { get; set; }

    /// <summary>The receivers as JSON (<see cref="KudosPerson"/>); people who asked to be forgotten are taken out.</summary>
    public string Receivers { get; set; } = "[]";

    /// <summary>Null once every receiver asked to be forgotten: the giver's words were about them.</summary>
    public string? Reason { get; set; }

    /// <summary>The giver's day it counted in (<see cref="KudosDay.Key"/>).</summary>
    public string Day { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string State { get; set; } = nameof(KudosState.Sending);

    public DateTimeOffset? SendingAt { get; set; }

    /// <summary>The bot's kudos card, once Teams accepted it.</summary>
    public string? CardActivityId { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<KudosPerson> ReceiverList
    {
        get => JsonSerializer.Deserialize<List<KudosPerson>>(Receivers, ReceiversJson) ?? [];
        set => Receivers = JsonSerializer.Serialize(value, ReceiversJson);
    }

    [IgnoreDataMember]
    public KudosState CardState => Enum.TryParse<KudosState>(State, out var state) ? state : KudosState.Sending;

    [IgnoreDataMember]
    public KudosPerson Giver => new(GiverKey, GiverId, GiverAadObjectId, GiverName);

    public static string Row(string activityId) => RowPrefix + Storage.TableKeys.Encode(activityId);
}

/// <summary>Where a kudos' card is: being sent, sent, or to be sent again (Teams refused it, so nothing was posted).</summary>
public enum KudosState
{
    Sending,
    Posted,
    Pending,
}

/// <summary>Someone in a kudos, as stored: their learner key and their Teams identity.</summary>
public sealed record KudosPerson(string Key, string UserId, string? AadObjectId, string? Name)
{
    public LearnerIdentity Identity => new(UserId, AadObjectId, Name);
}

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
