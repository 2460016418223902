using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace TeamsLearningBot.Storage;

/// <summary>
/// A Storage Queue <c>{prefix}-{suffix}</c> of work for any instance to pick up: messages are
/// received under a visibility timeout, deleted once handled, or hidden again to come back later.
/// Created on first use; a failed creation is retried on the next call.
/// </summary>
public abstract class WorkMessages(QueueServiceClient service, StorageTables tables, string suffix)
{
    private Task<QueueClient>? client;

    public string Name { get; } = (string.IsNullOrEmpty(tables.Prefix) ? suffix : tables.Prefix + "-" + suffix).ToLowerInvariant();

    public async Task<QueueMessage[]> ReceiveAsync(int max, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var queue = await GetAsync(cancellationToken);
        var response = await queue.ReceiveMessagesAsync(Math.Clamp(max, 1, 32), visibilityTimeout, cancellationToken);
        return response.Value;
    }

    /// <summary>Deletes a handled message. A message whose receipt went stale (redelivered meanwhile) is left to its new holder.</summary>
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
            // Gone already, or its pop receipt changed: the holder of the new receipt finds the work done.
        }
    }

    /// <summary>Hides a message again for <paramref name="delay"/>, to come back for another attempt.</summary>
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
            // Someone else holds it now; it comes back on their schedule.
        }
    }

    /// <summary>Adds a message, visible after <paramref name="delay"/> when one is given.</summary>
    protected async Task SendAsync(string text, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var queue = await GetAsync(cancellationToken);
        await queue.SendMessageAsync(text, visibilityTimeout: delay > TimeSpan.Zero ? delay : null, cancellationToken: cancellationToken);
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
}
