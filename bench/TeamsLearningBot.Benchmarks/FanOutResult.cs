namespace TeamsLearningBot.Benchmarks;

/// <summary>What one fan-out run measured.</summary>
internal sealed record FanOutResult(
    int Channels,
    int Drops,
    TimeSpan Completion,
    TimeSpan FirstPost,
    int PeakPerSecond,
    int Throttled,
    int Duplicates,
    int Missing,
    IReadOnlyList<int> PostsPerSecond,
    bool CreatedLate)
{
    /// <summary>Teams lets a bot send 50 requests a second, so this many posts take at least this long.</summary>
    public TimeSpan Minimum => TimeSpan.FromSeconds(Channels / 50.0);

    public double Ratio => Completion / Minimum;

    /// <summary>The longest time between two posts Teams accepted, and when it began (after the due time).</summary>
    public TimeSpan LongestGap { get; init; }

    public TimeSpan LongestGapAt { get; init; }

    /// <summary>Storage requests of this process that took longer than a second, and the slowest.</summary>
    public int SlowStorage { get; init; }

    public TimeSpan SlowestStorage { get; init; }

    /// <summary>Storage requests of this process under way during the longest gap, by kind, with the longest of each.</summary>
    public string StorageDuringGap { get; init; } = string.Empty;

    /// <summary>Drops whose row does not say exactly one occurrence ran (each one-off must be claimed once).</summary>
    public int DropsNotClaimedOnce { get; init; }

    /// <summary>Per instance (this process first): occurrences it claimed, and claims it lost to another instance.</summary>
    public IReadOnlyList<(int Claimed, int Lost)> ClaimsPerInstance { get; init; } = [];

    /// <summary>The due time of every drop.</summary>
    public DateTimeOffset DueAt { get; init; }
}
