namespace TeamsLearningBot.Benchmarks;

/// <summary>What one nudge fan-out run measured.</summary>
internal sealed record NudgeResult(
    int Members,
    int OptedOut,
    int Expected,
    int Nudged,
    TimeSpan Completion,
    TimeSpan FirstNudge,
    TimeSpan Bound,
    int Duplicates,
    int ToOptedOut,
    int Throttled,
    int Requests)
{
    public double Ratio => Bound == TimeSpan.Zero ? 0 : Completion / Bound;

    public int Missing => Expected - Nudged + ToOptedOut;
}
