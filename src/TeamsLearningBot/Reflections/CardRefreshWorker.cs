using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Competing consumer of the card refresh queue, in every instance. A message is deleted only
/// once its card is up to date; otherwise it is hidden until the card may change again, and if
/// this instance stops mid-refresh the message simply comes back.
/// </summary>
public sealed partial class CardRefreshWorker(
    CardRefreshMessages queue,
    CardRefreshSignal signal,
    IServiceScopeFactory scopes,
    IOptions<ReflectionOptions> options,
    ILogger<CardRefreshWorker> logger) : BackgroundService
{
    private const int Batch = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RefreshWorkerEnabled)
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
                    messages = await queue.ReceiveAsync(Batch, settings.RefreshLease, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Queue outage: the refreshes wait in the queue.
                    LogReceiveFailed(logger, e);
                    messages = [];
                }

                if (messages.Length == 0)
                {
                    await signal.WaitAsync(settings.RefreshPollInterval, stoppingToken);
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                var refresher = scope.ServiceProvider.GetRequiredService<CardRefresher>();
                await Task.WhenAll(messages.Select(m => RunAsync(refresher, m, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; unfinished refreshes come back from the queue.
        }
    }

    private async Task RunAsync(CardRefresher refresher, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            if (CardRefreshMessages.Read(message) is not { } key)
            {
                await queue.DeleteAsync(message, stoppingToken);
                return;
            }

            var result = await refresher.RefreshAsync(key, stoppingToken);
            if (result.RetryAfter is { } delay)
            {
                await queue.DelayAsync(message, delay, stoppingToken);
                signal.WakeAfter(delay);
            }
            else
            {
                await queue.DeleteAsync(message, stoppingToken);
            }
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogRefreshFailed(logger, e, message.MessageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from the card refresh queue failed")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Card refresh {MessageId} failed; the queue will deliver it again")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string messageId);
}
