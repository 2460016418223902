using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Reflections;

/// <summary>Runs the retention purge now and then, in every instance (a pass is idempotent).</summary>
public sealed partial class ReflectionRetention(
    ReflectionPurge purge,
    IOptions<ReflectionOptions> options,
    TimeProvider time,
    ILogger<ReflectionRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RetentionEnabled)
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

                await Task.Delay(options.Value.RetentionInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
