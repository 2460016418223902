using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Looks for due drops every <see cref="DropOptions.SchedulerInterval"/> and hands them to the
/// <see cref="DueDropProcessor"/>. It waits on the <see cref="TimeProvider"/>, so tests drive it
/// with a fake clock. Safe to run in every instance: claims make each occurrence happen once.
/// </summary>
public sealed partial class DropScheduler(
    DueDropProcessor processor,
    IOptions<DropOptions> options,
    TimeProvider time,
    ILogger<DropScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SchedulerEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await processor.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Storage outage: nothing is lost (the index keeps every due row); try again next pass.
                LogPassFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.Value.SchedulerInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduler pass failed; the next pass tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
