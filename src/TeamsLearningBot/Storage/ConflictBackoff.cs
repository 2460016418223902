namespace TeamsLearningBot.Storage;

/// <summary>
/// The one policy for an optimistic write (an ETag-conditional update or a transaction) that lost
/// to another writer: wait a short random while that grows with the attempt, so writers that keep
/// meeting spread out, then read again; give up after <see cref="MaxAttempts"/>. The wait is wall
/// clock time on purpose: it paces storage calls, and a test's fake clock must not stall it.
/// </summary>
public static class ConflictBackoff
{
    public const int MaxAttempts = 100;

    /// <exception cref="InvalidOperationException"><paramref name="attempt"/> reached <see cref="MaxAttempts"/>: "<paramref name="what"/> kept changing".</exception>
    public static Task WaitAsync(int attempt, string what, CancellationToken cancellationToken, Exception? cause = null)
    {
        if (attempt >= MaxAttempts)
        {
            throw new InvalidOperationException($"{what} kept changing; gave up after {MaxAttempts} attempts.", cause);
        }

        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + (Math.Min(attempt, 10) * 5))), cancellationToken);
    }
}
