namespace TeamsLearningBot.Insights;

/// <summary>
/// A count of people, or nothing when it is below the privacy floor: <see cref="Count"/> and
/// <see cref="Percent"/> are then null and the figure reads "fewer than N".
/// </summary>
public sealed record GroupFigure(int? Count, double? Percent, int Floor)
{
    public bool Suppressed => Count is null;

    public static GroupFigure Of(int count, int total, int floor) =>
        count < floor ? new GroupFigure(null, null, floor) : new GroupFigure(count, total == 0 ? 0 : 100.0 * count / total, floor);

    public string Describe() => Count is { } n ? $"{n} ({Percent:0}%)" : $"fewer than {Floor}";
}
