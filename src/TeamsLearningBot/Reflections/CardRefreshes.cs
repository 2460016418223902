using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// The Storage Queue <c>{prefix}-cards</c>: a delayed "refresh this card" for any instance to pick
/// up. It is what makes a card's final totals show even if the instance that took the last
/// reflection stops right after.
/// </summary>
public sealed class CardRefreshes(QueueServiceClient service, StorageTables tables)
{
    private Task<QueueClient>? client;

    public string Name { get; } = (string.IsNullOrEmpty(tables.Prefix) ? "cards" : tables.Prefix + "-cards").ToLowerInvariant();

    public async Task EnqueueAsync(PostKey post, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var queue = await GetAsync(cancellationToken);
        var text = JsonSerializer.Serialize(new Message(post.ChannelId, post.RootActivityId));
        await queue.SendMessageAsync(text, visibilityTimeout: delay > TimeSpan.Zero ? delay : null, cancellationToken: cancellationToken);
    }

    public async Task<QueueMessage[]> ReceiveAsync(int max, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var queue = await GetAsync(cancellationToken);
        return (await queue.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), visibilityTimeout, cancellationToken)).Value;
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

    public async Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = await GetAsync(cancellationToken);
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Gone already, or redelivered meanwhile: its new holder finds nothing left to do.
        }
    }

    /// <summary>Hides a message again until the card may be updated.</summary>
    public async Task DelayAsync(QueueMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = await GetAsync(cancellationToken);
        try
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
        }
    }

    private async Task<QueueClient> GetAsync(CancellationToken cancellationToken)
    {
        var current = client ??= CreateAsync();
        try
        {
            return await current.WaitAsync(cancellationToken);
        }
        catch when (current.IsFaulted)
        {
            _ = Interlocked.CompareExchange(ref client, null, current);
            throw;
        }
    }

    private async Task<QueueClient> CreateAsync()
    {
        var queue = service.GetQueueClient(Name);
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private sealed record Message(string C, string A);
}
