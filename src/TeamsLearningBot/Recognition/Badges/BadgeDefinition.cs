using TeamsLearningBot.Events;

namespace TeamsLearningBot.Recognition.Badges;

/// <summary>A badge of the catalogue (Recognition/Badges/Badges.json), as validated at start.</summary>
public sealed record BadgeDefinition
{
    /// <summary>Lower case words joined by hyphens, e.g. <c>point-of-need</c>; what facilitators type.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required FourR R { get; init; }

    public required string Emoji { get; init; }

    /// <summary>One line on what earns it.</summary>
    public required string Description { get; init; }

    public required BadgeCriterion Criterion { get; init; }

    /// <summary>The criterion's number (hours, words, reactions); 0 when it takes none.</summary>
    public int Parameter { get; init; }

    /// <summary>What the count counts, in words for progress ("7/10 items rated").</summary>
    public required string Unit { get; init; }

    /// <summary>The default tiers, lowest first; a team may change their thresholds.</summary>
    public required IReadOnlyList<BadgeTier> Tiers { get; init; }

    public LearnerEventKind Counts => BadgeCriteria.KindOf(Criterion);

    /// <summary>How a tier is named to people: its name, or "earned" for a single-level badge.</summary>
    public string TierLabel(int index) => Tiers[index].Name ?? "earned";

    public IReadOnlyList<int> DefaultThresholds => [.. Tiers.Select(t => t.Threshold)];
}

/// <summary>One level of a badge: its name (bronze, silver, gold; null for a badge with a single level) and the count that earns it.</summary>
public sealed record BadgeTier(string? Name, int Threshold);

/// <summary>The 4 Rs a badge rewards (Relevance, Rich, Rewards, Real; see docs/learners.md): every badge belongs to exactly one.</summary>
public enum FourR
{
    Relevance,
    Rich,
    Rewards,
    Real,
}
