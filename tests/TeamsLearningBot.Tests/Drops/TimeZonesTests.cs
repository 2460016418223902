using TeamsLearningBot.Drops;

namespace TeamsLearningBot.Tests.Drops;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("Europe/London", "Europe/London")]
    [InlineData("europe/london", "Europe/London")]
    [InlineData(" America/New_York ", "America/New_York")]
    [InlineData("UTC", "UTC")]
    [InlineData("utc", "UTC")]
    public void IANA_ids_are_found_in_any_case(string id, string expected)
    {
        Assert.True(TimeZones.TryFind(id, out var zone));
        Assert.Equal(expected, zone.Id);
    }

    [Theory]
    [InlineData("GMT Standard Time")]
    [InlineData("Paris")]
    [InlineData("CET+1")]
    [InlineData("")]
    [InlineData(null)]
    public void Windows_ids_and_made_up_names_are_refused(string? id)
    {
        Assert.False(TimeZones.TryFind(id, out _));
    }

    [Fact]
    public void A_refused_id_gets_close_matches()
    {
        var message = TimeZones.Explain("paris");

        Assert.Contains("Europe/Paris", message, StringComparison.Ordinal);
        Assert.Contains("IANA", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wall_clock_time_skipped_by_the_clocks_has_no_instant()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        Assert.Null(TimeZones.ToInstant(new DateTime(2027, 3, 28, 1, 30, 0), london));
    }

    [Fact]
    public void A_wall_clock_time_that_happens_twice_means_the_first()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        var instant = TimeZones.ToInstant(new DateTime(2027, 10, 31, 1, 30, 0), london);

        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void Descriptions_show_local_time_and_zone()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        Assert.Equal("Tue 1 Dec 2026, 09:00 (Europe/Paris)", TimeZones.Describe(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), paris));
    }
}
