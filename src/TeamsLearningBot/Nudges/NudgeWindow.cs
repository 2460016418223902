using TeamsLearningBot.Drops;

namespace TeamsLearningBot.Nudges;

/// <summary>
/// Working hours on working days in one time zone: whether an instant falls inside them, and when
/// they next begin. Wall-clock times are turned into instants by the zone's own rules, so a window
/// on the day the clocks change opens at 09:00 local all the same.
/// </summary>
public sealed record NudgeWindow(TimeZoneInfo Zone, TimeOnly Start, TimeOnly End, IReadOnlySet<DayOfWeek> Days)
{
    public static NudgeWindow For(string? timeZone, NudgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new NudgeWindow(TimeZones.FindOrUtc(timeZone), options.WorkdayStart, options.WorkdayEnd, options.Days());
    }

    public bool Contains(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return Days.Contains(local.DayOfWeek) && time >= Start && time < End;
    }

    /// <summary><paramref name="instant"/> itself when it is inside the window, else the next time the window opens.</summary>
    public DateTimeOffset NextOpen(DateTimeOffset instant)
    {
        if (Contains(instant))
        {
            return instant;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
        for (var day = 0; day <= 14; day++)
        {
            var date = today.AddDays(day);
            if (!Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            // A start the clocks skip (spring forward at 09:00 somewhere) opens on the first minute that exists.
            var start = date.ToDateTime(Start);
            DateTimeOffset? open = null;
            for (var minutes = 0; open is null && minutes <= 180; minutes++)
            {
                open = TimeZones.ToInstant(start.AddMinutes(minutes), Zone);
            }

            if (open is { } opens && opens > instant)
            {
                return opens;
            }
        }

        throw new InvalidOperationException("A working-hours window has no working day.");
    }

    /// <summary>The week (numbered as insights numbers weeks) of the instant's local date: the unit of the weekly cap.</summary>
    public int WeekOf(DateTimeOffset instant) => Insights.InsightsWeeks.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime));
}
