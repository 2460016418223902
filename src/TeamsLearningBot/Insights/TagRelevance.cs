namespace TeamsLearningBot.Insights;

/// <summary>Relevance of a tag: its items' ratings together (mean null below the privacy floor), ordered by <see cref="Score"/>.</summary>
public sealed record TagRelevance(string Tag, int Items, int Ratings, double? Mean, double Score, int Reflections, GroupFigure People);
