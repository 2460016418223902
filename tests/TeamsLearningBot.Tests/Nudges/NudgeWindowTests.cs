using TeamsLearningBot.Nudges;

namespace TeamsLearningBot.Tests.Nudges;

public sealed class NudgeWindowTests
{
    private static readonly NudgeOptions Defaults = new();

    [Theory]
    [InlineData("2026-12-01T08:59:00Z", false)] // Tuesday 08:59 in London (GMT)
    [InlineData("2026-12-01T09:00:00Z", true)]
    [InlineData("2026-12-01T16:59:00Z", true)]
    [InlineData("2026-12-01T17:00:00Z", false)]
    [InlineData("2026-12-05T10:00:00Z", false)] // Saturday
    public void Working_hours_are_09_to_17_on_weekdays_in_the_zone(string instant, bool inside) =>
        Assert.Equal(inside, NudgeWindow.For("Europe/London", Defaults).Contains(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void After_hours_on_Friday_the_window_opens_on_Monday_morning_in_the_learner_s_zone()
    {
        var friday = new DateTimeOffset(2026, 12, 4, 17, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), NudgeWindow.For("Europe/London", Defaults).NextOpen(friday));

        // Tokyo (UTC+9, no DST): Friday 17:30 UTC is Saturday 02:30 there; Monday 09:00 JST is Monday 00:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero), NudgeWindow.For("Asia/Tokyo", Defaults).NextOpen(friday));
    }

    [Fact]
    public void Inside_the_window_it_opens_now()
    {
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(now, NudgeWindow.For("Europe/London", Defaults).NextOpen(now));
    }

    [Fact]
    public void Across_the_spring_change_09_00_local_moves_an_hour_earlier_in_UTC()
    {
        // London: clocks go forward on Sunday 29 March 2026 (01:00 GMT -> 02:00 BST).
        var window = NudgeWindow.For("Europe/London", Defaults);
        var fridayEvening = new DateTimeOffset(2026, 3, 27, 18, 0, 0, TimeSpan.Zero);
        var opens = window.NextOpen(fridayEvening);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero), opens);
        Assert.True(window.Contains(new DateTimeOffset(2026, 3, 30, 15, 59, 0, TimeSpan.Zero)));
        Assert.False(window.Contains(new DateTimeOffset(2026, 3, 30, 16, 0, 0, TimeSpan.Zero)));

        // The week before, 08:30 UTC was still before 09:00 GMT.
        Assert.False(window.Contains(new DateTimeOffset(2026, 3, 27, 8, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Across_the_autumn_change_the_window_follows_local_time()
    {
        // New York: clocks go back on Sunday 1 November 2026 (EDT UTC-4 -> EST UTC-5).
        var window = NudgeWindow.For("America/New_York", Defaults);
        Assert.True(window.Contains(new DateTimeOffset(2026, 10, 30, 13, 0, 0, TimeSpan.Zero))); // Fri 09:00 EDT
        Assert.False(window.Contains(new DateTimeOffset(2026, 11, 2, 13, 30, 0, TimeSpan.Zero))); // Mon 08:30 EST
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero), window.NextOpen(new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_start_the_clocks_skip_opens_at_the_first_minute_that_exists()
    {
        // In London on 29 March 2026 local 01:00–01:59 never happens (01:00 GMT jumps to 02:00 BST):
        // a window from 01:30 opens at 02:00 BST, 01:00 UTC.
        var options = new NudgeOptions { WorkdayStart = new TimeOnly(1, 30), WorkdayEnd = new TimeOnly(5, 0), WorkingDays = "Sunday" };
        var opens = NudgeWindow.For("Europe/London", options).NextOpen(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), opens);
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_UTC() =>
        Assert.Equal(TimeZoneInfo.Utc, NudgeWindow.For("Mars/Olympus_Mons", Defaults).Zone);

    [Fact]
    public void The_week_of_the_cap_is_the_learner_s_local_week()
    {
        // Sunday 23:30 UTC is already Monday in Tokyo: a new week there, not in London.
        var sundayNight = new DateTimeOffset(2026, 12, 6, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(NudgeWindow.For("Europe/London", Defaults).WeekOf(sundayNight) + 1, NudgeWindow.For("Asia/Tokyo", Defaults).WeekOf(sundayNight));
    }

    [Fact]
    public void Options_refuse_working_days_that_are_not_days()
    {
        var options = new NudgeOptions { WorkingDays = "Monday,Funday" };
        Assert.NotEmpty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
        Assert.Empty(Defaults.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(Defaults)));
    }
}
