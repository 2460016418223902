using System.Globalization;

namespace TeamsLearningBot.Insights;

/// <summary>
/// Aggregates are kept per UTC week, Monday to Sunday, numbered from Monday 1 January 2001. A
/// report covers whole weeks: the weeks its period touches.
/// </summary>
public static class InsightsWeeks
{
    private static readonly DateOnly Epoch = new(2001, 1, 1);

    public static int Of(DateTimeOffset at) => Of(DateOnly.FromDateTime(at.UtcDateTime));

    public static int Of(DateOnly day) => (int)Math.Floor((day.DayNumber - Epoch.DayNumber) / 7.0);

    public static DateOnly Monday(int week) => Epoch.AddDays(week * 7);

    /// <summary>Weeks kept together where a row holds several (ledger entries, term rows): block = week / <see cref="BlockWeeks"/>.</summary>
    public const int BlockWeeks = 4;

    public static int BlockOf(int week) => week / BlockWeeks;

    public static string Key(int week) => week.ToString("D5", CultureInfo.InvariantCulture);
}
