using TeamsLearningBot.Drops;
using TeamsLearningBot.Recognition.Leaderboard;

namespace TeamsLearningBot.Tests.Recognition.Leaderboard;

public sealed class WeeklyScheduleTests
{
    private static readonly TimeSpan Nine = TimeSpan.FromHours(9);

    [Theory]
    [InlineData("Europe/London", "2026-03-25T12:00:00Z", "2026-03-30T08:00:00Z")]
    [InlineData("Europe/London", "2026-10-21T12:00:00Z", "2026-10-26T09:00:00Z")]
    [InlineData("America/New_York", "2026-03-04T12:00:00Z", "2026-03-09T13:00:00Z")]
    [InlineData("Asia/Kolkata", "2026-03-02T03:30:00Z", "2026-03-09T03:30:00Z")]
    [InlineData("Asia/Kolkata", "2026-03-02T03:29:59Z", "2026-03-02T03:30:00Z")]
    [InlineData("Pacific/Auckland", "2026-04-01T00:00:00Z", "2026-04-05T21:00:00Z")]
    [InlineData("UTC", "2026-03-01T23:59:59Z", "2026-03-02T09:00:00Z")]
    public void The_next_post_is_the_next_monday_at_nine_in_the_team_zone(string zone, string now, string expected)
    {
        Assert.True(TimeZones.TryFind(zone, out var tz));

        var due = WeeklySchedule.NextDue(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), tz, DayOfWeek.Monday, Nine);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void A_post_covers_the_seven_local_days_before_it()
    {
        Assert.True(TimeZones.TryFind("Pacific/Auckland", out var zone));

        // Monday 6 April 2026, 09:00 in Auckland is Sunday 5 April, 21:00 UTC.
        var (first, last) = WeeklySchedule.CoveredBy(new DateTimeOffset(2026, 4, 5, 21, 0, 0, TimeSpan.Zero), zone);

        Assert.Equal(new DateOnly(2026, 3, 30), first);
        Assert.Equal(new DateOnly(2026, 4, 5), last);
    }

    [Fact]
    public void A_time_the_clocks_skip_is_taken_an_hour_later()
    {
        Assert.True(TimeZones.TryFind("Europe/London", out var zone));

        // 01:30 does not exist in London on Sunday 29 March 2026.
        var due = WeeklySchedule.NextDue(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), zone, DayOfWeek.Sunday, TimeSpan.FromMinutes(90));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), due);
    }
}
