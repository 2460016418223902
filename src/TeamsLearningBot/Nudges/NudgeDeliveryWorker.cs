using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// Competing consumer of the nudges queue, in every instance: each job handled by a
/// <see cref="NudgeJobProcessor"/> in its own scope, <see cref="NudgeOptions.WorkerConcurrency"/>
/// people at a time, with as many jobs in hand, so that neither a job's slowest person nor jobs of
/// one person leave a worker idle. The Connector client's rate limiter paces the sends to Teams' limits. A job that
/// throws (storage failing) comes back after <see cref="NudgeOptions.RetryDelay"/>, or after its
/// visibility timeout when even that cannot be said to the queue.
/// </summary>
public sealed partial class NudgeDeliveryWorker(
    NudgeJobMessages queue,
    WorkSignal<NudgeJobMessages> signal,
    IServiceScopeFactory scopes,
    IOptions<NudgeOptions> options,
    TimeProvider time,
    ILogger<NudgeDeliveryWorker> logger) : BackgroundService
{
    private const int MaxBatch = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || !settings.WorkersEnabled)
        {
            return;
        }

        // One slot per job in hand; a receive asks for as many jobs as there are free slots, so
        // the workers stay busy without a batch waiting for its slowest job. People are decided
        // WorkerConcurrency at a time, whichever jobs they came in: as many jobs in hand as that,
        // so jobs of one person (waiting for their hours, retries) still go WorkerConcurrency at once.
        var capacity = settings.WorkerConcurrency;
        using var slots = new SemaphoreSlim(capacity);
        using var people = new SemaphoreSlim(settings.WorkerConcurrency);
        var held = 0;
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

                held = free;

                QueueMessage[] messages;
                try
                {
                    messages = await queue.ReceiveAsync(free, settings.VisibilityTimeout, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReceiveFailed(logger, e);
                    messages = [];
                }

                if (free > messages.Length)
                {
                    slots.Release(free - messages.Length);
                }

                held = 0;

                foreach (var message in messages)
                {
                    // A send that has started is let finish (not the stopping token), so a deploy leaves none in doubt.
                    _ = Task.Run(
                        async () =>
                        {
                            try
                            {
                                await RunAsync(message, people);
                            }
                            finally
                            {
                                slots.Release();
                            }
                        },
                        CancellationToken.None);
                }

                if (messages.Length == 0)
                {
                    await signal.IdleAsync(wake, settings.WorkerPollInterval, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: no new jobs.
        }

        // Let the jobs in flight finish (the slots this loop held when stopped are not theirs).
        for (var i = held; i < capacity; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }
    }


    private async Task RunAsync(QueueMessage message, SemaphoreSlim people)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NudgeJobProcessor>().ProcessAsync(message, people, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogJobFailed(logger, e, message.MessageId);
            await ComeBackSoonAsync(message);
        }
    }

    /// <summary>
    /// A job that failed mid-way decides again from what storage holds (its record says what was
    /// done), so it may come back soon rather than after the whole visibility timeout.
    /// </summary>
    private async Task ComeBackSoonAsync(QueueMessage message)
    {
        try
        {
            await queue.DelayAsync(message, options.Value.BackOff(message.DequeueCount), CancellationToken.None);
        }
        catch (Exception e)
        {
            LogBackOffFailed(logger, e, message.MessageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from the nudges queue failed")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Nudge job {MessageId} failed; the queue will deliver it again")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nudge job {MessageId} could not be rescheduled; it comes back after its visibility timeout")]
    private static partial void LogBackOffFailed(ILogger logger, Exception exception, string messageId);
}
