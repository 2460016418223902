using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// The Storage Queue <c>{prefix}-cards</c>: a delayed "refresh this card" for any instance to pick
/// up. It is what makes a card's final totals show even if the instance that took the last
/// reflection stops right after.
/// </summary>
public sealed class CardRefreshMessages(QueueServiceClient service, StorageTables tables) : WorkMessages(service, tables, "cards")
{
    public Task EnqueueAsync(PostKey post, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        return SendAsync(JsonSerializer.Serialize(new Message(post.ChannelId, post.RootActivityId)), delay, cancellationToken);
    }

    public static PostKey? Read(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return JsonSerializer.Deserialize<Message>(message.MessageText) is { C.Length: > 0, A.Length: > 0 } m ? new PostKey(m.C, m.A) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Message(string C, string A);
}
