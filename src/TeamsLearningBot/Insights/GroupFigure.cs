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

    /// <summary>
    /// Figures for the parts of one whole whose size is shown (the tiers of a team's members). Each
    /// part below the floor is suppressed, and while the suppressed parts come to fewer than the
    /// floor together (but more than nobody), the smallest part still shown is suppressed too: the
    /// whole minus the shown parts never gives away a group of fewer than <paramref name="floor"/>.
    /// </summary>
    public static IReadOnlyList<GroupFigure> OfParts(IReadOnlyList<int> parts, int whole, int floor)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var hidden = parts.Select(n => n < floor).ToArray();
        while (true)
        {
            var hiddenSum = parts.Where((_, i) => hidden[i]).Sum();
            var smallestShown = Enumerable.Range(0, parts.Count).Where(i => !hidden[i]).OrderBy(i => parts[i]).Cast<int?>().FirstOrDefault();
            if (hiddenSum == 0 || hiddenSum >= floor || smallestShown is not { } next)
            {
                break;
            }

            hidden[next] = true;
        }

        return [.. parts.Select((n, i) => hidden[i] ? new GroupFigure(null, null, floor) : Of(n, whole, floor))];
    }

    public string Describe() => Count is { } n ? $"{n} ({Percent:0}%)" : $"fewer than {Floor}";
}
