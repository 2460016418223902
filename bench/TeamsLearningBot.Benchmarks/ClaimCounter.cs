using Microsoft.Extensions.Logging;

namespace TeamsLearningBot.Benchmarks;

/// <summary>
/// Counts the scheduler's claims in one instance from its log events: occurrences it claimed, and
/// claims it lost to another instance. What the instance did, not what the benchmark guessed.
/// </summary>
internal sealed class ClaimCounter : ILoggerProvider, ILogger
{
    public const string Category = "TeamsLearningBot.Drops.DueDropProcessor";

    private int claimed;
    private int lost;

    public int Claimed => Volatile.Read(ref claimed);

    public int Lost => Volatile.Read(ref lost);

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        switch (eventId.Name)
        {
            case "LogClaimed":
                Interlocked.Increment(ref claimed);
                break;
            case "LogClaimLost":
                Interlocked.Increment(ref lost);
                break;
        }
    }

    public void Dispose()
    {
    }
}
