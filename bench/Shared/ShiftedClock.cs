namespace TeamsLearningBot.Bench;

/// <summary>
/// The system clock moved to another day: the app lives the half year being seeded as if it were
/// now, with real timers (only the reading of "now" is shifted).
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>From now on, "now" reads <paramref name="at"/> plus the time that passes.</summary>
    public void MoveTo(DateTimeOffset at) => Interlocked.Exchange(ref offsetTicks, (at - System.GetUtcNow()).Ticks);
}
