using System.Threading.Channels;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Competing consumer of the drops queue, in every instance: <see cref="DropOptions.WorkerConcurrency"/>
/// posts in flight, each handled by a <see cref="DropJobProcessor"/> in its own scope. Messages are
/// received in batches into a small local buffer (as many as there are workers), refilled when it
/// is half empty, so the queue sees one receive per several posts rather than one per post.
/// When the host stops, posts in flight finish (so a deploy leaves no post in doubt) and buffered
/// messages are handed straight back to the queue for the other instances.
/// </summary>
public sealed partial class DropDeliveryWorker(
    DropJobMessages queue,
    IServiceScopeFactory scopes,
    WorkSignal<DropJobMessages> signal,
    IOptions<DropOptions> options,
    TimeProvider time,
    ILogger<DropDeliveryWorker> logger) : BackgroundService
{
    private const int MaxBatch = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WorkersEnabled)
        {
            return;
        }

        var capacity = settings.WorkerConcurrency;
        var buffer = Channel.CreateBounded<QueueMessage>(new BoundedChannelOptions(capacity) { SingleWriter = true });
        using var drained = new SemaphoreSlim(0);
        var workers = Enumerable.Range(0, capacity).Select(_ => WorkAsync(buffer.Reader, drained, capacity, stoppingToken)).ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = signal.NextAsync();
                var room = capacity - buffer.Reader.Count;
                var messages = room < Math.Max(1, capacity / 2) ? [] : await ReceiveAsync(Math.Min(room, MaxBatch), settings.VisibilityTimeout, stoppingToken);
                foreach (var message in messages)
                {
                    // There is room: this is the only writer and it asked for no more than the room.
                    buffer.Writer.TryWrite(message);
                }

                if (messages.Length > 0 || room < Math.Max(1, capacity / 2))
                {
                    // Wait until the workers have taken half the buffer, then fill it again.
                    await drained.WaitAsync(stoppingToken);
                }
                else
                {
                    await signal.IdleAsync(wake, settings.WorkerPollInterval, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: no new jobs.
        }

        buffer.Writer.TryComplete();
        await Task.WhenAll(workers);
        while (buffer.Reader.TryRead(out var unstarted))
        {
            await queue.DelayAsync(unstarted, TimeSpan.Zero, CancellationToken.None);
        }
    }

    private async Task WorkAsync(ChannelReader<QueueMessage> buffer, SemaphoreSlim drained, int capacity, CancellationToken stoppingToken)
    {
        try
        {
            while (await buffer.WaitToReadAsync(stoppingToken))
            {
                if (stoppingToken.IsCancellationRequested || !buffer.TryRead(out var message))
                {
                    continue;
                }

                if (buffer.Count <= capacity / 2)
                {
                    drained.Release();
                }

                await RunAsync(message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still buffered goes back to the queue.
        }
    }

    private async Task<QueueMessage[]> ReceiveAsync(int max, TimeSpan visibilityTimeout, CancellationToken stoppingToken)
    {
        try
        {
            return await queue.ReceiveAsync(max, visibilityTimeout, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Queue outage: the jobs wait in the queue; poll again after the usual pause.
            LogReceiveFailed(logger, e);
            return [];
        }
    }


    private async Task RunAsync(QueueMessage message)
    {
        try
        {
            // Not the stopping token: a post that has started is let finish (see the class comment).
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DropJobProcessor>().ProcessAsync(message, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogJobFailed(logger, e, message.MessageId);
            await ComeBackSoonAsync(message);
        }
    }

    /// <summary>
    /// A job that failed mid-way (storage failing) decides again from its delivery row, which says
    /// what was done (a post in doubt waits out its claim and is never sent twice), so it comes back
    /// after the same back-off as a post Teams refused — never later than its visibility timeout.
    /// </summary>
    private async Task ComeBackSoonAsync(QueueMessage message)
    {
        var settings = options.Value;
        var delay = settings.BackOff(message.DequeueCount);
        try
        {
            await queue.DelayAsync(message, delay < settings.VisibilityTimeout ? delay : settings.VisibilityTimeout, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogBackOffFailed(logger, e, message.MessageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from the drops queue failed")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Drop job {MessageId} failed; the queue will deliver it again")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop job {MessageId} could not be rescheduled; it comes back after its visibility timeout")]
    private static partial void LogBackOffFailed(ILogger logger, Exception exception, string messageId);
}
