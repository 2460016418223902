namespace TeamsLearningBot.Drops;

/// <summary>When a facilitator asked a drop to run: a wall-clock time once, or a cron expression.</summary>
public sealed record RequestedTime
{
    /// <summary>The one-off's date and time on the wall clock of the drop's zone.</summary>
    public DateTime? OnceLocal { get; init; }

    public string? Cron { get; init; }

    /// <summary>Normalised wording for listings: <c>every monday at 09:30</c>.</summary>
    public required string Description { get; init; }
}
