namespace TeamsLearningBot.Storage;

/// <summary>
/// A table or queue client whose table or queue is created on first use, once. Each attempt is
/// bounded by <paramref name="timeout"/>, and one that failed, was cancelled or ran out of time is
/// not kept: the next use starts another. A use that joined an attempt begun before it (perhaps
/// while storage was down) and saw it fail tries once more on an attempt of its own, so the first
/// request after an outage heals it rather than inheriting the outage's failure.
/// </summary>
internal sealed class CreatedOnFirstUse<T>(Func<CancellationToken, Task<T>> create, TimeSpan timeout)
{
    private readonly Lock gate = new();
    private Task<T>? attempt;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        var (current, started) = Current();
        if (current.IsCompletedSuccessfully)
        {
            return current.Result;
        }

        try
        {
            return await current.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!started && !cancellationToken.IsCancellationRequested)
        {
            return await Current().Attempt.WaitAsync(cancellationToken);
        }
    }

    private (Task<T> Attempt, bool Started) Current()
    {
        lock (gate)
        {
            if (attempt is { } existing && (!existing.IsCompleted || existing.IsCompletedSuccessfully))
            {
                return (existing, false);
            }

            attempt = AttemptAsync();
            return (attempt, true);
        }
    }

    private async Task<T> AttemptAsync()
    {
        using var limit = new CancellationTokenSource(timeout);
        return await create(limit.Token);
    }
}
