using TeamsLearningBot.Drops;

namespace TeamsLearningBot.Tests.Drops;

public sealed class DropScheduleTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public void A_0900_drop_in_London_stays_at_0900_when_the_clocks_go_forward()
    {
        // British Summer Time starts on Sunday 28 March 2027 at 01:00 UTC.
        var daily = DropSchedule.Recurring("0 9 * * *", "every day at 09:00");

        var runs = Runs(daily, Utc(2027, 3, 26, 12, 0), London, 4);

        Assert.Equal([Utc(2027, 3, 27, 9, 0), Utc(2027, 3, 28, 8, 0), Utc(2027, 3, 29, 8, 0), Utc(2027, 3, 30, 8, 0)], runs);
        Assert.All(runs, r => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(r, London).DateTime)));
    }

    [Fact]
    public void A_0900_drop_in_New_York_stays_at_0900_when_the_clocks_go_forward_and_back()
    {
        // Daylight time starts on Sunday 14 March 2027 and ends on Sunday 7 November 2027.
        var weekdays = DropSchedule.Recurring("0 9 * * 1-5", "every weekday at 09:00");

        var spring = Runs(weekdays, Utc(2027, 3, 11, 0, 0), NewYork, 3);
        var autumn = Runs(weekdays, Utc(2027, 11, 4, 0, 0), NewYork, 3);

        Assert.Equal([Utc(2027, 3, 11, 14, 0), Utc(2027, 3, 12, 14, 0), Utc(2027, 3, 15, 13, 0)], spring);
        Assert.Equal([Utc(2027, 11, 4, 13, 0), Utc(2027, 11, 5, 13, 0), Utc(2027, 11, 8, 14, 0)], autumn);
    }

    [Fact]
    public void The_same_cron_in_two_zones_changes_on_each_zones_own_date()
    {
        // Between 14 and 28 March 2027 New York has moved to daylight time and London has not.
        var daily = DropSchedule.Recurring("0 9 * * *", "every day at 09:00");

        Assert.Equal(Utc(2027, 3, 20, 9, 0), daily.NextAfter(Utc(2027, 3, 20, 0, 0), London));
        Assert.Equal(Utc(2027, 3, 20, 13, 0), daily.NextAfter(Utc(2027, 3, 20, 0, 0), NewYork));
    }

    [Fact]
    public void Missed_runs_collapse_into_the_latest()
    {
        var daily = DropSchedule.Recurring("0 9 * * *", "every day at 09:00");

        var (latest, count) = daily.LatestDue(Utc(2027, 1, 4, 9, 0), Utc(2027, 1, 7, 11, 30), TimeZoneInfo.Utc);

        Assert.Equal(Utc(2027, 1, 7, 9, 0), latest);
        Assert.Equal(4, count);
    }

    [Fact]
    public void A_run_on_time_is_not_collapsed()
    {
        var daily = DropSchedule.Recurring("0 9 * * *", "every day at 09:00");

        var (latest, count) = daily.LatestDue(Utc(2027, 1, 4, 9, 0), Utc(2027, 1, 4, 9, 0, 20), TimeZoneInfo.Utc);

        Assert.Equal(Utc(2027, 1, 4, 9, 0), latest);
        Assert.Equal(1, count);
    }

    [Fact]
    public void A_one_off_runs_once()
    {
        var once = DropSchedule.Once(Utc(2027, 1, 4, 9, 0), "once");

        Assert.Equal(Utc(2027, 1, 4, 9, 0), once.NextAfter(Utc(2027, 1, 1, 0, 0), London));
        Assert.Null(once.NextAfter(Utc(2027, 1, 4, 9, 0), London));
        Assert.Equal((Utc(2027, 1, 4, 9, 0), 1), once.LatestDue(Utc(2027, 1, 4, 9, 0), Utc(2027, 2, 1, 0, 0), London));
    }

    private static List<DateTimeOffset> Runs(DropSchedule schedule, DateTimeOffset from, TimeZoneInfo zone, int count)
    {
        var runs = new List<DateTimeOffset>();
        var cursor = from;
        while (runs.Count < count && schedule.NextAfter(cursor, zone) is { } next)
        {
            runs.Add(next);
            cursor = next;
        }

        return runs;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second = 0) => new(year, month, day, hour, minute, second, TimeSpan.Zero);
}
