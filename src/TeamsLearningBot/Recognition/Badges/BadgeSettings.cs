namespace TeamsLearningBot.Recognition.Badges;

/// <summary>One team's changes to the catalogue: badges turned off and thresholds of its own.</summary>
public sealed record BadgeSettings
{
    public static readonly BadgeSettings Defaults = new();

    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IReadOnlyList<int>> Thresholds { get; init; } = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);

    public bool IsEnabled(BadgeDefinition badge)
    {
        ArgumentNullException.ThrowIfNull(badge);
        return !Disabled.Contains(badge.Id);
    }

    /// <summary>The team's thresholds for the badge's tiers, or the catalogue's when it has none (or none that fit).</summary>
    public IReadOnlyList<int> ThresholdsOf(BadgeDefinition badge)
    {
        ArgumentNullException.ThrowIfNull(badge);
        return Thresholds.TryGetValue(badge.Id, out var own) && own.Count == badge.Tiers.Count ? own : badge.DefaultThresholds;
    }

    public bool HasOwnThresholds(BadgeDefinition badge) =>
        Thresholds.TryGetValue(badge.Id, out var own) && own.Count == badge.Tiers.Count && !own.SequenceEqual(badge.DefaultThresholds);

    public BadgeSettings WithEnabled(string badgeId, bool enabled)
    {
        var disabled = new HashSet<string>(Disabled, StringComparer.Ordinal);
        if (enabled)
        {
            disabled.Remove(badgeId);
        }
        else
        {
            disabled.Add(badgeId);
        }

        return this with { Disabled = disabled };
    }

    public BadgeSettings WithThresholds(string badgeId, IReadOnlyList<int> thresholds) =>
        this with { Thresholds = new Dictionary<string, IReadOnlyList<int>>(Thresholds, StringComparer.Ordinal) { [badgeId] = thresholds } };
}
