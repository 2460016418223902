using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamsLearningBot.Protocol.Activities;

/// <summary>
/// A Bot Framework activity with the fields Teams uses. Unknown fields are kept in
/// <see cref="Extra"/> so that an activity round-trips unchanged.
/// </summary>
public sealed record Activity
{
    public required string Type { get; init; }

    public string? Id { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public DateTimeOffset? LocalTimestamp { get; init; }

    public string? LocalTimezone { get; init; }

    public string? ServiceUrl { get; init; }

    public string? ChannelId { get; init; }

    public ChannelAccount? From { get; init; }

    public ChannelAccount? Recipient { get; init; }

    public ConversationAccount? Conversation { get; init; }

    public string? Text { get; init; }

    public string? TextFormat { get; init; }

    public string? Summary { get; init; }

    public string? Locale { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public string? AttachmentLayout { get; init; }

    public IReadOnlyList<Entity>? Entities { get; init; }

    public TeamsChannelData? ChannelData { get; init; }

    public string? ReplyToId { get; init; }

    public JsonElement? Value { get; init; }

    public string? Name { get; init; }

    public string? Action { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }

    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    public IReadOnlyList<MessageReaction>? ReactionsAdded { get; init; }

    public IReadOnlyList<MessageReaction>? ReactionsRemoved { get; init; }

    public string? TopicName { get; init; }

    public string? Importance { get; init; }

    public string? DeliveryMode { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    [JsonIgnore]
    public bool IsInvoke => Type == ActivityTypes.Invoke;

    [JsonIgnore]
    public string? TenantId => ChannelData?.Tenant?.Id ?? Conversation?.TenantId;

    /// <summary>The team id, present for activities in a team's channels.</summary>
    [JsonIgnore]
    public string? TeamId => ChannelData?.Team?.Id;

    /// <summary>
    /// The channel id for channel activities, from channelData or else from the conversation id
    /// without its <c>;messageid=</c> suffix.
    /// </summary>
    [JsonIgnore]
    public string? ChannelConversationId =>
        Conversation?.ConversationType == "channel" || ChannelData?.Channel?.Id is not null
            ? ChannelData?.Channel?.Id ?? ThreadIds.ChannelOf(Conversation?.Id)
            : null;

    /// <summary>
    /// The root post id when this activity is a reply inside a channel thread, otherwise null.
    /// </summary>
    [JsonIgnore]
    public string? ThreadRootId => ThreadIds.RootMessageOf(Conversation?.Id);

    /// <summary>
    /// Builds a message that answers this activity in the same conversation (and thread), addressed
    /// from the bot to the sender.
    /// </summary>
    public Activity CreateReply(string? text = null, IReadOnlyList<Attachment>? attachments = null) => new()
    {
        Type = ActivityTypes.Message,
        From = Recipient,
        Recipient = From,
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, IsGroup = Conversation.IsGroup, ConversationType = Conversation.ConversationType, TenantId = Conversation.TenantId },
        ChannelId = ChannelId,
        Locale = Locale,
        ReplyToId = Id,
        Text = text,
        TextFormat = text is null ? null : "markdown",
        Attachments = attachments,
    };
}

/// <summary>One reaction in <c>reactionsAdded</c> / <c>reactionsRemoved</c>, e.g. <c>like</c> or <c>heart</c>.</summary>
public sealed record MessageReaction
{
    public required string Type { get; init; }
}
