using Azure;
using Azure.Data.Tables;

namespace TeamsLearningBot.Drops;

/// <summary>A post's lookup row in table <c>Posts</c>: partition = the channel, row <c>post|{root activity id}</c>.</summary>
public sealed record PostEntity : ITableEntity
{
    public const string RowPrefix = "post|";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ChannelId { get; set; } = string.Empty;

    public string ActivityId { get; set; } = string.Empty;

    public string ThreadConversationId { get; set; } = string.Empty;

    public string TeamId { get; set; } = string.Empty;

    public int DropNumber { get; set; }

    public string OccurrenceId { get; set; } = string.Empty;

    public int ContentNumber { get; set; }

    public string? Prompt { get; set; }

    public bool Anonymous { get; set; }

    public DateTimeOffset PostedAt { get; set; }

    public static string Row(string activityId) => RowPrefix + Storage.TableKeys.Encode(activityId);

    public static PostEntity From(DropPost post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new PostEntity
        {
            PartitionKey = DeliveryEntity.Partition(post.ChannelId),
            RowKey = Row(post.ActivityId),
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
        };
    }

    public DropPost ToPost() => new()
    {
        ChannelId = ChannelId,
        ActivityId = ActivityId,
        ThreadConversationId = ThreadConversationId,
        TeamId = TeamId,
        DropNumber = DropNumber,
        OccurrenceId = OccurrenceId,
        ContentNumber = ContentNumber,
        Prompt = Prompt,
        Anonymous = Anonymous,
        PostedAt = PostedAt,
    };
}
