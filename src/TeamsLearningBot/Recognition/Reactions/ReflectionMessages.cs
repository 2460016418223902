using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using TeamsLearningBot.Events;
using TeamsLearningBot.Reflections;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Recognition.Reactions;

/// <summary>
/// Table <c>ReflectionMessages</c>: which reflections one of the bot's thread messages carries
/// ("Alex reflected: …"). A reaction names only the message it is on; this finds the reflections
/// behind it with one bounded partition read (a message carries at most
/// <see cref="ReflectionOptions.ReflectionsPerThreadMessage"/>). A row outliving its reflection
/// (deleted, forgotten, expired) points at nothing and is removed when a reaction finds it so.
/// </summary>
public sealed class ReflectionMessages(StorageTables tables)
{
    public const string TableName = "ReflectionMessages";

    /// <summary>The stable id of a reflection, as <see cref="LearnerEvent.SubjectId"/> names it: its card partition and row.</summary>
    public static string SubjectId(PostKey post, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.Partition + "|" + ReflectionEntity.Row(sourceId);
    }

    /// <summary>Notes that the message <paramref name="messageId"/> in the card's thread carries these reflections. Idempotent.</summary>
    public async Task MapAsync(PostKey post, string messageId, IEnumerable<string> sourceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(sourceIds);
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Partition(post.ChannelId, messageId);
        foreach (var chunk in sourceIds.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            await table.SubmitTransactionAsync(
                chunk.Select(source => new TableTransactionAction(
                    TableTransactionActionType.UpsertReplace,
                    new ReflectionMessageEntity
                    {
                        PartitionKey = partition,
                        RowKey = TableKeys.Encode(source),
                        ChannelId = post.ChannelId,
                        RootActivityId = post.RootActivityId,
                        SourceId = source,
                    })),
                cancellationToken);
        }
    }

    /// <summary>The reflections a message in a channel carries; none for any other message.</summary>
    public async Task<IReadOnlyList<ReflectionMessageEntity>> FindAsync(string channelId, string messageId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        return await table.QueryAsync<ReflectionMessageEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(channelId, messageId)}"), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
    }

    public async Task RemoveAsync(ReflectionMessageEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
    }

    private static string Partition(string channelId, string messageId) => TableKeys.Encode(channelId) + "|" + TableKeys.Encode(messageId);
}

/// <summary>
/// Row <c>{source}</c> in partition <c>{channel}|{message}</c>: a reflection that a Teams message
/// carries. Pointers only — channel, card and message ids, no names, no keys.
/// </summary>
public sealed record ReflectionMessageEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string ChannelId { get; set; } = string.Empty;

    /// <summary>The card's root post: with <see cref="ChannelId"/>, the reflection's partition.</summary>
    public string RootActivityId { get; set; } = string.Empty;

    public string SourceId { get; set; } = string.Empty;

    [IgnoreDataMember]
    public PostKey Post => new(ChannelId, RootActivityId);
}
