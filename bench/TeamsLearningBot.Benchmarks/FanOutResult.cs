namespace TeamsLearningBot.Benchmarks;

/// <summary>What one fan-out run measured.</summary>
internal sealed record FanOutResult(
    int Channels,
    TimeSpan Completion,
    TimeSpan FirstPost,
    int PeakPerSecond,
    int Throttled,
    int Duplicates,
    int Missing,
    IReadOnlyList<int> PostsPerSecond)
{
    /// <summary>Teams lets a bot send 50 requests a second, so this many posts take at least this long.</summary>
    public TimeSpan Minimum => TimeSpan.FromSeconds(Channels / 50.0);

    public double Ratio => Completion / Minimum;
}
