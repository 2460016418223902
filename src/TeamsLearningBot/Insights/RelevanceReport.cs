namespace TeamsLearningBot.Insights;

/// <summary>Items and tags ranked by <see cref="ItemRelevance.Score"/>, best first, and the worst performers (to replace).</summary>
public sealed record RelevanceReport(double TeamMean, IReadOnlyList<ItemRelevance> Items, IReadOnlyList<TagRelevance> Tags, IReadOnlyList<ItemRelevance> Worst);
