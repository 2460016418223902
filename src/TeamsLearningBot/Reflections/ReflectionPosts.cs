using System.Text.Json;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Opens a posted card for reflections: its partition's card row (with a snapshot of the item
/// and whether anonymous sharing is allowed) and its item and day index rows. Drops open each card
/// right after posting it, which keeps the lookup of the post off every reflection's path.
/// </summary>
public sealed partial class ReflectionPosts(
    ReflectionStore store,
    ReflectionIndex index,
    PostStore posts,
    ContentStore content,
    TeamStore teams,
    ILogger<ReflectionPosts> logger)
{
    /// <summary>Opens the card of a drop's post. Idempotent: a second call changes nothing.</summary>
    public async Task<ReflectionPostEntity?> OpenAsync(DropPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var item = await content.GetAsync(post.TeamId, post.ContentNumber, cancellationToken);
        if (item is null)
        {
            LogItemGone(logger, post.ContentNumber);
            return null;
        }

        var team = await teams.GetAsync(post.TeamId, cancellationToken);
        var key = new PostKey(post.ChannelId, post.ActivityId);
        var entity = new ReflectionPostEntity
        {
            PartitionKey = key.Partition,
            TeamId = post.TeamId,
            ChannelId = post.ChannelId,
            ActivityId = post.ActivityId,
            ThreadConversationId = post.ThreadConversationId,
            DropNumber = post.DropNumber,
            OccurrenceId = post.OccurrenceId,
            ContentNumber = post.ContentNumber,
            ItemJson = JsonSerializer.Serialize(item),
            Prompt = post.Prompt,
            AnonymousAllowed = AllowsAnonymous(post.Anonymous, team),
            PostedAt = post.PostedAt,
            ServiceUrl = team?.ServiceUrl,
        };

        // Index first: an index row without its card is harmless, a card missing from the index is not.
        await index.AddPostAsync(post.TeamId, post.ContentNumber, post.PostedAt, key, cancellationToken);
        await store.OpenAsync(entity, cancellationToken);
        return await store.GetPostAsync(key, cancellationToken);
    }

    /// <summary>
    /// For a card whose row is missing (posted before reflections existed, or opening was
    /// interrupted): finds the drop's post and opens it. Null when the thread is not a drop's.
    /// </summary>
    public async Task<ReflectionPostEntity?> FindAndOpenAsync(PostKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var post = await posts.FindAsync(key.ChannelId, key.RootActivityId, cancellationToken);
        return post is null ? null : await OpenAsync(post, cancellationToken);
    }

    /// <summary>A drop allows anonymous reflections when it says so or when its team does by default.</summary>
    public static bool AllowsAnonymous(bool dropAnonymous, TeamEntity? team) => dropAnonymous || team?.AnonymousReflections == true;

    public static ContentItem ItemOf(ReflectionPostEntity post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return JsonSerializer.Deserialize<ContentItem>(post.ItemJson)
            ?? throw new InvalidOperationException("The card row holds no item.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Item C{ContentNumber} of a posted card is gone; the card takes no reflections")]
    private static partial void LogItemGone(ILogger logger, int contentNumber);
}
