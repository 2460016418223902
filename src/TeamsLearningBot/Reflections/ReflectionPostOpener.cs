using System.Text.Json;
using TeamsLearningBot.Content;
using TeamsLearningBot.Drops;
using TeamsLearningBot.Teams;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Opens a posted card for reflections: its partition's card row, with a snapshot of the item and
/// whether anonymous sharing is allowed. Drops open each card as they record the post (one write),
/// which keeps the lookup of the post off every reflection's path. The card's item and day index
/// rows are written by its first refresh: a card nobody reflects on needs none.
/// </summary>
public sealed partial class ReflectionPostOpener(
    ReflectionStore store,
    PostStore posts,
    ContentStore content,
    TeamStore teams,
    Insights.InsightsStore insights,
    Nudges.NudgePlanner nudges,
    ILogger<ReflectionPostOpener> logger)
{
    /// <summary>Opens the card of a drop's post. Idempotent: a second call changes nothing.</summary>
    public async Task OpenAsync(DropPost post, ContentItem item, string? serviceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(item);
        await store.OpenAsync(
            new ReflectionPostEntity
            {
                PartitionKey = new PostKey(post.ChannelId, post.ActivityId).Partition,
                TeamId = post.TeamId,
                ChannelId = post.ChannelId,
                ActivityId = post.ActivityId,
                ThreadConversationId = post.ThreadConversationId,
                DropNumber = post.DropNumber,
                OccurrenceId = post.OccurrenceId,
                ContentNumber = post.ContentNumber,
                // The card never shows who added the item, so its copy does not keep them (forget me then has nothing to find here).
                ItemJson = JsonSerializer.Serialize(item with { AddedById = null, AddedByName = null }),
                Prompt = post.Prompt,
                AnonymousAllowed = post.Anonymous,
                PostedAt = post.PostedAt,
                ServiceUrl = serviceUrl,
            },
            cancellationToken);
    }

    /// <summary>
    /// For a card whose row is missing (posted before reflections existed, or opening was
    /// interrupted): finds the drop's post and opens it. A post its worker left unconfirmed (Teams
    /// took it, the record never came) has no lookup row; an action on the card proves it is there,
    /// so with what the <paramref name="card"/> says it is confirmed first — after the notes its
    /// worker never made (insights' count of posts, the nudge plan; both idempotent), so a stop in
    /// between leaves it to the next action. Null when the thread is not a drop's.
    /// </summary>
    public async Task<ReflectionPostEntity?> FindAndOpenAsync(PostKey key, CardOrigin? card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var post = await posts.FindAsync(key.ChannelId, key.RootActivityId, cancellationToken);
        var unconfirmed = post is null && card is not null ? await posts.FindUnconfirmedAsync(key.ChannelId, key.RootActivityId, card, cancellationToken) : null;
        post ??= unconfirmed?.Post;
        if (post is null)
        {
            return null;
        }

        var item = await content.GetAsync(post.TeamId, post.ContentNumber, cancellationToken);
        if (item is null)
        {
            LogItemGone(logger, post.ContentNumber);
            return null;
        }

        var team = await teams.GetAsync(post.TeamId, cancellationToken);
        if (unconfirmed is { } pending)
        {
            await Task.WhenAll(
                insights.NotePostAsync(post.TeamId, Insights.InsightsWeeks.Of(post.PostedAt), post.ChannelId, post.ActivityId, post.ContentNumber, post.PostedAt, cancellationToken),
                team is null ? Task.CompletedTask : nudges.NotePostedAsync(post, item, team, cancellationToken));
            post = await posts.ConfirmAsync(pending.Delivery, pending.Post, cancellationToken);
            if (post is null)
            {
                return null;
            }

            LogConfirmed(logger, post.DropNumber, post.OccurrenceId);
        }

        await OpenAsync(post with { Anonymous = AllowsAnonymous(post.Anonymous, team) }, item, team?.ServiceUrl, cancellationToken);
        return await store.GetPostAsync(key, cancellationToken);
    }

    /// <summary>A drop allows anonymous reflections when it says so or when its team does by default.</summary>
    public static bool AllowsAnonymous(bool dropAnonymous, TeamEntity? team) => dropAnonymous || team?.AnonymousReflections == true;

    public static ContentItem ItemOf(ReflectionPostEntity post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return JsonSerializer.Deserialize<ContentItem>(post.ItemJson)
            ?? throw new InvalidOperationException("The card row holds no item.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drop {DropNumber} occurrence {OccurrenceId}: a post recorded unconfirmed was acted on in its channel; recorded as posted")]
    private static partial void LogConfirmed(ILogger logger, int dropNumber, string occurrenceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Item C{ContentNumber} of a posted card is gone; the card takes no reflections")]
    private static partial void LogItemGone(ILogger logger, int contentNumber);
}
