using System.Globalization;
using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Chats;
using TeamsLearningBot.Content;
using TeamsLearningBot.Events;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// A learner's suggestion, row <c>s|{number:D8}</c> of the team's partition in <c>Suggestions</c>.
/// It carries its own progress (who was told what) so that a redelivered command or button press
/// finishes what an earlier delivery started and repeats nothing it already did.
/// </summary>
public sealed record SuggestionEntity : ITableEntity
{
    public const string RowPrefix = "s|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string TeamId { get; set; } = string.Empty;

    public int Number { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string ServiceUrl { get; set; } = string.Empty;

    /// <summary>The conversation the command came from (a channel thread or the personal chat).</summary>
    public string ConversationId { get; set; } = string.Empty;

    /// <summary>The channel, when it was suggested in one; null from a personal chat.</summary>
    public string? ChannelId { get; set; }

    /// <summary>The activity id of the <c>suggest</c> message, to recognise its redelivery.</summary>
    public string SourceActivityId { get; set; } = string.Empty;

    public string SuggesterKey { get; set; } = string.Empty;

    public string? SuggesterId { get; set; }

    public string? SuggesterAadObjectId { get; set; }

    public string? SuggesterName { get; set; }

    public string Url { get; set; } = string.Empty;

    public string Why { get; set; } = string.Empty;

    public DateTimeOffset SuggestedAt { get; set; }

    public string Status { get; set; } = nameof(SuggestionStatus.Pending);

    public string? DeciderKey { get; set; }

    public string? DecidedById { get; set; }

    public string? DecidedByName { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The button press that decided, to recognise its redelivery.</summary>
    public string? DecisionActivityId { get; set; }

    /// <summary>The facilitator's note to the suggester.</summary>
    public string? Note { get; set; }

    /// <summary>What the approving facilitator filled in (a <see cref="ContentInput"/> as JSON).</summary>
    public string? DraftJson { get; set; }

    /// <summary>The library item an approval created.</summary>
    public int? ItemNumber { get; set; }

    public string? ItemTitle { get; set; }

    /// <summary>The suggester was told in the conversation they suggested in.</summary>
    public bool Acknowledged { get; set; }

    /// <summary>Every facilitator who was to get a card got one (or could not be reached).</summary>
    public bool FacilitatorsNotified { get; set; }

    /// <summary>The facilitators' cards, <see cref="FacilitatorCard"/>s as JSON.</summary>
    public string CardsJson { get; set; } = "[]";

    /// <summary>The <see cref="LearnerEventKind.SuggestionApproved"/> event went out.</summary>
    public bool EventPublished { get; set; }

    public bool SuggesterTold { get; set; }

    public bool CardsUpdated { get; set; }

    /// <summary>The deciding facilitator got their answer.</summary>
    public bool DecisionAnswered { get; set; }

    [IgnoreDataMember]
    public string Id => SuggestionIds.Format(Number);

    [IgnoreDataMember]
    public SuggestionStatus State => Enum.TryParse<SuggestionStatus>(Status, out var status) ? status : SuggestionStatus.Pending;

    [IgnoreDataMember]
    public Uri Link => new(Url);

    [IgnoreDataMember]
    public IReadOnlyList<FacilitatorCard> Cards => JsonSerializer.Deserialize<FacilitatorCard[]>(CardsJson) ?? [];

    [IgnoreDataMember]
    public ContentInput? Draft => DraftJson is null ? null : JsonSerializer.Deserialize<ContentInput>(DraftJson);

    [IgnoreDataMember]
    public string SuggesterDisplayName => SuggesterName ?? "A teammate";

    [IgnoreDataMember]
    public string DeciderDisplayName => DecidedByName ?? "a facilitator";

    public SuggestionEntity WithCards(IEnumerable<FacilitatorCard> cards) => this with { CardsJson = JsonSerializer.Serialize(cards.ToArray()) };

    public SuggestionEntity WithDraft(ContentInput draft) => this with { DraftJson = JsonSerializer.Serialize(draft) };
}

public enum SuggestionStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>The short ids people and cards use for suggestions: <c>S3</c>, numbered per team.</summary>
public static class SuggestionIds
{
    public static string Format(int number) => "S" + number.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out int number)
    {
        number = 0;
        var trimmed = text?.Trim() ?? string.Empty;
        return trimmed.Length > 1
            && (trimmed[0] is 'S' or 's')
            && int.TryParse(trimmed.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0;
    }
}

/// <summary>
/// The decision card one facilitator was sent for a suggestion, so it can be updated once someone
/// decides. <see cref="Message"/> is null when the facilitator could not be reached. The
/// facilitator is kept as a one-way hash of their id: enough to send each card once, and nothing
/// that names them on a learner's suggestion.
/// </summary>
public sealed record FacilitatorCard(string Recipient, PersonalMessage? Message)
{
    public static FacilitatorCard For(string userId, PersonalMessage? message) => new(RecipientOf(userId), message);

    public static string RecipientOf(string userId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId.ToUpperInvariant())))[..32];
}
