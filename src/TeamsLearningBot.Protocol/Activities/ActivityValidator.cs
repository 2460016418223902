namespace TeamsLearningBot.Protocol.Activities;

/// <summary>
/// The envelope every activity must carry before any handler sees it (Activity protocol A2100–A2300:
/// id, serviceUrl, from, recipient, conversation), plus the shape of the lists handlers walk.
/// JSON binding alone lets <c>"from": {}</c> or <c>"conversation": null</c> through, and such an
/// activity can never be processed, so it is refused with a reason instead of failing later with a
/// 500 that Teams would redeliver forever.
/// </summary>
public static class ActivityValidator
{
    /// <summary>
    /// The longest id accepted. Teams' ids are well under it; longer ones only come from a broken or
    /// hostile sender, and stored as (encoded) table keys they would fail in storage with a 500.
    /// </summary>
    public const int MaxIdLength = 256;

    /// <summary>A conversation id may carry a thread suffix (<c>;messageid=…</c>) after a chat id.</summary>
    public const int MaxConversationIdLength = 512;

    public const int MaxServiceUrlLength = 2048;

    /// <summary>
    /// The longest display name accepted (a person's, the bot's, a team's, a channel's, a chat's).
    /// Teams caps them far below this; stored beside a learner or a team, a longer one could fail in
    /// storage (a table property holds at most 32K characters) with a 500.
    /// </summary>
    public const int MaxNameLength = 1024;

    /// <summary>Why the activity cannot be processed, or null when its envelope is complete.</summary>
    public static string? FindProblem(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return "The activity has no type.";
        }

        if (string.IsNullOrWhiteSpace(activity.Id))
        {
            return "The activity has no id.";
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
            || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "The activity has no serviceUrl, or it is not an absolute http(s) URL.";
        }

        if (string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            return activity.From is null ? "The activity has no from." : "The activity's from has no id.";
        }

        if (string.IsNullOrWhiteSpace(activity.Recipient?.Id))
        {
            return activity.Recipient is null ? "The activity has no recipient." : "The activity's recipient has no id.";
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            return activity.Conversation is null ? "The activity has no conversation." : "The activity's conversation has no id.";
        }

        return LengthProblem(activity)
            ?? AccountsProblem(activity.MembersAdded, "membersAdded")
            ?? AccountsProblem(activity.MembersRemoved, "membersRemoved")
            ?? ReactionsProblem(activity.ReactionsAdded, "reactionsAdded")
            ?? ReactionsProblem(activity.ReactionsRemoved, "reactionsRemoved")
            ?? EntitiesProblem(activity.Entities)
            ?? AttachmentsProblem(activity.Attachments);
    }

    private static string? LengthProblem(Activity activity)
    {
        (string? Value, string Field, int Max)[] fields =
        [
            (activity.Id, "id", MaxIdLength),
            (activity.ServiceUrl, "serviceUrl", MaxServiceUrlLength),
            (activity.From?.Id, "from.id", MaxIdLength),
            (activity.From?.AadObjectId, "from.aadObjectId", MaxIdLength),
            (activity.Recipient?.Id, "recipient.id", MaxIdLength),
            (activity.Conversation?.Id, "conversation.id", MaxConversationIdLength),
            (activity.Conversation?.TenantId, "conversation.tenantId", MaxIdLength),
            (activity.ReplyToId, "replyToId", MaxIdLength),
            (activity.ChannelData?.Tenant?.Id, "channelData.tenant.id", MaxIdLength),
            (activity.ChannelData?.Team?.Id, "channelData.team.id", MaxIdLength),
            (activity.ChannelData?.Team?.AadGroupId, "channelData.team.aadGroupId", MaxIdLength),
            (activity.ChannelData?.Channel?.Id, "channelData.channel.id", MaxIdLength),
        ];
        foreach (var (value, field, max) in fields)
        {
            if (value is { Length: var length } && length > max)
            {
                return $"The activity's {field} is longer than {max} characters.";
            }

            // Teams' ids are printable; one with a control character or half a surrogate pair
            // cannot be a table key or a Connector path (the Connector refuses it with a 400).
            if (value is not null && !IsPrintable(value))
            {
                return $"The activity's {field} holds a control character or an unpaired surrogate.";
            }
        }

        (string? Value, string Field)[] names =
        [
            (activity.From?.Name, "from.name"),
            (activity.Recipient?.Name, "recipient.name"),
            (activity.Conversation?.Name, "conversation.name"),
            (activity.ChannelData?.Team?.Name, "channelData.team.name"),
            (activity.ChannelData?.Channel?.Name, "channelData.channel.name"),
        ];
        foreach (var (value, field) in names)
        {
            if (value is { Length: > MaxNameLength })
            {
                return $"The activity's {field} is longer than {MaxNameLength} characters.";
            }
        }

        if ((activity.MembersAdded ?? []).Concat(activity.MembersRemoved ?? []).Any(a => a?.Name is { Length: > MaxNameLength }))
        {
            return $"An entry of membersAdded or membersRemoved has a name longer than {MaxNameLength} characters.";
        }

        return AccountsLengthProblem(activity.MembersAdded, "membersAdded") ?? AccountsLengthProblem(activity.MembersRemoved, "membersRemoved");
    }

    private static bool IsPrintable(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string? AccountsLengthProblem(IReadOnlyList<ChannelAccount>? accounts, string field) =>
        accounts is not null && accounts.Any(a => a?.Id is { Length: > MaxIdLength })
            ? $"An entry of {field} has an id longer than {MaxIdLength} characters."
            : null;

    private static string? AccountsProblem(IReadOnlyList<ChannelAccount>? accounts, string field)
    {
        if (accounts is null)
        {
            return null;
        }

        foreach (var account in accounts)
        {
            if (string.IsNullOrWhiteSpace(account?.Id))
            {
                return $"An entry of {field} has no id.";
            }
        }

        return null;
    }

    private static string? ReactionsProblem(IReadOnlyList<MessageReaction>? reactions, string field)
    {
        if (reactions is null)
        {
            return null;
        }

        foreach (var reaction in reactions)
        {
            if (string.IsNullOrWhiteSpace(reaction?.Type))
            {
                return $"An entry of {field} has no type.";
            }
        }

        return null;
    }

    private static string? EntitiesProblem(IReadOnlyList<Entity>? entities)
    {
        if (entities is null)
        {
            return null;
        }

        foreach (var entity in entities)
        {
            if (string.IsNullOrWhiteSpace(entity?.Type))
            {
                return "An entry of entities has no type.";
            }

            if (entity.Type == Entity.MentionType && entity.Mentioned is { } mentioned && string.IsNullOrWhiteSpace(mentioned.Id))
            {
                return "A mention has no mentioned.id.";
            }
        }

        return null;
    }

    private static string? AttachmentsProblem(IReadOnlyList<Attachment>? attachments)
    {
        if (attachments is null)
        {
            return null;
        }

        foreach (var attachment in attachments)
        {
            if (string.IsNullOrWhiteSpace(attachment?.ContentType))
            {
                return "An entry of attachments has no contentType.";
            }
        }

        return null;
    }
}
