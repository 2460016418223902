namespace TeamsLearningBot.Protocol.Activities;

/// <summary>
/// Channel thread addressing: a thread is <c>{channelId};messageid={rootPostId}</c>.
/// </summary>
public static class ThreadIds
{
    private const string MessageIdMarker = ";messageid=";

    /// <summary>The channel part of a conversation id, without any <c>;…</c> suffix.</summary>
    public static string? ChannelOf(string? conversationId)
    {
        if (conversationId is null)
        {
            return null;
        }

        var semicolon = conversationId.IndexOf(';', StringComparison.Ordinal);
        return semicolon < 0 ? conversationId : conversationId[..semicolon];
    }

    /// <summary>The root post id of a thread conversation id, or null when it is not a thread.</summary>
    public static string? RootMessageOf(string? conversationId)
    {
        if (conversationId is null)
        {
            return null;
        }

        var index = conversationId.IndexOf(MessageIdMarker, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return null;
        }

        var root = conversationId[(index + MessageIdMarker.Length)..];
        var end = root.IndexOf(';', StringComparison.Ordinal);
        root = end < 0 ? root : root[..end];
        return root.Length == 0 ? null : root;
    }

    /// <summary>The conversation id that addresses the thread under <paramref name="rootMessageId"/>.</summary>
    public static string Thread(string channelConversationId, string rootMessageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelConversationId);
        ArgumentException.ThrowIfNullOrEmpty(rootMessageId);
        return ChannelOf(channelConversationId) + MessageIdMarker + rootMessageId;
    }
}
