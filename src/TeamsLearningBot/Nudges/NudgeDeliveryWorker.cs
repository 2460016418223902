using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// Competing consumer of the nudges queue, in every instance: batches of jobs, each handled by a
/// <see cref="NudgeJobProcessor"/> in its own scope, <see cref="NudgeOptions.WorkerConcurrency"/>
/// at a time. The Connector client's rate limiter paces the sends to Teams' limits; a job that
/// throws stays on the queue and comes back after its visibility timeout.
/// </summary>
public sealed partial class NudgeDeliveryWorker(
    NudgeJobs queue,
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

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                QueueMessage[] messages;
                try
                {
                    messages = await queue.ReceiveAsync(MaxBatch, settings.VisibilityTimeout, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReceiveFailed(logger, e);
                    messages = [];
                }

                if (messages.Length == 0)
                {
                    await Task.Delay(settings.WorkerPollInterval, time, stoppingToken);
                    continue;
                }

                // A send that has started is let finish (not the stopping token), so a deploy leaves none in doubt.
                await Parallel.ForEachAsync(
                    messages,
                    new ParallelOptions { MaxDegreeOfParallelism = settings.WorkerConcurrency },
                    async (message, _) => await RunAsync(message));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RunAsync(QueueMessage message)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NudgeJobProcessor>().ProcessAsync(message, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogJobFailed(logger, e, message.MessageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from the nudges queue failed")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Nudge job {MessageId} failed; the queue will deliver it again")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string messageId);
}
