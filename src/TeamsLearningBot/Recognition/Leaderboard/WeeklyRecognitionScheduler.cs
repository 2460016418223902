using Microsoft.Extensions.Options;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// Looks for due weekly recognition posts every <see cref="WeeklyRecognitionOptions.SchedulerInterval"/>.
/// It waits on the <see cref="TimeProvider"/>, so tests drive it with a fake clock. Safe to run in
/// every instance: claims make each week's post happen once.
/// </summary>
public sealed partial class WeeklyRecognitionScheduler(
    WeeklyRecognitionProcessor processor,
    IOptions<WeeklyRecognitionOptions> options,
    TimeProvider time,
    ILogger<WeeklyRecognitionScheduler> logger) : BackgroundService
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
                // Storage outage: the due index keeps every post; try again next pass.
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

    [LoggerMessage(Level = LogLevel.Error, Message = "A weekly recognition pass failed; the next pass tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
