using Cronos;

namespace TeamsLearningBot.Drops;

/// <summary>
/// When a drop runs: once at an instant, or on a cron expression read in a time zone. Cronos
/// walks wall-clock time in the zone, so a 09:00 drop stays at 09:00 across daylight-saving changes.
/// </summary>
public sealed record DropSchedule
{
    /// <summary>The instant of a one-off, or null for a recurring drop.</summary>
    public DateTimeOffset? OnceUtc { get; init; }

    /// <summary>A five-field cron expression (minute hour day month weekday), or null for a one-off.</summary>
    public string? Cron { get; init; }

    /// <summary>What people typed, normalised: <c>every monday at 09:30</c>.</summary>
    public required string Description { get; init; }

    public bool IsRecurring => Cron is not null;

    private CronExpression Expression => CronExpression.Parse(Cron!, CronFormat.Standard);

    public static DropSchedule Once(DateTimeOffset instant, string description) => new() { OnceUtc = instant.ToUniversalTime(), Description = description };

    public static DropSchedule Recurring(string cron, string description)
    {
        _ = CronExpression.Parse(cron, CronFormat.Standard);
        return new DropSchedule { Cron = cron, Description = description };
    }

    /// <summary>The first run strictly after <paramref name="after"/>, or null when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone)
    {
        if (!IsRecurring)
        {
            return OnceUtc > after ? OnceUtc : null;
        }

        return Expression.GetNextOccurrence(after.ToUniversalTime(), zone)?.ToUniversalTime();
    }

    /// <summary>
    /// The runs that fell due from <paramref name="firstDue"/> (a run) up to <paramref name="now"/>:
    /// the latest of them and how many there were. After downtime only the latest is posted.
    /// </summary>
    public (DateTimeOffset Latest, int Count) LatestDue(DateTimeOffset firstDue, DateTimeOffset now, TimeZoneInfo zone)
    {
        var latest = firstDue;
        var count = 1;
        if (!IsRecurring)
        {
            return (latest, count);
        }

        // At most one step per minute of downtime: cheap even after a long outage.
        var cron = Expression;
        while (cron.GetNextOccurrence(latest, zone) is { } next && next <= now)
        {
            latest = next.ToUniversalTime();
            count++;
        }

        return (latest, count);
    }
}
