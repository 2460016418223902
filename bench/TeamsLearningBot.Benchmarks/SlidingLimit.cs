namespace TeamsLearningBot.Benchmarks;

/// <summary>At most <paramref name="Limit"/> accepted requests in any span of <paramref name="Window"/>: Teams' rule, enforced strictly.</summary>
internal sealed class SlidingLimit(int limit, TimeSpan window)
{
    private readonly Queue<TimeSpan> accepted = new();

    public int Limit => limit;

    /// <summary>How long until one more request fits, or zero when it fits now.</summary>
    public TimeSpan WaitAt(TimeSpan now)
    {
        while (accepted.Count > 0 && now - accepted.Peek() >= window)
        {
            accepted.Dequeue();
        }

        return accepted.Count < limit ? TimeSpan.Zero : window - (now - accepted.Peek());
    }

    public void Accept(TimeSpan now) => accepted.Enqueue(now);
}
