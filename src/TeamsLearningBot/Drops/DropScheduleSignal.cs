namespace TeamsLearningBot.Drops;

/// <summary>
/// Wakes this instance's <see cref="DropScheduler"/> when a run is planned here (a drop created,
/// resumed or moved to a new time zone) that is due before the scheduler meant to wake up, so such
/// a drop is claimed at its time rather than up to <see cref="DropOptions.SchedulerInterval"/>
/// late. Other instances see the run at their next pass, at most one interval later.
/// </summary>
public sealed class DropScheduleSignal
{
    private TaskCompletionSource wake = NewSource();

    // When the scheduler means to wake (UTC ticks); the largest value while a pass runs, since
    // the pass may already be past a row planned meanwhile.
    private long wakeAt = long.MaxValue;

    /// <summary>A pass starts: returns what completes when a run is planned from now on.</summary>
    public Task Passing()
    {
        Volatile.Write(ref wakeAt, long.MaxValue);
        return Volatile.Read(ref wake).Task;
    }

    /// <summary>The pass is over and the scheduler sleeps until <paramref name="untilUtc"/>.</summary>
    public void Sleeping(DateTimeOffset untilUtc) => Volatile.Write(ref wakeAt, untilUtc.UtcTicks);

    /// <summary>A run at <paramref name="dueUtc"/> was planned (its index row and the drop are stored).</summary>
    public void Planned(DateTimeOffset dueUtc)
    {
        if (dueUtc.UtcTicks < Volatile.Read(ref wakeAt))
        {
            Interlocked.Exchange(ref wake, NewSource()).TrySetResult();
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
