using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// A posted content card: its channel and the id of the root post. Everything said about the card
/// lives in the one partition this names, so a reflection and its counts commit together.
/// </summary>
public sealed record PostKey(string ChannelId, string RootActivityId)
{
    public string Partition => TableKeys.Encode(ChannelId) + "|" + TableKeys.Encode(RootActivityId);

    public string ThreadConversationId => ThreadIds.Thread(ChannelId, RootActivityId);

    /// <summary>The card an action came from: the activity it replies to, in the thread it sits in.</summary>
    public static PostKey? OfCardAction(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channel = activity.ChannelConversationId;
        var root = activity.ReplyToId ?? activity.ThreadRootId;
        return string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(root) ? null : new PostKey(channel, root);
    }

    /// <summary>The thread a channel message was written in, when it is a reply (not a new post).</summary>
    public static PostKey? OfThreadReply(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channel = activity.ChannelConversationId;
        var root = activity.ThreadRootId;
        return string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(root) || root == activity.Id ? null : new PostKey(channel, root);
    }
}

/// <summary>One card at a time: 200 people may share on one card at once.</summary>
public sealed class PostLocks(StorageHealth health) : PartitionLocks(health)
{
    public Task<IDisposable> AcquireAsync(PostKey post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        return AcquireAsync(post.Partition, cancellationToken);
    }
}
