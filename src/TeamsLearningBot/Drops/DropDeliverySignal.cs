namespace TeamsLearningBot.Drops;

/// <summary>
/// Wakes this instance's idle workers when it has just queued jobs, so a local fan-out starts at
/// once instead of at the next poll. Other instances find the jobs on their next poll.
/// </summary>
public sealed class DropDeliverySignal
{
    private TaskCompletionSource wake = NewSource();

    public void Notify() => Interlocked.Exchange(ref wake, NewSource()).TrySetResult();

    /// <summary>Completes on the next <see cref="Notify"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref wake).Task;

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
