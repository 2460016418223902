namespace TeamsLearningBot.Reflections;

/// <summary>Whether a card's refresh is done, or should run again after <see cref="RetryAfter"/>.</summary>
public sealed record RefreshResult(TimeSpan? RetryAfter)
{
    public static RefreshResult Done { get; } = new((TimeSpan?)null);

    public static RefreshResult Later(TimeSpan delay) => new(delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay);
}
