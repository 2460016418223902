namespace TeamsLearningBot.Storage;

/// <summary>
/// Wakes this instance's idle workers of the queue <typeparamref name="TQueue"/> when it has just
/// queued jobs there, so a local fan-out starts at once instead of at the next poll. Other
/// instances find the jobs on their next poll.
/// </summary>
public sealed class WorkSignal<TQueue>
    where TQueue : WorkMessages
{
    private TaskCompletionSource wake = NewSource();

    public void Notify() => Interlocked.Exchange(ref wake, NewSource()).TrySetResult();

    /// <summary>Completes on the next <see cref="Notify"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref wake).Task;

    /// <summary>
    /// An idle worker's wait: until <paramref name="wake"/> (taken from <see cref="NextAsync"/>
    /// before the receive that came back empty, so a notify meanwhile is not missed) or the next poll.
    /// </summary>
    public async Task IdleAsync(Task wake, TimeSpan pollInterval, TimeProvider time, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(wake);
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(wake, Task.Delay(pollInterval, time, stopDelay.Token));
        await stopDelay.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
