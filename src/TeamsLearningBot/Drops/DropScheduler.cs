using Microsoft.Extensions.Options;
using TeamsLearningBot.Storage;

namespace TeamsLearningBot.Drops;

/// <summary>
/// Looks for due drops and hands them to the <see cref="DueDropProcessor"/>: after each pass it
/// sleeps until the next due row it can see, and at most <see cref="DropOptions.SchedulerInterval"/>
/// (the longest a drop created meanwhile on another instance waits past its time); a run planned
/// on this instance that is due sooner wakes it (<see cref="DropScheduleSignal"/>). So a drop
/// planned ahead is claimed within moments of its time, not up to a whole interval later. It
/// waits on the <see cref="TimeProvider"/>, so tests drive it with a fake clock. Safe to run in every instance: claims make each occurrence happen once; after
/// a storage outage nothing is lost, since the index keeps every due row.
/// </summary>
public sealed class DropScheduler(
    DueDropProcessor processor,
    DropScheduleSignal signal,
    IOptions<DropOptions> options,
    TimeProvider time,
    ILogger<DropScheduler> logger) : PeriodicPass(time, logger)
{
    protected override bool Enabled => options.Value.SchedulerEnabled;

    private TimeSpan nextDelay;

    private Task planned = Task.CompletedTask;

    protected override TimeSpan Interval => options.Value.SchedulerInterval;

    protected override TimeSpan NextDelay => nextDelay;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        // Should the pass fail, the next one comes after the usual interval.
        nextDelay = Interval;
        planned = signal.Passing();
        var pass = await processor.RunPassAsync(cancellationToken);

        // A pass that finished drops goes again at once: rows written while it walked (behind its
        // place in the index) are due too. One that finished none sleeps, so a drop that keeps
        // failing is not retried in a loop.
        nextDelay = pass.Finished > 0 ? TimeSpan.Zero : await processor.UntilNextDueAsync(Interval, cancellationToken);
        signal.Sleeping(Clock.GetUtcNow() + nextDelay);
    }

    protected override async Task PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(planned, Task.Delay(delay, Clock, sleeping.Token));
        await sleeping.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
