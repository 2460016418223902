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

        return AccountsProblem(activity.MembersAdded, "membersAdded")
            ?? AccountsProblem(activity.MembersRemoved, "membersRemoved")
            ?? ReactionsProblem(activity.ReactionsAdded, "reactionsAdded")
            ?? ReactionsProblem(activity.ReactionsRemoved, "reactionsRemoved")
            ?? EntitiesProblem(activity.Entities)
            ?? AttachmentsProblem(activity.Attachments);
    }

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
