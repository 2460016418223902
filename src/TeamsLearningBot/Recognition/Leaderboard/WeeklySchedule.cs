using TeamsLearningBot.Drops;

namespace TeamsLearningBot.Recognition.Leaderboard;

/// <summary>
/// The weekly post's calendar, in the team's time zone: when the next post is due, and which
/// seven local days a post covers. Every local day belongs to exactly one week, whatever the
/// clocks do, because weeks are counted in local dates, not in hours.
/// </summary>
public static class WeeklySchedule
{
    /// <summary>The first <paramref name="day"/> at <paramref name="localTime"/> strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset NextDue(DateTimeOffset after, TimeZoneInfo zone, DayOfWeek day, TimeSpan localTime)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = LocalDay(after, zone);
        for (var i = 0; ; i++)
        {
            var date = today.AddDays(i);
            if (date.DayOfWeek == day && At(date, localTime, zone) is var instant && instant > after)
            {
                return instant;
            }
        }
    }

    /// <summary>The seven local days before the day a post is due.</summary>
    public static (DateOnly First, DateOnly Last) CoveredBy(DateTimeOffset due, TimeZoneInfo zone)
    {
        var day = LocalDay(due, zone);
        return (day.AddDays(-7), day.AddDays(-1));
    }

    public static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }

    // A time the clocks skip (spring forward) is taken an hour later.
    private static DateTimeOffset At(DateOnly date, TimeSpan localTime, TimeZoneInfo zone)
    {
        var wallClock = date.ToDateTime(TimeOnly.MinValue) + localTime;
        return TimeZones.ToInstant(wallClock, zone) ?? TimeZones.ToInstant(wallClock.AddHours(1), zone) ?? new DateTimeOffset(wallClock, zone.BaseUtcOffset);
    }
}
