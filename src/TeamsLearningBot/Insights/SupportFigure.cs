namespace TeamsLearningBot.Insights;

/// <summary>
/// Who might need support on a tag: counts of people who rated its items low (1–2★) or wrote that
/// they struggle, below the floor as "fewer than N"; <see cref="Named"/> lists only people who said
/// so in their own named words.
/// </summary>
public sealed record SupportFigure(GroupFigure LowRatings, GroupFigure Struggling, IReadOnlyList<string> Named);
