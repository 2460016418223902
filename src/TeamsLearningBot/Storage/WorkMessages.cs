using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace TeamsLearningBot.Storage;

/// <summary>
/// A Storage Queue <c>{prefix}-{suffix}</c> of work for any instance to pick up: messages are
/// received under a visibility timeout, deleted once handled, or hidden again to come back later.
/// Created on first use; a creation that fails or hangs is given up after a bounded time and tried
/// again on the next call (<see cref="CreatedOnFirstUse{T}"/>).
/// </summary>
public abstract class WorkMessages
{
    private readonly CreatedOnFirstUse<QueueClient> client;

    protected WorkMessages(QueueServiceClient service, StorageTables tables, string suffix)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tables);
        Name = (string.IsNullOrEmpty(tables.Prefix) ? suffix : tables.Prefix + "-" + suffix).ToLowerInvariant();
        client = new CreatedOnFirstUse<QueueClient>(
            async cancellationToken =>
            {
                var queue = service.GetQueueClient(Name);
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                return queue;
            },
            tables.CreationTimeout);
    }

    public string Name { get; }

    /// <summary>
    /// The wait before a job's next try after its <paramref name="deliveries"/>th delivery failed:
    /// <paramref name="first"/>, doubling per delivery, at most <paramref name="longest"/>. Drop jobs
    /// and nudge jobs back off alike, whether Teams or storage failed them.
    /// </summary>
    public static TimeSpan BackOff(TimeSpan first, long deliveries, TimeSpan longest)
    {
        var delay = first * Math.Pow(2, Math.Clamp(deliveries - 1, 0, 20));
        return delay < longest ? delay : longest;
    }

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

    private Task<QueueClient> GetAsync(CancellationToken cancellationToken) => client.GetAsync(cancellationToken);
}
