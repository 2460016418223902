using System.Globalization;
using TeamsLearningBot.Protocol.Activities;

namespace TeamsLearningBot.Recognition.Kudos;

/// <summary>
/// The day a kudos counts in: the giver's own calendar day. The bot's clock decides the moment; the
/// giver's Teams client supplies only its UTC offset (<c>localTimestamp</c>), so nobody changes
/// their allowance by changing their clock. Without a local timestamp the day is the UTC day.
/// </summary>
public sealed record KudosDay(DateOnly Date, TimeSpan Offset)
{
    // Real time zones lie within UTC−12 and UTC+14; anything else is not an offset to trust.
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    /// <summary>The day as stored, <c>yyyy-MM-dd</c>.</summary>
    public string Key => Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>When the next day starts for the giver.</summary>
    public DateTimeOffset NextStart => new(Date.AddDays(1).ToDateTime(TimeOnly.MinValue), Offset);

    public static KudosDay Of(Activity activity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var offset = activity.LocalTimestamp is { Offset: var local } && local.Duration() <= MaxOffset ? local : TimeSpan.Zero;
        return new KudosDay(DateOnly.FromDateTime(now.ToOffset(offset).DateTime), offset);
    }

    /// <summary>"in 3 h 20 min", "in 45 min", "in a minute": how long until <paramref name="then"/>.</summary>
    public static string Until(DateTimeOffset now, DateTimeOffset then)
    {
        var minutes = (int)Math.Ceiling(Math.Max(0, (then - now).TotalMinutes));
        return minutes switch
        {
            <= 1 => "in a minute",
            < 60 => $"in {minutes} min",
            _ when minutes % 60 == 0 => $"in {minutes / 60} h",
            _ => $"in {minutes / 60} h {minutes % 60} min",
        };
    }
}
