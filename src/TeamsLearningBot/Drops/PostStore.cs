using Azure.Data.Tables;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Table <c>Posts</c>: the content cards the bot posted, found by (channel, root activity id) —
/// exactly what a reply in a drop's thread tells about itself.
/// </summary>
public sealed class PostStore(StorageTables tables)
{
    public const string TableName = "Posts";

    /// <summary>Records a post. Idempotent: the same post recorded twice is one row.</summary>
    public async Task RecordAsync(DropPost post, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(
            new PostEntity
            {
                PartitionKey = TableKeys.Encode(post.ChannelId),
                RowKey = TableKeys.Encode(post.ActivityId),
                ChannelId = post.ChannelId,
                ActivityId = post.ActivityId,
                ThreadConversationId = post.ThreadConversationId,
                TeamId = post.TeamId,
                DropNumber = post.DropNumber,
                OccurrenceId = post.OccurrenceId,
                ContentNumber = post.ContentNumber,
                Prompt = post.Prompt,
                Anonymous = post.Anonymous,
                PostedAt = post.PostedAt,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    /// <summary>The post that started the thread rooted at <paramref name="rootActivityId"/> in a channel, if the bot posted it.</summary>
    public async Task<DropPost?> FindAsync(string channelId, string rootActivityId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var response = await table.GetEntityIfExistsAsync<PostEntity>(TableKeys.Encode(channelId), TableKeys.Encode(rootActivityId), cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var e = response.Value!;
        return new DropPost
        {
            ChannelId = e.ChannelId,
            ActivityId = e.ActivityId,
            ThreadConversationId = e.ThreadConversationId,
            TeamId = e.TeamId,
            DropNumber = e.DropNumber,
            OccurrenceId = e.OccurrenceId,
            ContentNumber = e.ContentNumber,
            Prompt = e.Prompt,
            Anonymous = e.Anonymous,
            PostedAt = e.PostedAt,
        };
    }
}
