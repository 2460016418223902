using TeamsLearningBot.Protocol.Activities;
using TeamsLearningBot.Recognition.Kudos;

namespace TeamsLearningBot.Tests.Recognition.Kudos;

public sealed class KudosDayTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_day_is_the_giver_s_own_from_the_offset_of_their_client()
    {
        var paris = KudosDay.Of(Sent(TimeSpan.FromHours(1)), Now);
        var newYork = KudosDay.Of(Sent(TimeSpan.FromHours(-5)), Now);

        Assert.Equal("2026-11-28", paris.Key);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 23, 0, 0, TimeSpan.Zero), paris.NextStart.ToUniversalTime());
        Assert.Equal("2026-11-27", newYork.Key);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero), newYork.NextStart.ToUniversalTime());
    }

    [Fact]
    public void Only_the_offset_is_taken_from_the_client_never_its_clock()
    {
        var activity = new Activity { Type = ActivityTypes.Message, LocalTimestamp = new DateTimeOffset(2020, 1, 1, 9, 0, 0, TimeSpan.FromHours(2)) };

        Assert.Equal("2026-11-28", KudosDay.Of(activity, Now).Key);
    }

    [Fact]
    public void Without_a_local_timestamp_the_day_is_the_UTC_day()
    {
        var day = KudosDay.Of(new Activity { Type = ActivityTypes.Message }, Now);

        Assert.Equal("2026-11-27", day.Key);
        Assert.Equal(TimeSpan.Zero, day.Offset);
    }

    [Theory]
    [InlineData(0, "in a minute")]
    [InlineData(1, "in a minute")]
    [InlineData(45, "in 45 min")]
    [InlineData(60, "in 1 h")]
    [InlineData(150, "in 2 h 30 min")]
    public void Until_reads_as_people_say_it(int minutes, string expected)
    {
        Assert.Equal(expected, KudosDay.Until(Now, Now.AddMinutes(minutes)));
    }

    private static Activity Sent(TimeSpan offset) => new() { Type = ActivityTypes.Message, LocalTimestamp = Now.ToOffset(offset) };
}
