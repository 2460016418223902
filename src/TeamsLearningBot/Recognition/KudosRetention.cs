using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Recognition;

/// <summary>Runs the kudos retention purge now and then, in every instance (a pass is idempotent).</summary>
public sealed partial class KudosRetention(
    KudosPurge purge,
    IOptions<KudosOptions> options,
    TimeProvider time,
    ILogger<KudosRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.KudosRetentionEnabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await purge.PurgeAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Storage outage: the next pass picks up where this one stopped.
                    LogFailed(logger, e);
                }

                await Task.Delay(options.Value.KudosRetentionInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kudos retention pass failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
