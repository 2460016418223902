namespace TeamsLearningBot.Storage;

/// <summary>
/// A background job that runs an idempotent pass over storage now and then, in every instance:
/// a failed pass (a storage outage) is logged and the next one picks up where it stopped.
/// </summary>
public abstract partial class PeriodicPass(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>The pass's name in the log.</summary>
    protected virtual string Name => GetType().Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunPassAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, e, Name);
                }

                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pass} failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string pass);
}
