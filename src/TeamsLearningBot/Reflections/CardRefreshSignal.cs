namespace TeamsLearningBot.Reflections;

/// <summary>
/// Wakes this instance's refresher when a refresh it scheduled comes due, instead of at the next
/// poll. Other instances find the refresh on their next poll.
/// </summary>
public sealed class CardRefreshSignal(TimeProvider time) : IDisposable
{
    private readonly Lock gate = new();
    private readonly HashSet<ITimer> timers = [];
    private TaskCompletionSource wake = NewSource();

    public void WakeAfter(TimeSpan delay)
    {
        lock (gate)
        {
            ITimer? timer = null;
            timer = time.CreateTimer(
                _ =>
                {
                    Interlocked.Exchange(ref wake, NewSource()).TrySetResult();
                    lock (gate)
                    {
                        if (timer is not null && timers.Remove(timer))
                        {
                            timer.Dispose();
                        }
                    }
                },
                null,
                delay < TimeSpan.Zero ? TimeSpan.Zero : delay,
                Timeout.InfiniteTimeSpan);
            timers.Add(timer);
        }
    }

    /// <summary>Waits for a wake-up or for <paramref name="timeout"/>, whichever is first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref wake).Task;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(next, Task.Delay(timeout, time, stop.Token));
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var timer in timers)
            {
                timer.Dispose();
            }

            timers.Clear();
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
