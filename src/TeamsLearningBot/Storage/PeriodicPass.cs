namespace TeamsLearningBot.Storage;

/// <summary>
/// A background job that runs an idempotent pass over storage now and then, in every instance:
/// a failed pass (a storage outage) is logged and the next one picks up where it stopped.
/// </summary>
public abstract partial class PeriodicPass(TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract bool Enabled { get; }

    /// <summary>The clock the passes wait on.</summary>
    protected TimeProvider Clock => time;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>The pause after a pass; <see cref="Interval"/> unless the pass knows better.</summary>
    protected virtual TimeSpan NextDelay => Interval;

    /// <summary>The pause after a pass, <paramref name="delay"/> long unless the pass has a reason to wake sooner.</summary>
    protected virtual Task PauseAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, time, cancellationToken);

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

                await PauseAsync(NextDelay, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Pass} failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string pass);
}
