using TeamsLearningBot.Content;

namespace TeamsLearningBot.Recognition.Suggestions;

/// <summary>
/// How much a suggestion may say. The reason becomes the item's "why this matters", so it shares
/// that field's limit; a few words at least, so a facilitator has something to judge.
/// </summary>
public static class SuggestionLimits
{
    public const int MinWhy = 10;
    public const int MaxWhy = ContentLimits.PerformanceNeed;
    public const int Url = ContentLimits.Url;
    public const int Note = 500;

    /// <summary>Pending suggestions a listing shows at once (each carries a decision form).</summary>
    public const int Listed = 5;
}
