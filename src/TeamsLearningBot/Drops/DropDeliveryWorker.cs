using System.Collections.Concurrent;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Competing consumer of the drops queue, in every instance: keeps up to
/// <see cref="DropOptions.WorkerConcurrency"/> posts in flight, each handled by a
/// <see cref="DropJobProcessor"/> in its own scope. When the host stops it takes no new jobs but
/// lets the posts in flight finish, so a deploy does not leave posts in doubt.
/// </summary>
public sealed partial class DropDeliveryWorker(
    DropJobs queue,
    IServiceScopeFactory scopes,
    DropDeliverySignal signal,
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

        using var slots = new SemaphoreSlim(settings.WorkerConcurrency);
        var inFlight = new ConcurrentDictionary<Task, bool>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = signal.NextAsync();
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (free < MaxBatch && slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                var messages = await ReceiveAsync(free, settings.VisibilityTimeout, stoppingToken);
                if (free > messages.Length)
                {
                    slots.Release(free - messages.Length);
                }

                foreach (var message in messages)
                {
                    var task = RunAsync(message, slots);
                    inFlight[task] = true;
                    _ = task.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
                }

                if (messages.Length == 0)
                {
                    await IdleAsync(wake, settings.WorkerPollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: no new jobs.
        }

        await Task.WhenAll(inFlight.Keys);
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

    private async Task IdleAsync(Task wake, TimeSpan pollInterval, CancellationToken stoppingToken)
    {
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(pollInterval, time, stopDelay.Token);
        await Task.WhenAny(wake, delay);
        await stopDelay.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task RunAsync(QueueMessage message, SemaphoreSlim slots)
    {
        try
        {
            // Not the stopping token: a post that has started is let finish (see the class comment).
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DropJobProcessor>().ProcessAsync(message, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The message stays on the queue and comes back after its visibility timeout.
            LogJobFailed(logger, e, message.MessageId);
        }
        finally
        {
            slots.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from the drops queue failed")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Drop job {MessageId} failed; the queue will deliver it again")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string messageId);
}
