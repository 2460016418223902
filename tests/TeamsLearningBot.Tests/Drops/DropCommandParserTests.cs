using TeamsLearningBot.Drops;

namespace TeamsLearningBot.Tests.Drops;

public sealed class DropCommandParserTests
{
    [Fact]
    public void One_off_at_a_date_and_time()
    {
        var request = Parse("C12 in #general at 2026-12-01 09:00");

        Assert.Equal(12, request.ContentNumber);
        Assert.Null(request.Tag);
        Assert.Equal([new ChannelReference("general")], request.Channels);
        Assert.Equal(new DateTime(2026, 12, 1, 9, 0, 0), request.Time.OnceLocal);
        Assert.Null(request.Time.Cron);
        Assert.Equal("once at 2026-12-01 09:00", request.Time.Description);
    }

    [Theory]
    [InlineData("C1 in #general every weekday at 09:00", "0 9 * * 1-5", "every weekday at 09:00")]
    [InlineData("C1 in #general every day at 8:30", "30 8 * * *", "every day at 08:30")]
    [InlineData("C1 in #general every monday at 09:30", "30 9 * * 1", "every monday at 09:30")]
    [InlineData("C1 in #general every Mondays at 9:30am", "30 9 * * 1", "every monday at 09:30")]
    [InlineData("C1 in #general every monday and thursday at 2pm", "0 14 * * 1,4", "every monday and thursday at 14:00")]
    [InlineData("C1 in #general every mon, wed, fri at 12:15", "15 12 * * 1,3,5", "every monday, wednesday and friday at 12:15")]
    [InlineData("C1 in #general every sunday at 12 am", "0 0 * * 0", "every sunday at 00:00")]
    [InlineData("C1 in #general cron \"0 9 * * 1\"", "0 9 * * 1", "cron 0 9 * * 1")]
    [InlineData("C1 in #general cron \u201C0 9 * * 1\u201D", "0 9 * * 1", "cron 0 9 * * 1")]
    [InlineData("C1 in #general cron 0 9 * * 1", "0 9 * * 1", "cron 0 9 * * 1")]
    public void Recurring_forms_become_cron_expressions(string text, string cron, string description)
    {
        var request = Parse(text);

        Assert.Equal(cron, request.Time.Cron);
        Assert.Equal(description, request.Time.Description);
        Assert.Null(request.Time.OnceLocal);
    }

    [Fact]
    public void Series_by_tag_with_anonymous_and_time_zone_flags()
    {
        var request = Parse("tag:feedback in #general every monday at 09:00 tz Europe/Paris anonymous");

        Assert.Null(request.ContentNumber);
        Assert.Equal("feedback", request.Tag);
        Assert.Equal("Europe/Paris", request.TimeZone);
        Assert.True(request.Anonymous);
    }

    [Theory]
    [InlineData("C3 in #a, #b every day at 09:00", new[] { "a", "b" })]
    [InlineData("C3 in a and B every day at 09:00", new[] { "a", "B" })]
    [InlineData("C3 in #Team Chat, general every day at 09:00", new[] { "Team Chat", "general" })]
    [InlineData("C3 in \"Team Chat\" every day at 09:00", new[] { "Team Chat" })]
    [InlineData("C3 in #\"at every\" every day at 09:00", new[] { "at every" })]
    [InlineData("C3 in <at>Design Team</at> every day at 09:00", new[] { "Design Team" })]
    [InlineData("C3 in #a, #a every day at 09:00", new[] { "a" })]
    public void Channels_by_name(string text, string[] names)
    {
        var request = Parse(text);

        Assert.Equal(names, request.Channels.Select(c => c.Name));
    }

    [Theory]
    [InlineData("C3 in here every day at 09:00")]
    [InlineData("C3 here every day at 09:00")]
    [InlineData("C3 in this channel every day at 09:00")]
    public void Here_and_this_channel_mean_the_channel_typed_in(string text)
    {
        var request = Parse(text);

        Assert.Equal([ChannelReference.Here], request.Channels);
    }

    [Fact]
    public void Here_mixes_with_named_channels()
    {
        var request = Parse("C3 in here, #random every day at 09:00");

        Assert.Equal([ChannelReference.Here, new ChannelReference("random")], request.Channels);
    }

    [Theory]
    [InlineData("", "what to post")]
    [InlineData("X12 in #general every day at 09:00", "library id like `C12`")]
    [InlineData("tag: in #general every day at 09:00", "`tag:` needs a tag")]
    [InlineData("C12 every day at 09:00", "Say where to post it")]
    [InlineData("C12 in every day at 09:00", "Name at least one channel")]
    [InlineData("C12 in #general", "Say when")]
    [InlineData("C12 in #general at 09:00", "needs a date before the time")]
    [InlineData("C12 in #general at tomorrow 09:00", "not a date I can read")]
    [InlineData("C12 in #general at 2026-12-01", "date and a 24-hour time")]
    [InlineData("C12 in #general at 2026-12-01 25:00", "not a time I can read")]
    [InlineData("C12 in #general at 2026-12-01 9:75", "not a time I can read")]
    [InlineData("C12 in #general every at 09:00", "Which days?")]
    [InlineData("C12 in #general every funday at 09:00", "not a day I know")]
    [InlineData("C12 in #general every monday", "At what time?")]
    [InlineData("C12 in #general every monday at", "At what time?")]
    [InlineData("C12 in #general every monday at noonish", "not a time I can read")]
    [InlineData("C12 in #general every monday at 13pm", "not a time I can read")]
    [InlineData("C12 in #general cron \"0 9 * *\"", "not a cron expression")]
    [InlineData("C12 in #general cron \"61 9 * * 1\"", "not a cron expression")]
    [InlineData("C12 in #general cron", "cron expression is missing")]
    [InlineData("C12 in #general every day at 09:00 every monday at 10:00", "one time only")]
    [InlineData("C12 in #general every day at 09:00 tz", "`tz` needs a time zone")]
    [InlineData("C12 in #general every day at 09:00 please", "didn't understand \u201Cplease\u201D")]
    public void Mistakes_say_what_was_wrong_and_show_the_forms(string text, string expected)
    {
        var result = DropCommandParser.ParseSchedule(text);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("schedule C12 in #channel at 2026-12-01 09:00", result.Usage);
        Assert.Contains("schedule tag:feedback in #channel every monday at 09:00", result.Usage);
    }

    [Theory]
    [InlineData("C12 now", 12, new string[0])]
    [InlineData("c7 now in #random", 7, new[] { "random" })]
    [InlineData("C7 in #random, \"Team Chat\" now", 7, new[] { "random", "Team Chat" })]
    public void Drop_now_forms(string text, int number, string[] channels)
    {
        var result = DropCommandParser.ParseDropNow(text);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(number, result.Value.ContentNumber);
        Assert.Equal(channels, result.Value.Channels.Select(c => c.Name));
    }

    [Theory]
    [InlineData("", "Which item?")]
    [InlineData("now C12", "not a library id")]
    [InlineData("C12", "add `now`")]
    [InlineData("C12 now in", "Name at least one channel")]
    [InlineData("C12 now later", "didn't understand \u201Clater\u201D")]
    public void Drop_now_mistakes(string text, string expected)
    {
        var result = DropCommandParser.ParseDropNow(text);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("drop C12 now in #channel", result.Usage);
    }

    private static ScheduleRequest Parse(string text)
    {
        var result = DropCommandParser.ParseSchedule(text);
        Assert.True(result.Succeeded, result.Error);
        return result.Value;
    }
}
